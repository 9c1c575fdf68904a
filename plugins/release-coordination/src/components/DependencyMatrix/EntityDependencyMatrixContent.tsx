import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DEPENDENCY_NODE_KINDS,
  DEPENDENCY_SCOPE_KINDS,
  kindOfEntity,
} from '../../filters';
import { EntityDependencies } from './EntityDependencies';
import { ScopeDependencyMatrix } from './ScopeDependencyMatrix';

/**
 * The Dependency matrix tab of an entity page: for a Component or Resource its dependencies,
 * blast radius and deployment order; for a System, Domain or Group the team × team matrix of
 * what it contains or owns.
 */
export function EntityDependencyMatrixContent() {
  const { entity } = useEntity();
  // The dependency graph keeps refs lowercase; catalog refs compare case-insensitively.
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const kind = kindOfEntity(entity);

  if (DEPENDENCY_NODE_KINDS.includes(kind)) {
    return <EntityDependencies entityRef={entityRef} />;
  }
  if (DEPENDENCY_SCOPE_KINDS.includes(kind)) {
    return <ScopeDependencyMatrix scope={entityRef} />;
  }
  return (
    <EmptyState
      missing="info"
      title={`No dependency matrix for a ${entity.kind}`}
      description={
        'Dependencies are derived for Components and Resources, and rolled up for Systems, ' +
        'Domains and Groups.'
      }
    />
  );
}
