// Histories that modules replay through the plugin's own services, such as a demo's.

import {
  AuthService,
  DatabaseService,
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReleaseCoordinationHistoryReplay } from '@release-coordination/plugin-release-coordination-node';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { createHistoryContext } from '../history/historyContext';
import { runHistoryReplays } from '../history/runHistoryReplays';

/**
 * Runs the replays in the background once the backend is up: a replay waits for the catalog to
 * ingest what it names, and the catalog ingests only after the start.
 */
export async function startHistoryReplays(options: {
  replays: ReleaseCoordinationHistoryReplay[];
  lifecycle: LifecycleService;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  snapshots: DependencySnapshotService;
  services: Parameters<typeof createHistoryContext>[0]['services'];
}): Promise<void> {
  const { replays, database, catalog, auth, logger, snapshots, services } =
    options;
  if (replays.length === 0) return;
  const knex = await database.getClient();
  options.lifecycle.addStartupHook(() => {
    runHistoryReplays({
      knex,
      replays,
      logger,
      createContext: replayId =>
        createHistoryContext({
          replayId,
          database,
          catalog,
          auth,
          logger,
          snapshots,
          services,
        }),
    }).catch(error => logger.error(`History replays stopped: ${error}`));
  });
}
