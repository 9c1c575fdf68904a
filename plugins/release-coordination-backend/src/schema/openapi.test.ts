import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DependencyQueryService } from '../dependencies/DependencyQueryService';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { createDependencyRouter } from '../dependencies/dependencyRouter';
import { createRouter } from '../router';
import { createTrainRouter } from '../trains/trainRouter';
import { TrainService } from '../trains/TrainService';
import { TrainAccess } from '../access';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RetrospectiveService } from '../retrospectives/RetrospectiveService';
import { createRetrospectiveRouter } from '../retrospectives/retrospectiveRouter';
import { createDictionaryRouter } from '../dictionary/dictionaryRouter';
import { DeploymentService } from '../outcomes/DeploymentService';
import { FeatureFlagService } from '../outcomes/FeatureFlagService';
import { RollbackService } from '../outcomes/RollbackService';
import { createOutcomeRouter } from '../outcomes/outcomeRouter';
import { ScorecardService } from '../scorecards/ScorecardService';
import { createScorecardRouter } from '../scorecards/scorecardRouter';
import { VisibilityResolver } from '../access';
import { DeployReadinessService } from '../delivery/deployReadiness';
import { createDeliveryRouter } from '../delivery/deliveryRouter';
import { CompatibilityMatrixService } from '../delivery/compatibilityMatrix';
import { EnvironmentMatrixService } from '../delivery/environmentMatrix';
import { createIncidentRouter } from '../incidents/incidentRouter';
import { IncidentService } from '../incidents/IncidentService';
import { createIndicatorRouter } from '../indicators/indicatorRouter';
import { IndicatorService } from '../indicators/IndicatorService';
import { createCalendarRouter } from '../calendar/calendarRouter';
import { createRiskRouter } from '../risk/riskRouter';
import { createReviewRouter } from '../review/reviewRouter';
import { createCadenceRouter } from '../cadences/cadenceRouter';
import { CadenceService } from '../cadences/CadenceService';
import { ReviewReader } from '../review/ReviewReader';
import { ReviewService } from '../review/ReviewService';
import { createStandupRouter } from '../standup/standupRouter';
import { createRunbookRouter } from '../runbook/runbookRouter';
import { RunbookService } from '../runbook/RunbookService';
import { DeployIncidentService } from '../runbook/deployIncidents';
import { StandupService } from '../standup/StandupService';
import { RiskService } from '../risk/RiskService';
import { CalendarService } from '../calendar/CalendarService';
import { createFreezeRouter } from '../freezes/freezeRouter';
import { FreezeService } from '../freezes/FreezeService';

