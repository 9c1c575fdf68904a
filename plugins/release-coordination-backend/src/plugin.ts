import { readPortalMount, withPortalLinks } from './notifications/portalLinks';
import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  gateApprovePermission,
  releaseCoordinationPermissions,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
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
import { createGateResourceLoader, gatePermissionResourceRef } from './permissions/gateResource';
import { gatePermissionRules } from './permissions/rules';
import { createTrainResourceLoader, trainPermissionResourceRef } from './permissions/trainResource';
import { trainPermissionRules } from './permissions/trainRules';
import { createTrainConditions } from './permissions/trainConditions';
import { createDependencyRouter } from './dependencies/dependencyRouter';
import { DEPENDENCY_REFRESH_TASK_ID } from './dependencies/refreshTask';
import { GateRuleRegistry } from './gates/GateRuleRegistry';
import { readMaxWaiverDays } from './gates/config';
import { createRouter } from './router';
import { registerReleaseCoordinationActions } from './actions';
import { createTrainRouter } from './trains/trainRouter';
import { BUILT_IN_GATE_RULES } from './trains/rules';
import { readStageDefinitions } from './trains/stages';
import { readReleaseDictionary } from './dictionary/readDictionary';
import { createPreviousActionItemsClosedRule } from './retrospectives/previousActionItemsClosed';
import { createActionItemReminders } from './retrospectives/reminders';
import { createDictionaryRouter } from './dictionary/dictionaryRouter';
import { createRetrospectiveRouter } from './retrospectives/retrospectiveRouter';
import { readOutcomeSettings } from './outcomes/config';
import { readMaxNotesPerTrain } from './retrospectives/config';
import { sendFlagReminders } from './outcomes/flagReminders';
import { createOutcomeGateRules } from './outcomes/rules';
import { createOutcomeRouter } from './outcomes/outcomeRouter';
import { DatabaseScorecardFacts } from './scorecards/DatabaseScorecardFacts';
import { createScorecardService } from './scorecards/ScorecardService';
import { readEnvironments } from './delivery/config';
import { createDeployReadiness } from './delivery/deployReadiness';
import { createCompatibilityMatrix } from './delivery/compatibilityMatrix';
import { createEnvironmentMatrix } from './delivery/environmentMatrix';
import { createDeliveryRouter } from './delivery/deliveryRouter';
import { createEnvironmentSource } from './delivery/environments';
import { createIncidentRouter } from './incidents/incidentRouter';
import { createPagerDutyServiceLookup } from './incidents/pagerdutyServices';
import { createIndicatorRouter } from './indicators/indicatorRouter';
import { createFreezeService } from './freezes/FreezeService';
import { createFreezeRouter } from './freezes/freezeRouter';
import { createChangeFreezeRule } from './freezes/rules';
import { readConfiguredFreezes } from './freezes/config';
import { createCalendarService } from './calendar/CalendarService';
import { createCalendarRouter } from './calendar/calendarRouter';
import { createNoCollisionsRule } from './calendar/rules';
import { createRiskService } from './risk/RiskService';
import { createRiskRouter } from './risk/riskRouter';
import { readRiskWeights } from './risk/config';
import { createStandupService } from './standup/StandupService';
import { createStandupRouter } from './standup/standupRouter';
import { createStandupDigest } from './standup/digest';
import { readStandupDigestSettings } from './standup/config';
import { createRunbookService } from './runbook/RunbookService';
import { createRunbookRouter } from './runbook/runbookRouter';
import { readRunbookSettings } from './runbook/config';
import { createReviewReader } from './review/ReviewReader';
import { createCadenceRouter } from './cadences/cadenceRouter';
import { createReviewRouter } from './review/reviewRouter';
import { createReleaseReviewHeldRule } from './review/rules';
import { loadTrainDependencyDrift } from './trains/dependencyDrift';
import { createReviewCoverageRule, readIndicatorRuleSettings } from './indicators/rules';
import { readAttributionWindowHours } from './incidents/config';
import { createEnvironmentParityRule } from './delivery/rules';
import { cachedScorecards, readScorecardMaxAge } from './scorecards/cachedScorecards';
import { createScorecardRouter } from './scorecards/scorecardRouter';
import { takeStartupTurn } from './database/migrations';
import { createHistoryContext } from './history/historyContext';
import { runHistoryReplays } from './history/runHistoryReplays';
import {
  createReleaseCoordinationServices,
  createReleaseCoordinationStores,
} from './services';

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
        const { trains: trainStore, retrospectives: retrospectiveStore, outcomes: outcomeStore } =
          stores;
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
        const builtInGateRules = [
          ...BUILT_IN_GATE_RULES,
          createPreviousActionItemsClosedRule({ actionItems: retrospectiveStore }),
          ...createOutcomeGateRules({
            store: outcomeStore,
            maxRehearsalAgeDays: outcomeSettings.maxRehearsalAgeDays,
            acceptRehearsalsWithoutEvidence: outcomeSettings.acceptRehearsalsWithoutEvidence,
          }),
          createEnvironmentParityRule({ store: outcomeStore, environments }),
          createChangeFreezeRule({ freezes }),
          createNoCollisionsRule({ calendar }),
          createReleaseReviewHeldRule({ store: stores.reviews }),
          createReviewCoverageRule({
            store: stores.indicators,
            settings: readIndicatorRuleSettings(config),
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
        const dictionary = readReleaseDictionary(config);

        deps.permissionsRegistry.addPermissions(releaseCoordinationPermissions);

        const loadGates = createGateResourceLoader(trainStore);
        // Policies may answer gate permissions with conditions on the gate (IS_GATE_APPROVER);
        // the permission backend evaluates them through the gates loaded here.
        deps.permissionsRegistry.addResourceType({
          resourceRef: gatePermissionResourceRef,
          permissions: [gateApprovePermission],
          rules: Object.values(gatePermissionRules),
          getResources: loadGates,
        });
        // Policies may answer train permissions with conditions on the train (IS_AMBASSADOR,
        // HAS_PARTICIPANT_OWNED_BY): the permission backend evaluates them through the trains
        // loaded here, and the plugin applies them itself through the same rules.
        deps.permissionsRegistry.addResourceType({
          resourceRef: trainPermissionResourceRef,
          permissions: [trainManagePermission],
          rules: Object.values(trainPermissionRules),
          getResources: createTrainResourceLoader(trainStore),
        });
        const trainConditions = createTrainConditions(
          trainStore,
          // Looked up by name per decision: also rules that modules registered for trains.
          deps.permissionsRegistry.getPermissionRuleset(trainPermissionResourceRef),
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
        const {
          trains,
          retrospectives,
          deployments,
          rollbacks,
          flags,
          incidents,
          indicators,
          deployIncidents,
          trainAccess,
          participantAccess,
          reviews,
          cadences,
          announcer,
        } = createReleaseCoordinationServices({ ...serviceDeps, stores });
        // Announcements go out after the answer: a stopping backend first lets those under
        // way finish.
        deps.lifecycle.addShutdownHook(() => announcer.settled());

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

        // One replica derives the graph at a time; the others read the stored snapshot. A
        // manual refresh (POST /dependencies/refresh) triggers this task too.
        await scheduler.scheduleTask({
          id: DEPENDENCY_REFRESH_TASK_ID,
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

        const reminders = createActionItemReminders({
          store: retrospectiveStore,
          snapshots,
          notifications,
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

        // One replica reminds; each reminder is claimed in the database before it is sent.
        await scheduler.scheduleTask({
          id: 'release-coordination-flag-reminders',
          scope: 'global',
          ...outcomeSettings.reminderSchedule,
          fn: async () => {
            const sent = await sendFlagReminders({
              store: outcomeStore,
              trains: trainStore,
              notifications,
              logger,
              remindBeforeDays: outcomeSettings.remindBeforeDays,
            });
            if (sent > 0) logger.info(`Reminded owners about ${sent} expiring feature flag(s)`);
          },
        });

        const standups = createStandupService({ trains: trainStore, calendar, freezes });
        const standupDigest = readStandupDigestSettings(config);
        if (standupDigest.enabled) {
          const digests = createStandupDigest({ trains: trainStore, standups, notifications, logger });
          // One replica sends, so that each ambassador hears once per run.
          await scheduler.scheduleTask({
            id: 'release-coordination-standup-digest',
            scope: 'global',
            ...standupDigest.schedule,
            fn: async () => {
              const { sent, skipped } = await digests.sendDigests();
              logger.info(`Sent ${sent} standup digest(s); ${skipped} train(s) had nothing new`);
            },
          });
        }
        await startupTurn.end();

        // Read-only over the tables the migrations above created. Production is the same
        // environment that deployment reports treat as production.
        const scorecardFacts = new DatabaseScorecardFacts(await database.getClient());
        const scorecards = cachedScorecards({
          scorecards: createScorecardService({
            facts: scorecardFacts,
            snapshots,
            settings: {
              productionEnvironment: outcomeSettings.productionEnvironment,
              hotfixWindowHours: outcomeSettings.hotfixWindowHours,
            },
          }),
          // Roll-ups follow the catalog: a new snapshot may move a team or a component.
          changeMark: async () =>
            `${await scorecardFacts.changeMark()}@${(await snapshots.latest())?.version ?? '-'}`,
          maxAgeSeconds: readScorecardMaxAge(config),
        });

        const drift = (trainId: string) =>
          loadTrainDependencyDrift({ store: trainStore, snapshots }, trainId);
        const risk = createRiskService({
          trains: trainStore,
          drift,
          facts: stores.risk,
          actionItems: retrospectiveStore,
          calendar,
          freezes,
          snapshots,
          weights: readRiskWeights(config),
          productionEnvironment: outcomeSettings.productionEnvironment,
        });

        const gateConditions = {
          getResources: loadGates,
          // Looked up by name per decision: also rules that modules registered for gates.
          isAllowed: createConditionAuthorizer(
            deps.permissionsRegistry.getPermissionRuleset(gatePermissionResourceRef),
          ),
        };
        // The same services and checks as the routes below, for assistants and automation.
        registerReleaseCoordinationActions({
          registry: deps.actionsRegistry,
          permissions,
          trains,
          visibility,
          gateConditions,
          queries,
          scorecards,
        });

        httpRouter.use(
          await createRouter({
            resourceRouters: [
              createDependencyRouter({
                httpAuth,
                permissions,
                snapshots,
                queries,
                scheduler,
              }),
              createTrainRouter({
                httpAuth,
                permissions,
                trains,
                trainAccess,
                catalog,
                visibility,
                gateConditions,
              }),
              createRetrospectiveRouter({ httpAuth, permissions, retrospectives, visibility }),
              createDictionaryRouter({ httpAuth, dictionary }),
              createOutcomeRouter({
                httpAuth,
                permissions,
                deployments,
                rollbacks,
                flags,
                visibility,
              }),
              createScorecardRouter({ httpAuth, permissions, scorecards, visibility }),
              createIncidentRouter({
                httpAuth,
                permissions,
                incidents,
                visibility,
                entityOfPagerDutyService: createPagerDutyServiceLookup({ catalog, auth }),
              }),
              createIndicatorRouter({ httpAuth, permissions, indicators, visibility }),
              createFreezeRouter({ httpAuth, permissions, freezes }),
              createCalendarRouter({ httpAuth, permissions, calendar, visibility }),
              createRunbookRouter({
                httpAuth,
                permissions,
                visibility,
                deployIncidents,
                runbooks: createRunbookService({
                  trains: trainStore,
                  outcomes: outcomeStore,
                  snapshots,
                  catalog,
                  settings: readRunbookSettings(config),
                }),
              }),
              createStandupRouter({
                httpAuth,
                permissions,
                visibility,
                standups,
              }),
              createRiskRouter({ httpAuth, permissions, risk }),
              createCadenceRouter({
                httpAuth,
                permissions,
                cadences,
                trains,
                trainAccess,
                catalog,
                visibility,
              }),
              createReviewRouter({
                httpAuth,
                permissions,
                visibility,
                reviews,
                reader: createReviewReader({
                  store: stores.reviews,
                  trains: trainStore,
                  snapshots,
                  access: participantAccess,
                  risk,
                  drift,
                  outcomes: outcomeStore,
                  actionItems: retrospectiveStore,
                  calendar,
                }),
              }),
              createDeliveryRouter({
                httpAuth,
                permissions,
                visibility,
                matrices: createEnvironmentMatrix({
                  trains: trainStore,
                  store: outcomeStore,
                  environments,
                }),
                compatibility: createCompatibilityMatrix({ trains: trainStore, snapshots }),
                readiness: createDeployReadiness({
                  trains: trainStore,
                  outcomes: outcomeStore,
                  snapshots,
                  environments,
                  freezes,
                }),
              }),
            ],
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
