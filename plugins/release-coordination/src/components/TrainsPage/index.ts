export { TrainsPage, TrainsList } from './TrainsPage';
