import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { releaseCoordinationPermissions } from '@release-coordination/plugin-release-coordination-common';
import {
  GateRule,
  releaseCoordinationGateRulesExtensionPoint,
} from '@release-coordination/plugin-release-coordination-node';
import { DatabaseDependencySnapshotStore } from './database/DatabaseDependencySnapshotStore';
import { DatabaseTrainStore } from './database/DatabaseTrainStore';
import { createDependencyQueryService } from './dependencies/DependencyQueryService';
import { createDependencySnapshotService } from './dependencies/DependencySnapshotService';
import { createDependencyRouter } from './service/dependencyRouter';
import { GateRuleRegistry } from './service/GateRuleRegistry';
import { createRouter } from './service/router';
import { createTrainRouter } from './service/trainRouter';
import { BUILT_IN_GATE_RULES } from './trains/rules';
import { readStageDefinitions } from './trains/stages';
import { createTrainService } from './trains/TrainService';

/**
 * The release-coordination backend plugin, mounted at `/api/release-coordination`.
 *
 * @public
 */
export const releaseCoordinationPlugin = createBackendPlugin({
  pluginId: 'release-coordination',
  register(env) {
    const gateRules = new GateRuleRegistry();
    env.registerExtensionPoint(releaseCoordinationGateRulesExtensionPoint, {
      addGateRule(...rules: GateRule[]) {
        gateRules.add(...rules);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, database, httpRouter, httpAuth, auth, permissions, scheduler, catalog } =
          deps;
        // Built-in rules are looked up after module rules were added, so a clash is caught here.
        for (const rule of BUILT_IN_GATE_RULES) {
          if (gateRules.get(rule.id)) {
            throw new Error(`Gate rule '${rule.id}' is built in; a module cannot replace it`);
          }
        }
        const builtInRules = new Map(BUILT_IN_GATE_RULES.map(rule => [rule.id, rule as GateRule]));
        const gateRule = (id: string) => builtInRules.get(id) ?? gateRules.get(id);
        // Fails the start with every configuration mistake listed.
        const stages = readStageDefinitions(config, id => gateRule(id) !== undefined);
        const dependencyConfig = config.getOptionalConfig('releaseCoordination.dependencies');

        deps.permissionsRegistry.addPermissions(releaseCoordinationPermissions);

        const trainStore = await DatabaseTrainStore.create({ database });
        const snapshotStore = new DatabaseDependencySnapshotStore(
          await database.getClient(),
          dependencyConfig?.getOptionalNumber('keepSnapshots') ?? 3,
        );
        const snapshots = createDependencySnapshotService({
          store: snapshotStore,
          catalog,
          auth,
          logger,
          pageSize: dependencyConfig?.getOptionalNumber('pageSize') ?? 1000,
        });
        const queries = createDependencyQueryService({ snapshots, auth, catalog });
        const trains = createTrainService({
          store: trainStore,
          snapshots,
          userInfo: deps.userInfo,
          auditor: deps.auditor,
          stages,
          gateRule,
          signals: deps.signals,
          notifications: deps.notifications,
          logger,
        });

        // One replica derives the graph at a time; the others read the stored snapshot.
        await scheduler.scheduleTask({
          id: 'release-coordination-dependency-refresh',
          scope: 'global',
          ...(dependencyConfig?.has('refresh')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                dependencyConfig.getConfig('refresh'),
              )
            : { frequency: { minutes: 10 }, timeout: { minutes: 5 }, initialDelay: { seconds: 15 } }),
          fn: async () => {
            await snapshots.refresh();
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            trainStore,
            resourceRouters: [
              createDependencyRouter({ httpAuth, permissions, snapshots, queries }),
              createTrainRouter({ httpAuth, permissions, trains }),
            ],
          }),
        );
        logger.info(`Release coordination started with ${gateRules.size} custom gate rule(s)`);
      },
    });
  },
});