/** The OpenAPI document and the router describe the same routes, no more, no less. */
describe('OpenAPI document', () => {
  const document = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));

  it('documents exactly the routes the router serves', async () => {
    const httpAuth = mockServices.httpAuth();
    const router = await createRouter({
      resourceRouters: [
        createDependencyRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          // Only the routes are listed here; no request reaches the services.
          snapshots: {} as DependencySnapshotService,
          queries: {} as DependencyQueryService,
          scheduler: mockServices.scheduler.mock(),
        }),
        createTrainRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          trains: {} as TrainService,
          trainAccess: {} as TrainAccess,
          catalog: catalogServiceMock(),
          visibility: {} as VisibilityResolver,
        }),
        createRetrospectiveRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          retrospectives: {} as RetrospectiveService,
          visibility: {} as VisibilityResolver,
        }),
        createDictionaryRouter({
          httpAuth,
          dictionary: { terms: [], responsibilities: [], escalationPaths: [] },
        }),
        createOutcomeRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          deployments: {} as DeploymentService,
          rollbacks: {} as RollbackService,
          flags: {} as FeatureFlagService,
          visibility: {} as VisibilityResolver,
        }),
        createScorecardRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          scorecards: {} as ScorecardService,
          visibility: {} as VisibilityResolver,
        }),
        createDeliveryRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          readiness: {} as DeployReadinessService,
          matrices: {} as EnvironmentMatrixService,
          compatibility: {} as CompatibilityMatrixService,
          visibility: {} as VisibilityResolver,
        }),
        createIncidentRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          incidents: {} as IncidentService,
          visibility: {} as VisibilityResolver,
        }),
        createIndicatorRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          indicators: {} as IndicatorService,
          visibility: {} as VisibilityResolver,
        }),
        createFreezeRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          freezes: {} as FreezeService,
        }),
        createCalendarRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          calendar: {} as CalendarService,
          visibility: {} as VisibilityResolver,
        }),
        createRiskRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          risk: {} as RiskService,
        }),
        createRunbookRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          runbooks: {} as RunbookService,
          deployIncidents: {} as DeployIncidentService,
          visibility: {} as VisibilityResolver,
        }),
        createStandupRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          standups: {} as StandupService,
          visibility: {} as VisibilityResolver,
        }),
        createCadenceRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          cadences: {} as CadenceService,
          trains: {} as TrainService,
          trainAccess: {} as TrainAccess,
          catalog: {} as CatalogService,
          visibility: {} as VisibilityResolver,
        }),
        createReviewRouter({
          httpAuth,
          permissions: mockServices.permissions(),
          reviews: {} as ReviewService,
          reader: {} as ReviewReader,
          visibility: {} as VisibilityResolver,
        }),
      ],
    });
    // Routes of the router itself and of the resource routers mounted in it.
    const layers = (router as any).stack.flatMap((layer: any) =>
      layer.route ? [layer] : (layer.handle?.stack ?? []),
    );
    const served = layers
      // Backstage's validated router serves the document itself at /openapi.json.
      .filter((layer: any) => layer.route && layer.route.path !== '/openapi.json')
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${String(layer.route.path).replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter(key => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
          .map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it('answers every list as a page: limit and offset in, items and totalCount out', () => {
    const resolve = (node: any): any => {
      if (!node?.$ref) return node;
      const [, , kind, name] = node.$ref.split('/');
      return resolve(document.components[kind][name]);
    };
    const lists: string[] = [];
    for (const [path, operations] of Object.entries(document.paths as Record<string, any>)) {
      const operation = operations.get;
      if (!operation) continue;
      const schema = resolve(operation.responses['200']?.content?.['application/json']?.schema);
      if (schema?.properties?.items?.type !== 'array') continue;
      const route = `GET ${path}`;
      lists.push(route);
      expect(schema.required, route).toEqual(expect.arrayContaining(['items', 'totalCount']));
      expect(schema.properties.totalCount, route).toEqual({ type: 'integer' });
      const query = Object.fromEntries(
        (operation.parameters ?? [])
          .map(resolve)
          .filter((parameter: any) => parameter.in === 'query')
          .map((parameter: any) => [parameter.name, parameter.schema]),
      );
      expect(query.limit, route).toMatchObject({ type: 'integer', minimum: 1 });
      expect(query.limit.maximum, route).toBeGreaterThan(0);
      expect(query.offset, route).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
      // The routers page by the defaults the validated router fills in from here.
      expect(query.limit.default, route).toBeGreaterThan(0);
    }
    expect(lists).toEqual(
      expect.arrayContaining([
        'GET /entity-trains',
        'GET /approvals/mine',
        'GET /trains/{trainId}/deployments',
        'GET /trains/{trainId}/flags',
        'GET /trains/{trainId}/retrospective/notes',
        'GET /trains/{trainId}/retrospective/carried-over',
      ]),
    );
  });

  it('is what the committed generated module was generated from', () => {
    // Editing the document without regenerating would leave the validated router, the handler
    // types and the client checks on the old contract.
    const check = spawnSync(
      process.execPath,
      [join(__dirname, '..', '..', 'scripts', 'generate-openapi.mjs'), '--check'],
      { encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('names an operation and the 401 answer for every route', () => {
    for (const [path, operations] of Object.entries(document.paths as Record<string, any>)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        expect(operation.operationId, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain('401');
      }
    }
  });
});
