export {
  ReleaseCalendarContent,
  ReleaseCalendarPage,
} from './ReleaseCalendarPage';
export { TrainCollisionsCard } from './TrainCollisionsCard';
