// What every feature stands on: the stores, the dependency graph, the environments, the
// change freezes and the release calendar.

import {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createCalendarService } from '../calendar/CalendarService';
import { readEnvironments } from '../delivery/config';
import { createEnvironmentSource } from '../delivery/environments';
import { DatabaseDependencySnapshotStore } from '../dependencies/DatabaseDependencySnapshotStore';
import { createDependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { readConfiguredFreezes } from '../freezes/config';
import { createFreezeService } from '../freezes/FreezeService';
import { readOutcomeSettings } from '../outcomes/config';
import { createReleaseCoordinationStores } from '../services';

export async function assembleFoundations(options: {
  config: Config;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  auditor: AuditorService;
}) {
  const { config, database, catalog, auth, logger } = options;
  // Rules over action items, rollback readiness and flag expiry read them from the database
  // while a stage is advanced.
  const stores = await createReleaseCoordinationStores({ database });
  const outcomeSettings = readOutcomeSettings(config);
  // In order from the catalog's Environment entities when it has some, else the app-config.
  const environments = createEnvironmentSource({
    configured: readEnvironments(config, outcomeSettings.productionEnvironment),
    productionEnvironment: outcomeSettings.productionEnvironment,
    catalog,
    auth,
    logger,
  });
  const dependencyConfig = config.getOptionalConfig(
    'releaseCoordination.dependencies',
  );
  const snapshots = createDependencySnapshotService({
    store: new DatabaseDependencySnapshotStore(
      await database.getClient(),
      dependencyConfig?.getOptionalNumber('keepSnapshots') ?? 3,
    ),
    catalog,
    auth,
    logger,
    pageSize: dependencyConfig?.getOptionalNumber('pageSize') ?? 1000,
  });
  // Change freezes of the app-config and those release managers declare; deploy readiness
  // and the change-freeze gate rule read them.
  const freezes = createFreezeService({
    store: stores.freezes,
    configured: readConfiguredFreezes(config),
    snapshots,
    auditor: options.auditor,
  });
  // Trains' planned windows across teams, and where they collide with each other or with a
  // freeze.
  const calendar = createCalendarService({
    store: stores.calendar,
    trains: stores.trains,
    freezes,
    snapshots,
  });
  return {
    stores,
    outcomeSettings,
    environments,
    snapshots,
    freezes,
    calendar,
  };
}
