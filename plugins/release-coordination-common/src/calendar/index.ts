export {
  COLLISION_KINDS,
  type CalendarTrain,
  type CollisionKind,
  type ReleaseCalendar,
  type ReleaseCalendarRequest,
  type TrainCollision,
  type TrainCollisionsResponse,
} from './types';
