import {
  AuthService,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  HistoryCatalogExpectation,
  ReleaseCoordinationHistoryContext,
} from '@release-coordination/plugin-release-coordination-node';
import { createAuthorizer } from '../access';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import {
  createReleaseCoordinationServices,
  createReleaseCoordinationStores,
} from '../services';
import { createReplayActor } from './replayActor';
import {
  createCatalogUserInfo,
  createReplayPermissions,
  replayCredentials,
} from './replayAccess';

/** A clock that reads the system time until a replay sets it, and its set time after. */
export function createSettableClock(): Clock & { set(at: Date): void } {
  let fixed: Date | undefined;
  return {
    now: () => (fixed ? new Date(fixed) : new Date()),
    set(at: Date) {
      if (Number.isNaN(at.getTime())) throw new TypeError('The history clock needs a valid time');
      fixed = new Date(at);
    },
  };
}

const DEFAULT_CATALOG_TIMEOUT_MS = 120_000;
const DEFAULT_POLL_INTERVAL_MS = 2_000;

/** What of `expectation` the catalog does not know yet, in words for the log. */
export async function missingFromCatalog(
  catalog: CatalogService,
  auth: AuthService,
  expectation: HistoryCatalogExpectation,
): Promise<string[]> {
  const relations = (expectation.relations ?? []).map(relation => ({
    source: normalizeEntityRef(relation.source),
    type: relation.type,
    target: normalizeEntityRef(relation.target),
  }));
  const refs = [
    ...new Set([
      ...expectation.entityRefs.map(ref => normalizeEntityRef(ref)),
      ...relations.map(relation => relation.source),
    ]),
  ];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'] },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const found = new Map(refs.map((ref, i) => [ref, items[i]]));
  const missing = refs.filter(ref => !found.get(ref));
  for (const { source, type, target } of relations) {
    const entity = found.get(source);
    if (!entity) continue;
    const known = (entity.relations ?? []).some(
      relation => relation.type === type && normalizeEntityRef(relation.targetRef) === target,
    );
    if (!known) missing.push(`${source} ${type} ${target}`);
  }
  return missing;
}

/**
 * The context a history replay runs in: the plugin's services built afresh over a clock the
 * replay sets, and over the same stages, rules and dependency graph as the plugin's routes.
 *
 * Nothing replayed is announced: people would otherwise get signals and notifications about
 * trains that ended months ago. The auditor records every replayed change as it happens,
 * marked with the replay's id: the people it names did not act at that moment, the replay did.
 */
export async function createHistoryContext(options: {
  replayId: string;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  snapshots: DependencySnapshotService;
  services: Omit<
    Parameters<typeof createReleaseCoordinationServices>[0],
    'stores' | 'clock' | 'userInfo' | 'permissions' | 'signals' | 'notifications' | 'snapshots'
  >;
  catalogTimeoutMs?: number;
}): Promise<ReleaseCoordinationHistoryContext> {
  const { catalog, auth, logger, snapshots } = options;
  const clock = createSettableClock();
  // The plugin's own stores ran the migrations already.
  const stores = await createReleaseCoordinationStores({
    database: { getClient: () => options.database.getClient(), migrations: { skip: true } },
    clock,
  });
  const permissions = createReplayPermissions();
  const { auditor } = options.services;
  const services = createReleaseCoordinationServices({
    ...options.services,
    auditor: {
      createEvent: event =>
        auditor.createEvent({ ...event, meta: { ...event.meta, historyReplay: options.replayId } }),
    },
    stores,
    clock,
    snapshots,
    userInfo: createCatalogUserInfo({ catalog, auth }),
    permissions,
    signals: { publish: async () => {} },
    notifications: { send: async () => {} },
  });
  const access = createAuthorizer({ permissions });
  const actor = (credentials: ReturnType<typeof replayCredentials>) =>
    createReplayActor({ services, access, credentials, catalog, auth });

  return {
    logger,
    setTime: at => clock.set(at),
    asUser: userEntityRef =>
      actor(
        replayCredentials({ type: 'user', userEntityRef: normalizeEntityRef(userEntityRef, 'user') }),
      ),
    asService: subject => actor(replayCredentials({ type: 'service', subject })),
    async waitForCatalog(expectation, waitOptions) {
      const timeoutMs =
        waitOptions?.timeoutMs ?? options.catalogTimeoutMs ?? DEFAULT_CATALOG_TIMEOUT_MS;
      const pollIntervalMs = waitOptions?.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
      // Elapsed time of this backend's wait, not a time of the history: the machine's clock.
      const started = performance.now();
      let logged = false;
      for (;;) {
        const missing = await missingFromCatalog(catalog, auth, expectation);
        if (missing.length === 0) break;
        const listed = `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`;
        if (performance.now() - started >= timeoutMs) {
          throw new Error(
            `The catalog still lacks ${missing.length} thing(s) the history needs after ` +
              `${Math.round(timeoutMs / 1000)} s: ${listed}`,
          );
        }
        if (!logged) {
          logger.info(
            `Waiting up to ${Math.round(timeoutMs / 1000)} s for the catalog to know ` +
              `${missing.length} thing(s) the history needs, e.g. ${listed}`,
          );
          logged = true;
        }
        await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
      }
      // The services read owners and dependencies from the graph: derive it from what the
      // catalog knows now.
      await snapshots.refresh();
    },
  };
}
