/**
 * Child process of the `catalog` benchmark for one size: `tsx bench/catalogOnce.ts <size>`.
 *
 * Starts a real Backstage backend in this process (catalog + release-coordination, in-memory
 * SQLite, a free port), feeds the generated organisation to the catalog through an entity
 * provider, waits until the catalog has processed and stitched it all, then times:
 *
 * - `POST /api/release-coordination/dependencies/refresh` (paged catalog read + derivation +
 *   storing the snapshot);
 * - one question, "everything within 3 hops upstream of X", asked of our endpoint and answered
 *   the way the catalog-graph plugin has to: walking the catalog entity by entity.
 *
 * The client runs in the same process as the server, so both sides of each comparison pay the
 * same client overhead; the comparison is about request counts and server work.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { AddressInfo } from 'node:net';
import {
  generateOrganization,
  hubRef,
  organizationStats,
} from './generateOrganization';
import { median, reportResult, sample, seededRandom } from './lib';

const PROVIDER_NAME = 'release-coordination-bench';
const LOCATION = `generated:${PROVIDER_NAME}`;
/** Depth of the compared question. */
const DEPTH = 3;
/** Parallel requests of the entity-by-entity walk: what a browser allows per host. */
const BROWSER_CONCURRENCY = 6;
const INGESTION_TIMEOUT_MS = Number(process.env.BENCH_INGESTION_TIMEOUT_MS ?? 30 * 60_000);

/** Hands the generated entities to the catalog in one full mutation, as a real provider does. */
class GeneratedEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly connected: Promise<void>;
  private resolveConnected = () => {};

  constructor() {
    this.connected = new Promise(resolve => {
      this.resolveConnected = resolve;
    });
  }

  getProviderName() {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
    this.resolveConnected();
  }

  async provide(entities: Entity[]) {
    await this.connected;
    await this.connection!.applyMutation({
      type: 'full',
      entities: entities.map(entity => {
        // The catalog computes relations itself, from the spec; a provider does not send them.
        const { relations: _relations, ...rest } = entity;
        return {
          locationKey: LOCATION,
          entity: {
            ...rest,
            metadata: {
              ...rest.metadata,
              annotations: {
                ...rest.metadata.annotations,
                'backstage.io/managed-by-location': LOCATION,
                'backstage.io/managed-by-origin-location': LOCATION,
              },
            },
          },
        };
      }),
    });
  }
}

interface Timed {
  medianMs: number;
  runsMs: number[];
  /** HTTP requests one answer took. */
  requests: number;
  /** Entities in the answer (start excluded). */
  reached: number;
}

export interface CatalogComparison {
  label: string;
  ref: string;
  direction: 'upstream' | 'downstream';
  /** Our endpoint, asked as a user (what the frontend does). */
  ours?: Timed;
  /** Our endpoint, asked as a service principal: no per-user visibility check. */
  oursAsService?: Timed;
  /** One `GET /entities/by-name` per entity, up to 6 in parallel. */
  perEntity: Timed;
  /** One `POST /entities/by-refs` per hop (how catalog-graph 0.6 batches its fetches). */
  perHop: Timed;
  /** Whether the walk found the same entities as our endpoint. */
  sameAnswer?: boolean;
}

export interface CatalogResult {
  size: number;
  expectedRelationEntries: number;
  catalogRelationEntries: number;
  ingestion: { visibleMs: number; stitchedMs: number; settled: 'exact' | 'stable' };
  refresh?: {
    runsMs: number[];
    medianMs: number;
    serverDurationMs?: number;
    nodeCount?: number;
    edgeCount?: number;
    problemCount?: number;
  };
  comparisons: CatalogComparison[];
  /** Why a part could not run, e.g. routes of the backend plugin that do not exist yet. */
  errors: string[];
}

