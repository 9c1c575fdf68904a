/**
 * Release coordination for Backstage: release trains, ownership and dependency-matrix pages.
 * This entry point serves the legacy frontend system; `./alpha` serves the new one.
 *
 * @packageDocumentation
 */

export {
  releaseCoordinationPlugin,
  ReleaseCoordinationPage,
  ReleaseCoordinationApprovalsPage,
  EntityReleaseTrainsContent,
  EntityDependencyMatrixContent,
  EntityOwnershipContent,
} from './plugin';
export {
  isDependencyMatrixAvailable,
  isOwnershipAvailable,
  isReleaseTrainsAvailable,
} from './filters';
export { releaseCoordinationApiRef } from './api';
