export { TrainPage, TrainPageContent, TrainView } from './TrainPage';
