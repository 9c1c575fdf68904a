import { Entity } from '@backstage/catalog-model';

// Kept apart from the components so that the tab filters load without the tabs' code.

/** Kinds that are nodes of the dependency graph: they have upstream and downstream. */
export const DEPENDENCY_NODE_KINDS = ['component', 'resource'];
/** Kinds that group nodes: their tab shows the team × team matrix of their members. */
export const DEPENDENCY_SCOPE_KINDS = ['system', 'domain', 'group'];
/** Kinds that have a Release trains tab. */
export const RELEASE_TRAINS_KINDS = ['component', 'system'];
/** Kinds that have an Ownership tab. */
export const OWNERSHIP_KINDS = ['component', 'system', 'api', 'group'];

/** The entity's kind, lowercase: catalog kinds compare case-insensitively. */
export function kindOfEntity(entity: Entity): string {
  return entity.kind.toLocaleLowerCase('en-US');
}

/**
 * Whether an entity page gets the Dependency matrix tab: Components and Resources (their own
 * dependencies), Systems, Domains and Groups (the team matrix of what they contain or own).
 *
 * @public
 */
export function isDependencyMatrixAvailable(entity: Entity): boolean {
  const kind = kindOfEntity(entity);
  return DEPENDENCY_NODE_KINDS.includes(kind) || DEPENDENCY_SCOPE_KINDS.includes(kind);
}

/**
 * Whether an entity page gets the Ownership tab: Components, Systems, APIs and Groups.
 *
 * @public
 */
export function isOwnershipAvailable(entity: Entity): boolean {
  return OWNERSHIP_KINDS.includes(kindOfEntity(entity));
}

/**
 * Whether an entity page gets the Release trains tab: Components and Systems.
 *
 * @public
 */
export function isReleaseTrainsAvailable(entity: Entity): boolean {
  return RELEASE_TRAINS_KINDS.includes(kindOfEntity(entity));
}
