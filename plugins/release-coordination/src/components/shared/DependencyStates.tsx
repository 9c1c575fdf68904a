import { EmptyState } from '@backstage/core-components';
import { shortRef } from './refs';
import { usePluginTranslation } from './translation';

/** The graph has not been derived from the catalog yet (a fresh install, before the first run). */
export function NotDerivedYetState() {
  const { t } = usePluginTranslation();
  return (
    <EmptyState
      missing="data"
      title={t('shared.notDerivedYet.title')}
      description={t('shared.notDerivedYet.description')}
    />
  );
}

/** The entity is newer than the snapshot, or is not something the graph covers. */
export function NotInGraphState(props: { entityRef: string }) {
  const { t } = usePluginTranslation();
  return (
    <EmptyState
      missing="data"
      title={t('shared.notInGraph.title', {
        name: shortRef(props.entityRef, t),
      })}
      description={t('shared.notInGraph.description')}
    />
  );
}
