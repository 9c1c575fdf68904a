export { SnapshotAge, formatSnapshotAge } from './SnapshotAge';
export { CatalogRefLink, CatalogRefLinks } from './CatalogRefLink';
export { DependencyProblemAlert, DependencyProblemAlerts } from './DependencyProblemAlerts';
export { NotDerivedYetState, NotInGraphState } from './DependencyStates';
export { isNotFoundError } from './errors';
export { isFullEntityRef, kindOfRef, sameRef, shortRef } from './refs';
