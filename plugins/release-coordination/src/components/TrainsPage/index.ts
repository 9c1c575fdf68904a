export { TrainsPage, TrainsPageContent, TrainsList } from './TrainsPage';
