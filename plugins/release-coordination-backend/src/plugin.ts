import { readPortalMount, withPortalLinks } from './notifications/portalLinks';
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  GateRule,
  ReleaseCoordinationHistoryReplay,
  releaseCoordinationGateRulesExtensionPoint,
  releaseCoordinationHistoryExtensionPoint,
} from '@release-coordination/plugin-release-coordination-node';
import { createDependencyQueryService } from './dependencies/DependencyQueryService';
import { createVisibilityResolver } from './access';
import { GateRuleRegistry } from './gates/GateRuleRegistry';
import { readMaxWaiverDays } from './gates/config';
import { createRouter } from './router';
import { registerReleaseCoordinationActions } from './actions';
import { readStageDefinitions } from './trains/stages';
import { readReleaseDictionary } from './dictionary/readDictionary';
import { readMaxNotesPerTrain } from './retrospectives/config';
import { createStandupService } from './standup/StandupService';
import { readAttributionWindowHours } from './incidents/config';
import { takeStartupTurn } from './database/migrations';
import { createReleaseCoordinationServices } from './services';
import { assembleGateRules } from './wiring/gateRules';
import { registerPermissionResources } from './wiring/permissionResources';
import { createResourceRouters } from './wiring/resourceRouters';
import { scheduleReleaseCoordinationTasks } from './wiring/scheduledTasks';
import { createCachedScorecards } from './wiring/scorecards';
import { assembleFoundations } from './wiring/foundations';
import { startHistoryReplays } from './wiring/historyReplays';

/** The services the plugin is built from. */
const pluginDeps = {
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
  lifecycle: coreServices.lifecycle,
  catalog: catalogServiceRef,
  signals: signalsServiceRef,
  notifications: notificationService,
  actionsRegistry: actionsRegistryServiceRef,
};

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
    const historyReplays: ReleaseCoordinationHistoryReplay[] = [];
    env.registerExtensionPoint(releaseCoordinationHistoryExtensionPoint, {
      addHistoryReplay(replay: ReleaseCoordinationHistoryReplay) {
        if (historyReplays.some(other => other.id === replay.id)) {
          throw new Error(`History replay '${replay.id}' is registered twice`);
        }
        historyReplays.push(replay);
      },
    });

    env.registerInit({
      deps: pluginDeps,
      async init(deps) {
        const { config, logger, database, httpRouter, httpAuth, auth, permissions, scheduler, catalog } =
          deps;
        // Replicas starting together on one empty database take turns until their scheduled
        // tasks are registered (our migrations, then the scheduler's tables).
        const startupTurn = await takeStartupTurn(await database.getClient());
        // Links in notifications open the train pages where the app mounts them.
        const notifications = withPortalLinks(deps.notifications, readPortalMount(config));
        const { stores, outcomeSettings, environments, snapshots, freezes, calendar } =
          await assembleFoundations({ config, database, catalog, auth, logger, auditor: deps.auditor });
        const trainStore = stores.trains;
        // Fails the start naming a module rule that would replace a built-in one.
        const gateRule = assembleGateRules({
          config,
          stores,
          moduleRules: gateRules,
          outcomeSettings,
          environments,
          freezes,
          calendar,
        });
        // Fails the start with every configuration mistake listed.
        const stages = readStageDefinitions(config, id => gateRule(id) !== undefined);
        const dictionary = readReleaseDictionary(config);
        const { gateConditions, trainConditions } = registerPermissionResources(
          deps.permissionsRegistry,
          trainStore,
        );
        const queries = createDependencyQueryService({ snapshots, auth, catalog });
        // Answers name only what each caller may read in the catalog.
        const visibility = createVisibilityResolver({ catalog, auth });
        const serviceDeps = {
          stages,
          gateRule,
          snapshots,
          userInfo: deps.userInfo,
          permissions,
          trainConditions,
          auditor: deps.auditor,
          signals: deps.signals,
          notifications,
          logger,
          outcomeSettings,
          limits: {
            maxWaiverDays: readMaxWaiverDays(config),
            maxNotesPerTrain: readMaxNotesPerTrain(config),
          },
          attributionWindowHours: readAttributionWindowHours(config),
        };
        const services = createReleaseCoordinationServices({ ...serviceDeps, stores });
        // Announcements go out after the answer: a stopping backend first lets those under
        // way finish.
        deps.lifecycle.addShutdownHook(() => services.announcer.settled());

        const standups = createStandupService({ trains: trainStore, calendar, freezes });
        await scheduleReleaseCoordinationTasks({
          config,
          scheduler,
          logger,
          notifications,
          stores,
          snapshots,
          trains: services.trains,
          standups,
          outcomeSettings,
        });
        await startupTurn.end();

        const scorecards = await createCachedScorecards({
          config,
          database,
          snapshots,
          outcomeSettings,
        });
        // The same services and checks as the routes below, for assistants and automation.
        registerReleaseCoordinationActions({
          registry: deps.actionsRegistry,
          permissions,
          trains: services.trains,
          visibility,
          gateConditions,
          queries,
          scorecards,
        });

        httpRouter.use(
          await createRouter({
            resourceRouters: createResourceRouters({
              config,
              httpAuth,
              permissions,
              auth,
              catalog,
              scheduler,
              visibility,
              gateConditions,
              stores,
              services,
              snapshots,
              queries,
              scorecards,
              freezes,
              calendar,
              standups,
              environments,
              outcomeSettings,
              dictionary,
            }),
          }),
        );
        await startHistoryReplays({
          replays: historyReplays,
          lifecycle: deps.lifecycle,
          database,
          catalog,
          auth,
          logger,
          snapshots,
          services: serviceDeps,
        });
        logger.info(`Release coordination started with ${gateRules.size} custom gate rule(s)`);
      },
    });
  },
});
