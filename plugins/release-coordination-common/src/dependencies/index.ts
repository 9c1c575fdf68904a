export * from './types';
export * from './api';
export { normalizeEntityRef, entityRefKind } from './refs';
export * from './derive';
export * from './DependencyIndex';
export * from './queries';
