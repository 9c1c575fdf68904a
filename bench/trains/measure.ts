/**
 * What the `trains` benchmark asks of the running backend, and as whom: the reads people make
 * all day as the bench user (a member of several owner Groups), then the writes: approvals by
 * members of the approver Groups, check results as CI (static token), new trains.
 *
 * Reads come first: the writes change what they would read (passed gates, more trains).
 */
import type { Knex } from 'knex';
import { sample, seededRandom } from '../lib';
import { CI_TOKEN, getJson, signIn } from './backend';
import { LoadResult, WriteRequest, failedLoad, readLoad, writeLoad } from './load';
import type { BenchOrganization } from './organization';

export interface MeasureOptions {
  /** Requests per endpoint at most. */
  requests: number;
  /**
   * Seconds per endpoint, about: a read sends as many requests as one connection answers in
   * this time (from its warm-up), a write starts no request after it.
   */
  seconds: number;
  /** Requests in flight (train creation: always 1, as one person creates a train). */
  connections: number;
}

export function defaultMeasureOptions(): MeasureOptions {
  return { requests: 300, seconds: 20, connections: 4 };
}

/**
 * Query parameters for the list endpoints that are gaining paging (`limit`/`offset`, answers
 * `{ items, totalCount }`). While an endpoint still refuses unknown parameters (400), it is
 * called without them and a note says so: change the paging here, in one place.
 */
export const LIST_PARAMS: Record<string, string> = {
  '/approvals/mine': 'limit=20',
  '/entity-trains': 'limit=20',
};

/** The targets the plugin is held to: printed next to the figures, never asserted. */
export const TARGETS = {
  trains: 10_000,
  readP95Ms: 100,
  approvalsPerSecond: 100,
  createP50Ms: 50,
};

export interface EndpointResult extends LoadResult {
  name: string;
  /** One request as it was sent. */
  example: string;
  as: string;
  kind: 'read' | 'approve' | 'check' | 'create';
  connections: number;
  /** What the first answer held, e.g. "37 items". */
  answer?: string;
  /**
   * Reads: how long the first, untimed request took; it pays for what later ones find ready
   * (compiled code, a computed scorecard).
   */
  firstMs?: number;
}

export interface MeasureContext {
  baseUrl: string;
  /** The seeded database, to find what to ask about; destroyed once read. */
  database: Knex;
  org: BenchOrganization;
  userToken: string;
  options: MeasureOptions;
  trains: number;
  notes: string[];
  /** Waits until the backend is done with earlier work (see RunningBackend). */
  waitUntilIdle: (maxMs: number) => Promise<number>;
}

const API = '/api/release-coordination';
const DAY = 24 * 3_600_000;

function describe(body: any): string | undefined {
  if (Array.isArray(body?.items)) {
    const total = body.totalCount !== undefined ? ` of ${body.totalCount}` : '';
    return `${body.items.length} items${total}`;
  }
  if (Array.isArray(body?.gates)) return `${body.gates.length} gates`;
  return undefined;
}

/** What the requests are about, read from the seeded database. */
async function targets(db: Knex, org: BenchOrganization) {
  try {
    const trainIds: string[] = (await db('release_trains').select('id').orderBy('id')).map(
      row => row.id,
    );
    const counts = await db('train_participants')
      .select('entity_ref')
      .count({ n: '*' })
      .groupBy('entity_ref')
      .orderBy([{ column: 'n', order: 'desc' }, 'entity_ref']);
    const component = (row: any) => ({ ref: row.entity_ref as string, trains: Number(row.n) });
    const pending = await db('train_gates as g')
      .join('release_trains as t', 't.id', 'g.train_id')
      .where({ 't.status': 'active', 'g.kind': 'approval', 'g.state': 'pending' })
      .whereNull('g.removed_at')
      .select('g.id', 'g.config', 'g.stage', 't.current_stage')
      .orderBy('g.id');
    const approvable = pending
      .map(row => ({ ...row, approverRef: JSON.parse(row.config).approverRef as string }))
      .filter(row => (org.membersOf.get(row.approverRef) ?? []).length > 0)
      // What waits now first: the gates of the stage each train is in.
      .sort((a, b) => Number(a.stage !== a.current_stage) - Number(b.stage !== b.current_stage));
    const activeParticipants = await db('train_participants as p')
      .join('release_trains as t', 't.id', 'p.train_id')
      .where('t.status', 'active')
      .whereNull('p.removed_at')
      .select('p.train_id', 'p.entity_ref')
      .orderBy(['p.train_id', 'p.position']);
    return {
      trainIds,
      hub: component(counts[0]),
      typical: component(counts[Math.floor(counts.length / 2)]),
      approvable,
      activeParticipants,
    };
  } finally {
    await db.destroy();
  }
}

