/**
 * Shared types, permissions, API client and pure domain logic of the release-coordination
 * plugins, used by both the frontend and the backend.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './client';
export * from './dependencies';
export * from './permissions';
export * from './trains';
export * from './outcomes';
export * from './retrospectives';
export * from './dictionary';
export * from './scorecards';
export {
  RELEASE_COORDINATION_SIGNAL_CHANNEL,
  type ReleaseCoordinationSignal,
  type TrainChangedSignal,
} from './signals';
