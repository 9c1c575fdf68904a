export { releaseCoordinationApiRef } from './ReleaseCoordinationApi';
