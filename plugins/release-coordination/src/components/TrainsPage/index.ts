export { TrainsPage, TrainsPageContent, TrainsList } from './TrainsPage';
export { NewTrainDialog, DEFAULT_STAGES } from './NewTrainDialog';
export { TrainsTimeline } from './TrainsTimeline';
