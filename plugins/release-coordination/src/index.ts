/**
 * Release coordination for Backstage: release trains, my approvals, the release calendar,
 * release cadences, scorecards, the release dictionary, and the ownership and dependency-matrix tabs of entity pages.
 * This entry point serves the legacy frontend system; `./alpha` serves the new one.
 *
 * @packageDocumentation
 */

export {
  releaseCoordinationPlugin,
  ReleaseCoordinationPage,
  ReleaseCoordinationApprovalsPage,
  ReleaseCoordinationScorecardsPage,
  ReleaseCoordinationCalendarPage,
  ReleaseCoordinationCadencesPage,
  ReleaseCoordinationDictionaryPage,
  EntityReleaseTrainsContent,
  EntityReleaseTrainCard,
  HomePageMyApprovalsCard,
  EntityDependencyMatrixContent,
  EntityOwnershipContent,
} from './plugin';
export {
  isDependencyMatrixAvailable,
  isOwnershipAvailable,
  isReleaseTrainsAvailable,
} from './filters';
export { releaseCoordinationApiRef } from './api';
