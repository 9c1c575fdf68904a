import {
  AuditorService,
  DatabaseService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { StageDefinition } from '@release-coordination/plugin-release-coordination-common';
import { Clock, GateRule, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { DependencySnapshotService } from './dependencies/DependencySnapshotService';
import { OutcomeSettings } from './outcomes/config';
import { DatabaseOutcomeStore } from './outcomes/DatabaseOutcomeStore';
import { createParticipantAccess, ParticipantAccess } from './outcomes/access';
import { DeploymentService, createDeploymentService } from './outcomes/DeploymentService';
import { FeatureFlagService, createFeatureFlagService } from './outcomes/FeatureFlagService';
import { RollbackService, createRollbackService } from './outcomes/RollbackService';
import { DatabaseRetrospectiveStore } from './retrospectives/DatabaseRetrospectiveStore';
import {
  RetrospectiveService,
  createRetrospectiveService,
} from './retrospectives/RetrospectiveService';
import { DatabaseTrainStore } from './trains/DatabaseTrainStore';
import { DatabaseIncidentStore } from './incidents/DatabaseIncidentStore';
import { IncidentService, createIncidentService } from './incidents/IncidentService';
import { DEFAULT_ATTRIBUTION_WINDOW_HOURS } from './incidents/config';
import { DatabaseIndicatorStore } from './indicators/DatabaseIndicatorStore';
import { DatabaseFreezeStore } from './freezes/DatabaseFreezeStore';
import { DatabaseCalendarStore } from './calendar/DatabaseCalendarStore';
import { DatabaseRiskFacts } from './risk/DatabaseRiskFacts';
import { DatabaseReviewStore } from './review/DatabaseReviewStore';
import { DatabaseCadenceStore } from './cadences/DatabaseCadenceStore';
import { CadenceService, createCadenceService } from './cadences/CadenceService';
import { ReviewService, createReviewService } from './review/ReviewService';
import { DeployIncidentService, createDeployIncidentService } from './runbook/deployIncidents';
import { IndicatorService, createIndicatorService } from './indicators/IndicatorService';
import { TrainService, createTrainService } from './trains/TrainService';
import { TrainAnnouncer, createTrainAnnouncer } from './trains/announcements';
import { TrainAccess, createTrainAccess } from './access';
import { TrainConditions } from './permissions/trainResource';
import { createTrainConditions } from './permissions/trainConditions';

/** The plugin's knex stores, all stamping with one clock. */
export interface ReleaseCoordinationStores {
  trains: DatabaseTrainStore;
  retrospectives: DatabaseRetrospectiveStore;
  outcomes: DatabaseOutcomeStore;
  incidents: DatabaseIncidentStore;
  indicators: DatabaseIndicatorStore;
  freezes: DatabaseFreezeStore;
  calendar: DatabaseCalendarStore;
  risk: DatabaseRiskFacts;
  reviews: DatabaseReviewStore;
  cadences: DatabaseCadenceStore;
}

/** Connects the stores; the first to connect runs the migrations unless they are skipped. */
export async function createReleaseCoordinationStores(options: {
  database: DatabaseService;
  clock?: Clock;
}): Promise<ReleaseCoordinationStores> {
  return {
    retrospectives: await DatabaseRetrospectiveStore.create(options),
    outcomes: await DatabaseOutcomeStore.create(options),
    trains: await DatabaseTrainStore.create(options),
    incidents: await DatabaseIncidentStore.create(options),
    indicators: await DatabaseIndicatorStore.create(options),
    freezes: await DatabaseFreezeStore.create(options),
    calendar: await DatabaseCalendarStore.create(options),
    risk: await DatabaseRiskFacts.create(options),
    reviews: await DatabaseReviewStore.create(options),
    cadences: await DatabaseCadenceStore.create(options),
  };
}

/** The domain services that change trains and record what happened to them. */
export interface ReleaseCoordinationServices {
  trains: TrainService;
  retrospectives: RetrospectiveService;
  deployments: DeploymentService;
  rollbacks: RollbackService;
  flags: FeatureFlagService;
  incidents: IncidentService;
  indicators: IndicatorService;
  /** Incidents during a deploy, declared from a train's runbook. */
  deployIncidents: DeployIncidentService;
  /** Release reviews' risk registers and sign-offs. */
  reviews: ReviewService;
  /** Release cadences and their ambassador rotation. */
  cadences: CadenceService;
  /** Who may run which train, as the permission policy answers. */
  trainAccess: TrainAccess;
  /** Who may change what belongs to a train's participants. */
  participantAccess: ParticipantAccess;
  /** Announces the services' changes; `settled()` waits for those under way. */
  announcer: TrainAnnouncer;
}

/**
 * Builds the domain services over `stores`, reading time from `clock`. The plugin builds them
 * once over the system clock for its routes; a history replay builds another set over a clock
 * it sets, with the same rules, stages and dependency graph.
 */
export function createReleaseCoordinationServices(options: {
  stores: ReleaseCoordinationStores;
  clock?: Clock;
  stages: StageDefinition[];
  gateRule: (id: string) => GateRule | undefined;
  snapshots: DependencySnapshotService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  /**
   * Trains and the rules to apply a policy's conditional answer on them: the permissions
   * registry's in the plugin; the built-in rules over `stores.trains` if not given.
   */
  trainConditions?: TrainConditions;
  auditor: AuditorService;
  signals: Pick<SignalsService, 'publish'>;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  outcomeSettings: OutcomeSettings;
  /** Bounds from app-config; the services' defaults where not given. */
  limits?: { maxWaiverDays?: number; maxNotesPerTrain?: number };
  /** How far before an incident a deployment may have finished to be a candidate cause. */
  attributionWindowHours?: number;
}): ReleaseCoordinationServices {
  const { stores, stages, gateRule, snapshots, userInfo, permissions, auditor } = options;
  const { signals, notifications, logger, outcomeSettings, limits = {} } = options;
  const clock = options.clock ?? systemClock;
  const trainAccess = createTrainAccess({
    permissions,
    conditions: options.trainConditions ?? createTrainConditions(stores.trains),
  });
  // One announcer for every feature, so that one `settled()` covers what is under way.
  const announcer = createTrainAnnouncer({ signals, notifications, logger });
  const trains = createTrainService({
    store: stores.trains,
    snapshots,
    userInfo,
    auditor,
    stages,
    gateRule,
    signals,
    notifications,
    logger,
    clock,
    announcer,
    maxWaiverDays: limits.maxWaiverDays,
  });
  const retrospectives = createRetrospectiveService({
    store: stores.retrospectives,
    trains,
    snapshots,
    userInfo,
    trainAccess,
    auditor,
    announcer,
    clock,
    maxNotesPerTrain: limits.maxNotesPerTrain,
  });
  const access = createParticipantAccess({ permissions, userInfo, trainAccess });
  const outcomeDeps = {
    store: stores.outcomes,
    trains: stores.trains,
    snapshots,
    auditor,
    announcer,
  };
  return {
    trains,
    retrospectives,
    deployIncidents: createDeployIncidentService({
      trains: stores.trains,
      snapshots,
      access,
      announcer,
      auditor,
      clock,
    }),
    reviews: createReviewService({
      store: stores.reviews,
      trains: stores.trains,
      snapshots,
      access,
      announcer,
      auditor,
      clock,
    }),
    cadences: createCadenceService({
      store: stores.cadences,
      trains: stores.trains,
      stages,
      snapshots,
      access,
      auditor,
      clock,
      notify: async notification => {
        try {
          await notifications.send(notification);
        } catch (error) {
          logger.warn(`Could not send a notification of the rotation: ${error}`);
        }
      },
    }),
    deployments: createDeploymentService({
      ...outcomeDeps,
      productionEnvironment: outcomeSettings.productionEnvironment,
    }),
    rollbacks: createRollbackService({
      ...outcomeDeps,
      access,
      maxRehearsalAgeDays: outcomeSettings.maxRehearsalAgeDays,
      acceptRehearsalsWithoutEvidence: outcomeSettings.acceptRehearsalsWithoutEvidence,
      clock,
    }),
    flags: createFeatureFlagService({
      ...outcomeDeps,
      access,
      remindBeforeDays: outcomeSettings.remindBeforeDays,
      maxLifetimeDays: outcomeSettings.maxFlagLifetimeDays,
      clock,
    }),
    incidents: createIncidentService({
      store: stores.incidents,
      snapshots,
      permissions,
      userInfo,
      auditor,
      announcer,
      productionEnvironment: outcomeSettings.productionEnvironment,
      attributionWindowHours: options.attributionWindowHours ?? DEFAULT_ATTRIBUTION_WINDOW_HOURS,
    }),
    indicators: createIndicatorService({ store: stores.indicators, snapshots, auditor, clock }),
    trainAccess,
    participantAccess: access,
    announcer,
  };
}