type Found = Awaited<ReturnType<typeof targets>>;

/** A request context shared by the reads and the writes. */
interface Session extends MeasureContext {
  found: Found;
  random: () => number;
  user: Record<string, string>;
  asUser: string;
  results: EndpointResult[];
}

/** The list endpoint's query with the paging parameters, if it takes them yet. */
async function listQuery(session: Session, endpoint: string, query: string) {
  const params = LIST_PARAMS[endpoint];
  if (!params) return query;
  const withParams = [query, params].filter(Boolean).join('&');
  const url = `${session.baseUrl}${API}${endpoint}?${withParams}`;
  const response = await fetch(url, { headers: session.user });
  await response.text();
  if (response.status !== 400) return withParams;
  session.notes.push(`${endpoint} refuses '${params}' (400): called without it`);
  return query;
}

/** How long the benchmark waits for a backend still busy with requests it gave up on. */
const IDLE_TIMEOUT_MS = 20 * 60_000;

/** Starts a measurement on an idle backend. */
async function idle(session: Session, name: string) {
  process.stderr.write(`  trains: ${name}\n`);
  const waited = await session.waitUntilIdle(IDLE_TIMEOUT_MS);
  if (waited > 10_000) {
    session.notes.push(`${name}: waited ${Math.round(waited / 1000)} s for the backend to be idle`);
  }
}

async function read(session: Session, name: string, nextPath: () => string) {
  const { baseUrl, options, user } = session;
  await idle(session, name);
  const base = { name, example: nextPath(), as: session.asUser, kind: 'read' as const };
  let answer: string | undefined;
  let warmMs = 0;
  let firstMs: number | undefined;
  // Untimed requests first: the first of a kind pays for JIT and lazy set-up. One is enough
  // when it takes long; one that takes longer than three times the time allowed is given up.
  const giveUpMs = 3 * options.seconds * 1000;
  for (let i = 0; i < 2 && warmMs < options.seconds * 1000; i++) {
    const t = performance.now();
    try {
      const signal = AbortSignal.timeout(giveUpMs);
      answer = describe(await getJson(`${baseUrl}${nextPath()}`, { headers: user, signal }));
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const firstError = timedOut ? `no answer within ${giveUpMs / 1000} s` : String(error);
      session.notes.push(`${name}: ${firstError}; not measured`);
      session.results.push({ ...base, connections: 1, ...failedLoad(firstError) });
      return;
    }
    warmMs = performance.now() - t;
    firstMs ??= warmMs;
  }
  // As many requests as one connection answers in the time allowed (one at least), so that the
  // run ends by itself rather than at a deadline (the deadline is only a safety net).
  const requests = Math.max(
    1,
    Math.min(options.requests, Math.floor((options.seconds * 1000) / Math.max(1, warmMs))),
  );
  const connections = Math.min(options.connections, requests);
  const seconds = 3 * options.seconds + (3 * warmMs) / 1000;
  const result = await readLoad(baseUrl, nextPath, user, { requests, seconds, connections });
  session.results.push({ ...base, connections, answer, firstMs, ...result });
}

async function write(
  session: Session,
  endpoint: Pick<EndpointResult, 'name' | 'kind' | 'as' | 'connections'>,
  items: WriteRequest[],
) {
  await idle(session, `${endpoint.name} (${items.length} prepared)`);
  if (items.length === 0) {
    session.notes.push(`${endpoint.name}: nothing to send`);
    return;
  }
  const limits = { ...session.options, connections: endpoint.connections };
  const result = await writeLoad(session.baseUrl, items, limits);
  session.results.push({ ...endpoint, example: items[0].path, ...result });
}