async function main() {
  const size = Number(process.argv[2]);
  const entities = generateOrganization(size);
  process.stderr.write(`  catalog: starting a backend for ${size} entities\n`);
  const stats = organizationStats(entities);
  const provider = new GeneratedEntityProvider();

  const benchProviderModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'release-coordination-bench-provider',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      import('@release-coordination/plugin-release-coordination-backend'),
      benchProviderModule,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              { allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User'] },
            ],
            // Initial processing starts at once; this only keeps the periodic re-processing
            // of every entity from running (and competing) during the measurements.
            processingInterval: { hours: 1 },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${(backend.server.address() as AddressInfo).port}`;
  // The frontend asks as the signed-in user; a service principal (CI, another plugin) skips
  // our per-user visibility check, so both are timed.
  const auth = { Authorization: mockCredentials.user.header() };
  const serviceAuth = { Authorization: mockCredentials.service.header() };
  const errors: string[] = [];

  async function request(method: string, path: string, body?: unknown, asService = false) {
    const authorization = asService ? serviceAuth : auth;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body ? { ...authorization, 'Content-Type': 'application/json' } : authorization,
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  // --- Ingestion: from the mutation to every entity stitched with all its relations.
  async function countVisible(): Promise<number> {
    const { body } = await request('GET', '/api/catalog/entities/by-query?limit=1');
    return body?.totalItems ?? 0;
  }
  async function countRelations(): Promise<number> {
    let total = 0;
    let cursor: string | undefined;
    do {
      const query = cursor
        ? `cursor=${encodeURIComponent(cursor)}`
        : 'limit=1000&fields=relations';
      const { body } = await request('GET', `/api/catalog/entities/by-query?${query}`);
      for (const item of body.items as Entity[]) total += item.relations?.length ?? 0;
      cursor = body.pageInfo?.nextCursor;
    } while (cursor);
    return total;
  }

  const ingestStart = performance.now();
  await provider.provide(entities);
  let visibleMs = NaN;
  let stitchedMs = NaN;
  let catalogRelationEntries = 0;
  let settled: 'exact' | 'stable' = 'exact';
  let stableSince = 0;
  for (;;) {
    const elapsed = performance.now() - ingestStart;
    if (elapsed > INGESTION_TIMEOUT_MS) {
      throw new Error(`catalog did not finish ingesting ${size} entities in time`);
    }
    if (Number.isNaN(visibleMs)) {
      const visible = await countVisible();
      if (visible >= size) {
        visibleMs = performance.now() - ingestStart;
      } else {
        progress(`${Math.round(elapsed / 1000)} s, ${visible}/${size} entities visible`);
        await sleep(250);
        continue;
      }
    }
    const relations = await countRelations();
    if (relations === stats.relationEntries) {
      catalogRelationEntries = relations;
      stitchedMs = performance.now() - ingestStart;
      break;
    }
    // When the catalog's relations differ from the generator's (a modelling difference),
    // accept a count that has not changed for 20 seconds, and report both.
    if (relations !== catalogRelationEntries) {
      catalogRelationEntries = relations;
      stableSince = performance.now();
    } else if (performance.now() - stableSince > 20_000) {
      settled = 'stable';
      stitchedMs = stableSince - ingestStart;
      break;
    }
    progress(`${Math.round(elapsed / 1000)} s, ${relations}/${stats.relationEntries} relations`);
    await sleep(1000);
  }

  // --- Our refresh: read the catalog page by page, derive, store the snapshot.
  let refresh: CatalogResult['refresh'];
  const refreshRuns: number[] = [];
  let lastSnapshot: any;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const response = await request('POST', '/api/release-coordination/dependencies/refresh');
    const ms = performance.now() - t;
    // The test backend's scheduler runs the triggered refresh task before the route answers,
    // so the answer already names the new snapshot.
    if (response.status !== 202) {
      errors.push(
        `POST /dependencies/refresh answered ${response.status}: ` +
          `${JSON.stringify(response.body)?.slice(0, 200)}`,
      );
      break;
    }
    refreshRuns.push(ms);
    lastSnapshot = response.body?.snapshot;
  }
  if (refreshRuns.length > 0) {
    refresh = {
      runsMs: refreshRuns,
      medianMs: median(refreshRuns),
      serverDurationMs: lastSnapshot?.durationMs,
      nodeCount: lastSnapshot?.nodeCount,
      edgeCount: lastSnapshot?.edgeCount,
      problemCount: lastSnapshot?.problemCount,
    };
  }

  // --- The same question both ways.
  const hub = hubRef(size);
  const random = seededRandom(size + 1);
  const candidates = entities
    .filter(e => e.kind === 'Component' && (e.spec as any)?.system !== 'system:default/platform')
    .map(e => `component:default/${e.metadata.name}`);
  const targets: Array<[string, string, 'upstream' | 'downstream']> = [
    ['hub', hub, 'upstream'],
    ...sample(candidates, 5, random).map(
      (ref, i): [string, string, 'upstream'] => [`random ${i + 1}`, ref, 'upstream'],
    ),
    // Not asked for, but the question that hurts most: who is affected if the hub changes.
    ['hub', hub, 'downstream'],
  ];

  const comparisons: CatalogComparison[] = [];
  let oursAvailable = refresh !== undefined;
  for (const [label, ref, direction] of targets) {
    let ours: Timed | undefined;
    let oursAsService: Timed | undefined;
    let ourRefs: Set<string> | undefined;
    const askUs = async (asService: boolean): Promise<Timed | undefined> => {
      const runsMs: number[] = [];
      let refs: Set<string> | undefined;
      // One untimed call first: the first request of a kind pays for JIT and lazy set-up.
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        const response = await request(
          'GET',
          `/api/release-coordination/dependencies/entity?ref=${encodeURIComponent(ref)}` +
            `&depth=${DEPTH}`,
          undefined,
          asService,
        );
        if (i > 0) runsMs.push(performance.now() - t);
        // The test backend's scheduler runs the triggered refresh task before the route answers,
    // so the answer already names the new snapshot.
    if (response.status !== 202) {
          errors.push(
            `GET /dependencies/entity answered ${response.status}: ` +
              `${JSON.stringify(response.body)?.slice(0, 200)}`,
          );
          oursAvailable = false;
          return undefined;
        }
        const reached = response.body[direction] as Array<{ ref: string }>;
        refs = new Set(reached.map(r => r.ref));
      }
      if (!asService) ourRefs = refs;
      return { medianMs: median(runsMs), runsMs, requests: 1, reached: refs!.size };
    };
    if (oursAvailable) ours = await askUs(false);
    if (oursAvailable) oursAsService = await askUs(true);
    const perEntity = await timeWalk(() =>
      catalogWalk(ref, direction, refs => fetchOneByOne(refs)),
    );
    const perHop = await timeWalk(() => catalogWalk(ref, direction, refs => fetchBatch(refs)));
    comparisons.push({
      label,
      ref,
      direction,
      ours,
      oursAsService,
      perEntity: perEntity.timed,
      perHop: perHop.timed,
      sameAnswer: ourRefs ? sameSet(ourRefs, perEntity.reached) : undefined,
    });
  }

  // --- The catalog-graph way: breadth-first over catalog entities, following dependsOn, and
  // consumesApi to the API and from there apiProvidedBy to its providers (downstream: the
  // inverse relations). Each hop fetches the entities of the frontier and the APIs they
  // touch; the entities of the last hop are fetched too, since showing them (owner, title)
  // needs them, as our endpoint's answer includes them.
  type Fetch = (refs: string[]) => Promise<{ entities: Entity[]; requests: number }>;

  async function catalogWalk(start: string, direction: 'upstream' | 'downstream', get: Fetch) {
    const along = direction === 'upstream' ? 'dependsOn' : 'dependencyOf';
    const toApi = direction === 'upstream' ? 'consumesApi' : 'providesApi';
    const fromApi = direction === 'upstream' ? 'apiProvidedBy' : 'apiConsumedBy';
    const seen = new Set([start]);
    const reached = new Set<string>();
    const apisSeen = new Map<string, Entity>();
    let requests = 0;
    let frontier = [start];
    for (let depth = 0; frontier.length > 0; depth++) {
      const fetched = await get(frontier);
      requests += fetched.requests;
      // Refs the catalog does not have (a decommissioned dependency) are not in the answer.
      const found = new Set(fetched.entities.map(refOf));
      for (const ref of frontier) {
        if (!found.has(ref)) reached.delete(ref);
      }
      if (depth === DEPTH) break;
      const next: string[] = [];
      const visit = (ref: string) => {
        if (seen.has(ref) || !/^(component|resource):/.test(ref)) return;
        seen.add(ref);
        reached.add(ref);
        next.push(ref);
      };
      const apiRefs = new Set<string>();
      for (const entity of fetched.entities) {
        for (const relation of entity.relations ?? []) {
          if (relation.type === along) visit(relation.targetRef);
          if (relation.type === toApi) apiRefs.add(relation.targetRef);
        }
      }
      // APIs met at an earlier hop are not fetched again: the walk keeps what it has.
      const newApiRefs = [...apiRefs].filter(apiRef => !apisSeen.has(apiRef));
      if (newApiRefs.length > 0) {
        const apis = await get(newApiRefs);
        requests += apis.requests;
        for (const api of apis.entities) apisSeen.set(refOf(api), api);
      }
      for (const apiRef of apiRefs) {
        for (const relation of apisSeen.get(apiRef)?.relations ?? []) {
          if (relation.type === fromApi) visit(relation.targetRef);
        }
      }
      frontier = next;
    }
    reached.delete(start);
    return { reached, requests };
  }

  async function fetchOneByOne(refs: string[]) {
    const entities: Entity[] = [];
    let i = 0;
    const worker = async () => {
      while (i < refs.length) {
        const [kind, rest] = refs[i++].split(':');
        const [namespace, name] = rest.split('/');
        const response = await request(
          'GET',
          `/api/catalog/entities/by-name/${kind}/${namespace}/${encodeURIComponent(name)}`,
        );
        if (response.status === 200) entities.push(response.body);
      }
    };
    await Promise.all(Array.from({ length: BROWSER_CONCURRENCY }, worker));
    return { entities, requests: refs.length };
  }

  async function fetchBatch(refs: string[]) {
    const response = await request('POST', '/api/catalog/entities/by-refs', { entityRefs: refs });
    const entities = (response.body?.items ?? []).filter(Boolean) as Entity[];
    return { entities, requests: 1 };
  }

  await backend.stop();
  const result: CatalogResult = {
    size,
    expectedRelationEntries: stats.relationEntries,
    catalogRelationEntries,
    ingestion: { visibleMs, stitchedMs, settled },
    refresh,
    comparisons,
    errors: [...new Set(errors)],
  };
  reportResult(result);
  // Something of the stopped backend (a timer, a pool) keeps the event loop alive.
  process.exit(0);
}

async function timeWalk(walk: () => Promise<{ reached: Set<string>; requests: number }>) {
  const runsMs: number[] = [];
  let last = { reached: new Set<string>(), requests: 0 };
  // One untimed walk first, like the untimed call of our endpoint.
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    last = await walk();
    if (i > 0) runsMs.push(performance.now() - t);
  }
  const timed: Timed = {
    medianMs: median(runsMs),
    runsMs,
    requests: last.requests,
    reached: last.reached.size,
  };
  return { timed, reached: last.reached };
}

function refOf(entity: Entity) {
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind.toLocaleLowerCase('en-US')}:${namespace}/${entity.metadata.name}`;
}

function sameSet(a: Set<string>, b: Set<string>) {
  return a.size === b.size && [...a].every(x => b.has(x));
}

let lastProgress = 0;
/** A progress line on stderr at most every 5 seconds: ingestion of 10k entities takes a while. */
function progress(message: string) {
  if (performance.now() - lastProgress < 5000) return;
  lastProgress = performance.now();
  process.stderr.write(`  catalog: ${message}\n`);
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
