import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DEPENDENCY_NODE_KINDS,
  DEPENDENCY_SCOPE_KINDS,
  kindOfEntity,
} from '../../filters';
import { releaseCoordinationTranslationRef } from '../../translations';
import { EntityDependencies } from './EntityDependencies';
import { ScopeDependencyMatrix } from './ScopeDependencyMatrix';

/**
 * The Dependency matrix tab of an entity page: for a Component or Resource its dependencies,
 * blast radius and deployment order; for a System, Domain or Group the team × team matrix of
 * what it contains or owns.
 */
export function EntityDependencyMatrixContent() {
  const { entity } = useEntity();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
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
      title={t('dependencies.noMatrix.title', { kind: entity.kind })}
      description={t('dependencies.noMatrix.description')}
    />
  );
}