async function measureReads(session: Session) {
  const { found, random } = session;
  const approvals = await listQuery(session, '/approvals/mine', '');
  await read(session, 'GET /approvals/mine', () =>
    approvals ? `${API}/approvals/mine?${approvals}` : `${API}/approvals/mine`,
  );
  for (const [label, component] of [['hub', found.hub], ['typical', found.typical]] as const) {
    const ref = `ref=${encodeURIComponent(component.ref)}`;
    const query = await listQuery(session, '/entity-trains', ref);
    const name = `GET /entity-trains (${label}: in ${component.trains} trains)`;
    await read(session, name, () => `${API}/entity-trains?${query}`);
  }
  await read(session, 'GET /trains', () => `${API}/trains`);
  const { trainIds } = found;
  await read(session, 'GET /trains/:id (random)', () =>
    `${API}/trains/${trainIds[Math.floor(random() * trainIds.length)]}`,
  );
  // The scorecards page's presets: the last N days, today included.
  const to = Math.ceil(Date.now() / DAY) * DAY;
  for (const days of [90, 365]) {
    const from = new Date(to - days * DAY).toISOString();
    const query = `scope=organization&from=${from}&to=${new Date(to).toISOString()}`;
    await read(session, `GET /scorecards (organization, ${days} d)`, () =>
      `${API}/scorecards?${query}`,
    );
  }
}

async function measureWrites(session: Session) {
  const { baseUrl, org, options, found, random } = session;
  // Approvals: each gate once, by a member of its approver Group (one signed-in member each).
  const tokens = new Map<string, string>();
  const approvals: WriteRequest[] = [];
  for (const gate of found.approvable.slice(0, options.requests)) {
    if (!tokens.has(gate.approverRef)) {
      const member = org.membersOf.get(gate.approverRef)![0];
      tokens.set(gate.approverRef, (await signIn(baseUrl, member.split('/')[1])).token);
    }
    const headers = { Authorization: `Bearer ${tokens.get(gate.approverRef)}` };
    approvals.push({ method: 'POST', path: `${API}/gates/${gate.id}/approve`, headers, body: {} });
  }
  const { connections } = options;
  const approvers = `${tokens.size} approvers`;
  const approve = { name: 'POST /gates/:id/approve', kind: 'approve' as const, as: approvers };
  await write(session, { ...approve, connections }, approvals);

  // Check results as CI reports them, on the participants of active trains.
  const reported = sample(found.activeParticipants, options.requests, random);
  const checks = reported.map((p, i): WriteRequest => ({
    method: 'POST',
    path: `${API}/trains/${p.train_id}/checks`,
    headers: { Authorization: `Bearer ${CI_TOKEN}` },
    body: {
      participantRef: p.entity_ref,
      checkName: i % 2 ? 'contract-tests' : 'canary-analysis',
      status: 'passed',
      evidenceUrl: `https://ci.acme.example/bench/${i}`,
      idempotencyKey: `bench-${i}`,
    },
  }));
  const check = { name: 'POST /trains/:id/checks', kind: 'check' as const, as: 'CI token' };
  await write(session, { ...check, connections }, checks);

  // New trains of 3 participants, one at a time: one person creating a train.
  const count = Math.min(options.requests, 100);
  const creations = Array.from({ length: count }, (_, i): WriteRequest => ({
    method: 'POST',
    path: `${API}/trains`,
    headers: session.user,
    body: {
      name: `Bench train ${i + 1}`,
      objective: 'Ship three components together',
      ambassadorRef: org.benchUserRef,
      participants: sample(org.ranked, 3, random).map(entityRef => ({
        entityRef,
        targetVersion: '1.0.0',
      })),
    },
  }));
  const create = { name: 'POST /trains', kind: 'create' as const, as: session.asUser };
  await write(session, { ...create, connections: 1 }, creations);
}

/** Reads first: the writes change what they read (passed gates, more trains). */
export async function measureEndpoints(ctx: MeasureContext): Promise<EndpointResult[]> {
  const session: Session = {
    ...ctx,
    found: await targets(ctx.database, ctx.org),
    random: seededRandom(ctx.trains),
    user: { Authorization: `Bearer ${ctx.userToken}` },
    asUser: `${ctx.org.benchUserRef.split('/')[1]} (${ctx.org.benchUserGroups.length} teams)`,
    results: [],
  };
  await measureReads(session);
  await measureWrites(session);
  return session.results;
}
