import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  releaseCoordination?: {
    dependencies?: {
      /**
       * How often the dependency graph is derived again from the catalog, across all backend
       * replicas (one runs it). Default: every 10 minutes, with a 5 minute timeout.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How many entities to read per catalog request. Default 1000. */
      pageSize?: number;
      /** How many snapshots to keep in the database. Default 3. */
      keepSnapshots?: number;
    };
  };
}
