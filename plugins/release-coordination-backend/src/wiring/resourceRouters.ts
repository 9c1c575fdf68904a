// Each feature's routes over the services the plugin built, and the read models only the
// routes use (risk, review agenda, runbook, delivery matrices).

import {
  AuthService,
  HttpAuthService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReleaseDictionary } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { VisibilityResolver } from '../access';
import { createCadenceRouter } from '../cadences/cadenceRouter';
import { CalendarService } from '../calendar/CalendarService';
import { createCalendarRouter } from '../calendar/calendarRouter';
import { createCompatibilityMatrix } from '../delivery/compatibilityMatrix';
import { createDeliveryRouter } from '../delivery/deliveryRouter';
import { createDeployReadiness } from '../delivery/deployReadiness';
import { createEnvironmentMatrix } from '../delivery/environmentMatrix';
import { EnvironmentSource } from '../delivery/environments';
import { DependencyQueryService } from '../dependencies/DependencyQueryService';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { createDependencyRouter } from '../dependencies/dependencyRouter';
import { createDictionaryRouter } from '../dictionary/dictionaryRouter';
import { FreezeService } from '../freezes/FreezeService';
import { createFreezeRouter } from '../freezes/freezeRouter';
import { createIncidentRouter } from '../incidents/incidentRouter';
import { createPagerDutyServiceLookup } from '../incidents/pagerdutyServices';
import { createIndicatorRouter } from '../indicators/indicatorRouter';
import { createOutcomeRouter } from '../outcomes/outcomeRouter';
import { GateConditions } from '../permissions/gateResource';
import { createRetrospectiveRouter } from '../retrospectives/retrospectiveRouter';
import { createReviewReader } from '../review/ReviewReader';
import { createReviewRouter } from '../review/reviewRouter';
import { readRiskWeights } from '../risk/config';
import { createRiskService } from '../risk/RiskService';
import { createRiskRouter } from '../risk/riskRouter';
import { readRunbookSettings } from '../runbook/config';
import { createRunbookService } from '../runbook/RunbookService';
import { createRunbookRouter } from '../runbook/runbookRouter';
import { ScorecardService } from '../scorecards/ScorecardService';
import { createScorecardRouter } from '../scorecards/scorecardRouter';
import { StandupService } from '../standup/StandupService';
import { createStandupRouter } from '../standup/standupRouter';
import { loadTrainDependencyDrift } from '../trains/dependencyDrift';
import { createTrainRouter } from '../trains/trainRouter';
import { OutcomeSettings } from '../outcomes/config';
import {
  ReleaseCoordinationServices,
  ReleaseCoordinationStores,
} from '../services';

/** What the routes are built from. */
export interface ResourceRouterParts {
  config: Config;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auth: AuthService;
  catalog: CatalogService;
  /** Runs the dependency refresh that a manual refresh triggers. */
  scheduler: Pick<SchedulerService, 'triggerTask'>;
  visibility: VisibilityResolver;
  gateConditions: GateConditions;
  stores: ReleaseCoordinationStores;
  services: ReleaseCoordinationServices;
  snapshots: DependencySnapshotService;
  queries: DependencyQueryService;
  scorecards: ScorecardService;
  freezes: FreezeService;
  calendar: CalendarService;
  standups: StandupService;
  environments: EnvironmentSource;
  outcomeSettings: OutcomeSettings;
  dictionary: ReleaseDictionary;
}

/** One router per feature, in the order the plugin's router mounts them. */
export function createResourceRouters(
  parts: ResourceRouterParts,
): express.Router[] {
  const {
    config,
    httpAuth,
    permissions,
    catalog,
    visibility,
    stores,
    services,
  } = parts;
  const { snapshots, freezes, calendar, environments } = parts;
  const http = { httpAuth, permissions };
  const drift = (trainId: string) =>
    loadTrainDependencyDrift({ store: stores.trains, snapshots }, trainId);
  const risk = createRiskService({
    trains: stores.trains,
    drift,
    facts: stores.risk,
    actionItems: stores.retrospectives,
    calendar,
    freezes,
    snapshots,
    weights: readRiskWeights(config),
    productionEnvironment: parts.outcomeSettings.productionEnvironment,
  });
  return [
    createDependencyRouter({
      ...http,
      snapshots,
      queries: parts.queries,
      scheduler: parts.scheduler,
    }),
    createTrainRouter({
      ...http,
      trains: services.trains,
      trainAccess: services.trainAccess,
      catalog,
      visibility,
      gateConditions: parts.gateConditions,
    }),
    createRetrospectiveRouter({
      ...http,
      retrospectives: services.retrospectives,
      visibility,
    }),
    createDictionaryRouter({ httpAuth, dictionary: parts.dictionary }),
    createOutcomeRouter({
      ...http,
      deployments: services.deployments,
      rollbacks: services.rollbacks,
      flags: services.flags,
      visibility,
    }),
    createScorecardRouter({
      ...http,
      scorecards: parts.scorecards,
      visibility,
    }),
    createIncidentRouter({
      ...http,
      incidents: services.incidents,
      visibility,
      entityOfPagerDutyService: createPagerDutyServiceLookup({
        catalog,
        auth: parts.auth,
      }),
    }),
    createIndicatorRouter({
      ...http,
      indicators: services.indicators,
      visibility,
    }),
    createFreezeRouter({ ...http, freezes }),
    createCalendarRouter({ ...http, calendar, visibility }),
    createRunbookRouter({
      ...http,
      visibility,
      deployIncidents: services.deployIncidents,
      runbooks: createRunbookService({
        trains: stores.trains,
        outcomes: stores.outcomes,
        snapshots,
        catalog,
        settings: readRunbookSettings(config),
      }),
    }),
    createStandupRouter({ ...http, visibility, standups: parts.standups }),
    createRiskRouter({ ...http, risk }),
    createCadenceRouter({
      ...http,
      cadences: services.cadences,
      trains: services.trains,
      trainAccess: services.trainAccess,
      catalog,
      visibility,
    }),
    createReviewRouter({
      ...http,
      visibility,
      reviews: services.reviews,
      reader: createReviewReader({
        store: stores.reviews,
        trains: stores.trains,
        snapshots,
        access: services.participantAccess,
        risk,
        drift,
        outcomes: stores.outcomes,
        actionItems: stores.retrospectives,
        calendar,
      }),
    }),
    createDeliveryRouter({
      ...http,
      visibility,
      matrices: createEnvironmentMatrix({
        trains: stores.trains,
        store: stores.outcomes,
        environments,
      }),
      compatibility: createCompatibilityMatrix({
        trains: stores.trains,
        snapshots,
      }),
      readiness: createDeployReadiness({
        trains: stores.trains,
        outcomes: stores.outcomes,
        snapshots,
        environments,
        freezes,
      }),
    }),
  ];
}
