// The scorecards the routes and actions hand out: computed from the decision log and the
// dependency graph, and kept until either changes.

import { Config } from '@backstage/config';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { OutcomeSettings } from '../outcomes/config';
import {
  cachedScorecards,
  readScorecardMaxAge,
} from '../scorecards/cachedScorecards';
import { DatabaseScorecardFacts } from '../scorecards/DatabaseScorecardFacts';
import {
  createScorecardService,
  ScorecardService,
} from '../scorecards/ScorecardService';

export async function createCachedScorecards(options: {
  config: Config;
  database: DatabaseService;
  snapshots: DependencySnapshotService;
  outcomeSettings: OutcomeSettings;
}): Promise<ScorecardService> {
  const { snapshots, outcomeSettings } = options;
  // Read-only over the plugin's tables. Production is the same environment that deployment
  // reports treat as production.
  const facts = new DatabaseScorecardFacts(await options.database.getClient());
  return cachedScorecards({
    scorecards: createScorecardService({
      facts,
      snapshots,
      settings: {
        productionEnvironment: outcomeSettings.productionEnvironment,
        hotfixWindowHours: outcomeSettings.hotfixWindowHours,
      },
    }),
    // Roll-ups follow the catalog: a new snapshot may move a team or a component.
    changeMark: async () =>
      `${await facts.changeMark()}@${(await snapshots.latest())?.version ?? '-'}`,
    maxAgeSeconds: readScorecardMaxAge(options.config),
  });
}
