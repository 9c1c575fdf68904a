import { EmptyState } from '@backstage/core-components';
import { shortRef } from './refs';

/** The graph has not been derived from the catalog yet (a fresh install, before the first run). */
export function NotDerivedYetState() {
  return (
    <EmptyState
      missing="data"
      title="No dependencies derived yet — the graph refreshes on a schedule"
      description={
        'The dependency graph is derived from catalog relations (dependsOn, ' +
        'providesApi/consumesApi, ownedBy) by a scheduled task. Come back after its first run.'
      }
    />
  );
}

/** The entity is newer than the snapshot, or is not something the graph covers. */
export function NotInGraphState(props: { entityRef: string }) {
  return (
    <EmptyState
      missing="data"
      title={`${shortRef(props.entityRef)} is not in the dependency graph yet`}
      description={
        'The graph is a snapshot of the catalog, refreshed on a schedule: entities registered ' +
        'or renamed since the last refresh appear after the next one.'
      }
    />
  );
}
