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
import { DatabaseDependencySnapshotStore } from './dependencies/DatabaseDependencySnapshotStore';
import { createDependencyQueryService } from './dependencies/DependencyQueryService';
import { createVisibilityResolver } from './access';
import { createDependencySnapshotService } from './dependencies/DependencySnapshotService';
import { GateRuleRegistry } from './gates/GateRuleRegistry';
import { readMaxWaiverDays } from './gates/config';
import { createRouter } from './router';
import { registerReleaseCoordinationActions } from './actions';
import { readStageDefinitions } from './trains/stages';
import { readReleaseDictionary } from './dictionary/readDictionary';
import { readOutcomeSettings } from './outcomes/config';
import { readMaxNotesPerTrain } from './retrospectives/config';
import { readEnvironments } from './delivery/config';
import { createEnvironmentSource } from './delivery/environments';
import { createFreezeService } from './freezes/FreezeService';
import { readConfiguredFreezes } from './freezes/config';
import { createCalendarService } from './calendar/CalendarService';
import { createStandupService } from './standup/StandupService';
import { readAttributionWindowHours } from './incidents/config';
import { takeStartupTurn } from './database/migrations';
import { createHistoryContext } from './history/historyContext';
import { runHistoryReplays } from './history/runHistoryReplays';
import {
  createReleaseCoordinationServices,
  createReleaseCoordinationStores,
} from './services';
import { assembleGateRules } from './wiring/gateRules';
import { registerPermissionResources } from './wiring/permissionResources';
import { createResourceRouters } from './wiring/resourceRouters';
import { scheduleReleaseCoordinationTasks } from './wiring/scheduledTasks';
import { createCachedScorecards } from './wiring/scorecards';

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
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, database, httpRouter, httpAuth, auth, permissions, scheduler, catalog } =
          deps;
        // Replicas starting together on one empty database take turns until their scheduled
        // tasks are registered (our migrations, then the scheduler's tables).
        const startupTurn = await takeStartupTurn(await database.getClient());
        // Links in notifications open the train pages where the app mounts them.
        const notifications = withPortalLinks(deps.notifications, readPortalMount(config));
        // Rules over action items, rollback readiness and flag expiry read them from the
        // database while a stage is advanced.
        const stores = await createReleaseCoordinationStores({ database });
        const trainStore = stores.trains;
        const outcomeSettings = readOutcomeSettings(config);
        // In order from the catalog's Environment entities when it has some, else the app-config.
        const environments = createEnvironmentSource({
          configured: readEnvironments(config, outcomeSettings.productionEnvironment),
          productionEnvironment: outcomeSettings.productionEnvironment,
          catalog,
          auth,
          logger,
        });
        const dependencyConfig = config.getOptionalConfig('releaseCoordination.dependencies');
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
        // Change freezes of the app-config and those release managers declare; deploy
        // readiness and the change-freeze gate rule read them.
        const freezes = createFreezeService({
          store: stores.freezes,
          configured: readConfiguredFreezes(config),
          snapshots,
          auditor: deps.auditor,
        });
        // Trains' planned windows across teams, and where they collide with each other or
        // with a freeze.
        const calendar = createCalendarService({
          store: stores.calendar,
          trains: trainStore,
          freezes,
          snapshots,
        });
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
        if (historyReplays.length > 0) {
          // In the background once the backend is up: a replay waits for the catalog to ingest
          // what it names, and the catalog ingests only after the start.
          const knex = await database.getClient();
          deps.lifecycle.addStartupHook(() => {
            runHistoryReplays({
              knex,
              replays: historyReplays,
              logger,
              createContext: replayId =>
                createHistoryContext({
                  replayId,
                  database,
                  catalog,
                  auth,
                  logger,
                  snapshots,
                  services: serviceDeps,
                }),
            }).catch(error => logger.error(`History replays stopped: ${error}`));
          });
        }
        logger.info(`Release coordination started with ${gateRules.size} custom gate rule(s)`);
      },
    });
  },
});
