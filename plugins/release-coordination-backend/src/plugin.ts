import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  gateApprovePermission,
  releaseCoordinationPermissions,
} from '@release-coordination/plugin-release-coordination-common';
import {
  GateRule,
  releaseCoordinationGateRulesExtensionPoint,
} from '@release-coordination/plugin-release-coordination-node';
import { DatabaseDependencySnapshotStore } from './dependencies/DatabaseDependencySnapshotStore';
import { DatabaseTrainStore } from './trains/DatabaseTrainStore';
import { createDependencyQueryService } from './dependencies/DependencyQueryService';
import { createDependencySnapshotService } from './dependencies/DependencySnapshotService';
import { createGateResourceLoader, gatePermissionResourceRef } from './permissions/gateResource';
import { gatePermissionRules } from './permissions/rules';
import { createDependencyRouter } from './dependencies/dependencyRouter';
import { GateRuleRegistry } from './gates/GateRuleRegistry';
import { readMaxWaiverDays } from './gates/config';
import { createRouter } from './router';
import { createTrainRouter } from './trains/trainRouter';
import { BUILT_IN_GATE_RULES } from './trains/rules';
import { readStageDefinitions } from './trains/stages';
import { createTrainService } from './trains/TrainService';
import { createTrainAnnouncer } from './trains/announcements';
import { readReleaseDictionary } from './dictionary/readDictionary';
import { DatabaseRetrospectiveStore } from './retrospectives/DatabaseRetrospectiveStore';
import { createPreviousActionItemsClosedRule } from './retrospectives/previousActionItemsClosed';
import { createActionItemReminders } from './retrospectives/reminders';
import { createRetrospectiveService } from './retrospectives/RetrospectiveService';
import { createDictionaryRouter } from './dictionary/dictionaryRouter';
import { createRetrospectiveRouter } from './retrospectives/retrospectiveRouter';
import { readMaxNotesPerTrain } from './retrospectives/config';
import { createParticipantAccess } from './outcomes/access';
import { readOutcomeSettings } from './outcomes/config';
import { DatabaseOutcomeStore } from './outcomes/DatabaseOutcomeStore';
import { createDeploymentService } from './outcomes/DeploymentService';
import { createFeatureFlagService } from './outcomes/FeatureFlagService';
import { sendFlagReminders } from './outcomes/flagReminders';
import { createRollbackService } from './outcomes/RollbackService';
import { createOutcomeGateRules } from './outcomes/rules';
import { createOutcomeRouter } from './outcomes/outcomeRouter';
import { DatabaseScorecardFacts } from './scorecards/DatabaseScorecardFacts';
import { createScorecardService } from './scorecards/ScorecardService';
import { createScorecardRouter } from './scorecards/scorecardRouter';

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
        lifecycle: coreServices.lifecycle,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, database, httpRouter, httpAuth, auth, permissions, scheduler, catalog } =
          deps;
        // Rules over action items read them from the database while a stage is advanced.
        const retrospectiveStore = await DatabaseRetrospectiveStore.create({ database });
        // Rollback readiness and flag expiry are read from the database the same way.
        const outcomeSettings = readOutcomeSettings(config);
        const outcomeStore = await DatabaseOutcomeStore.create({ database });
        const builtInGateRules = [
          ...BUILT_IN_GATE_RULES,
          createPreviousActionItemsClosedRule({ actionItems: retrospectiveStore }),
          ...createOutcomeGateRules({
            store: outcomeStore,
            maxRehearsalAgeDays: outcomeSettings.maxRehearsalAgeDays,
          }),
        ];
        // Built-in rules are looked up after module rules were added, so a clash is caught here.
        for (const rule of builtInGateRules) {
          if (gateRules.get(rule.id)) {
            throw new Error(`Gate rule '${rule.id}' is built in; a module cannot replace it`);
          }
        }
        const builtInRules = new Map(builtInGateRules.map(rule => [rule.id, rule as GateRule]));
        const gateRule = (id: string) => builtInRules.get(id) ?? gateRules.get(id);
        // Fails the start with every configuration mistake listed.
        const stages = readStageDefinitions(config, id => gateRule(id) !== undefined);
        const dependencyConfig = config.getOptionalConfig('releaseCoordination.dependencies');
        const dictionary = readReleaseDictionary(config);

        deps.permissionsRegistry.addPermissions(releaseCoordinationPermissions);

        const trainStore = await DatabaseTrainStore.create({ database });
        const loadGates = createGateResourceLoader(trainStore);
        // Policies may answer gate permissions with conditions on the gate (IS_GATE_APPROVER);
        // the permission backend evaluates them through the gates loaded here.
        deps.permissionsRegistry.addResourceType({
          resourceRef: gatePermissionResourceRef,
          permissions: [gateApprovePermission],
          rules: Object.values(gatePermissionRules),
          getResources: loadGates,
        });
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
        // One announcer for every feature: announcements go out after the answer, and a
        // stopping backend first lets those under way finish.
        const announcer = createTrainAnnouncer({
          signals: deps.signals,
          notifications: deps.notifications,
          logger,
        });
        deps.lifecycle.addShutdownHook(() => announcer.settled());
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
          announcer,
          maxWaiverDays: readMaxWaiverDays(config),
        });

        // A new graph may name new owners: participants of active trains follow them. A failed
        // follow-up is only logged; the next refresh tries again.
        const refreshDependencies = async () => {
          const meta = await snapshots.refresh();
          try {
            const { changed } = await trains.syncParticipantOwners();
            if (changed > 0) logger.info(`Updated the owner of ${changed} train participant(s)`);
          } catch (error) {
            logger.warn(`Could not bring train participants' owners up to date: ${error}`);
          }
          return meta;
        };

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
            await refreshDependencies();
          },
        });

        const retrospectives = createRetrospectiveService({
          store: retrospectiveStore,
          trains,
          snapshots,
          userInfo: deps.userInfo,
          permissions,
          auditor: deps.auditor,
          announcer,
          maxNotesPerTrain: readMaxNotesPerTrain(config),
        });
        const reminders = createActionItemReminders({
          store: retrospectiveStore,
          snapshots,
          notifications: deps.notifications,
          logger,
        });
        const reminderConfig = config.getOptionalConfig('releaseCoordination.actionItems');
        // One replica reminds; the reminder is recorded per item, so nobody hears it twice.
        await scheduler.scheduleTask({
          id: 'release-coordination-action-item-reminders',
          scope: 'global',
          ...(reminderConfig?.has('reminders')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                reminderConfig.getConfig('reminders'),
              )
            : { frequency: { hours: 1 }, timeout: { minutes: 10 }, initialDelay: { minutes: 1 } }),
          fn: async () => {
            const { sent, unsent } = await reminders.sendOverdueReminders();
            if (sent + unsent > 0) {
              logger.info(`Reminded owners of ${sent} overdue action item(s); ${unsent} not sent`);
            }
          },
        });

        const participantAccess = createParticipantAccess({ permissions, userInfo: deps.userInfo });
        const outcomeDeps = {
          store: outcomeStore,
          trains: trainStore,
          snapshots,
          auditor: deps.auditor,
          announcer,
        };
        const deployments = createDeploymentService({
          ...outcomeDeps,
          productionEnvironment: outcomeSettings.productionEnvironment,
        });
        const rollbacks = createRollbackService({
          ...outcomeDeps,
          access: participantAccess,
          maxRehearsalAgeDays: outcomeSettings.maxRehearsalAgeDays,
        });
        const flags = createFeatureFlagService({
          ...outcomeDeps,
          access: participantAccess,
          remindBeforeDays: outcomeSettings.remindBeforeDays,
          maxLifetimeDays: outcomeSettings.maxFlagLifetimeDays,
        });
        // One replica reminds; each reminder is claimed in the database before it is sent.
        await scheduler.scheduleTask({
          id: 'release-coordination-flag-reminders',
          scope: 'global',
          ...outcomeSettings.reminderSchedule,
          fn: async () => {
            const sent = await sendFlagReminders({
              store: outcomeStore,
              trains: trainStore,
              notifications: deps.notifications,
              logger,
              remindBeforeDays: outcomeSettings.remindBeforeDays,
            });
            if (sent > 0) logger.info(`Reminded owners about ${sent} expiring feature flag(s)`);
          },
        });

        // Read-only over the tables the migrations above created. Production is the same
        // environment that deployment reports treat as production.
        const scorecards = createScorecardService({
          facts: new DatabaseScorecardFacts(await database.getClient()),
          snapshots,
          settings: {
            productionEnvironment: outcomeSettings.productionEnvironment,
            hotfixWindowHours: outcomeSettings.hotfixWindowHours,
          },
        });

        httpRouter.use(
          await createRouter({
            resourceRouters: [
              createDependencyRouter({
                httpAuth,
                permissions,
                snapshots: { ...snapshots, refresh: refreshDependencies },
                queries,
              }),
              createTrainRouter({
                httpAuth,
                permissions,
                trains,
                gateConditions: {
                  getResources: loadGates,
                  // Looked up by name per decision: also rules that modules registered for gates.
                  isAllowed: createConditionAuthorizer(
                    deps.permissionsRegistry.getPermissionRuleset(gatePermissionResourceRef),
                  ),
                },
              }),
              createRetrospectiveRouter({ httpAuth, retrospectives }),
              createDictionaryRouter({ httpAuth, dictionary }),
              createOutcomeRouter({ httpAuth, permissions, deployments, rollbacks, flags }),
              createScorecardRouter({ httpAuth, scorecards }),
            ],
          }),
        );
        logger.info(`Release coordination started with ${gateRules.size} custom gate rule(s)`);
      },
    });
  },
});
