import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DeclareFreezeRequest,
  FreezeWindow,
  normalizeEntityRef,
  Page,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { actorRefOf, audited } from '../access';
import { PageRequest } from '../database/paging';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { DatabaseFreezeStore } from './DatabaseFreezeStore';
import { covers, isInEffect } from './freezeWindows';

const DAY_MS = 86_400_000;

/** A freeze is an exception: a year at most. */
export const MAX_FREEZE_DAYS = 366;

/** Change freezes: those of the app-config and those release managers declare. */
export interface FreezeService {
  /** A page of the freezes that overlap `[from, to)`, earliest start first. */
  list(from: Date, to: Date, page: PageRequest): Promise<Page<FreezeWindow>>;
  /** Every freeze that overlaps `[from, to)`, earliest start first: they are a handful a year. */
  overlapping(from: Date, to: Date): Promise<FreezeWindow[]>;
  /** The freezes in effect at `at` that cover each of the entities (only those with some). */
  inEffect(
    entityRefs: string[],
    at: Date,
  ): Promise<Map<string, FreezeWindow[]>>;
  declare(
    request: DeclareFreezeRequest,
    credentials: BackstageCredentials,
  ): Promise<FreezeWindow>;
  lift(freezeId: string, credentials: BackstageCredentials): Promise<void>;
}

export function createFreezeService(options: {
  store: DatabaseFreezeStore;
  configured: FreezeWindow[];
  snapshots: Pick<DependencySnapshotService, 'current'>;
  auditor: AuditorService;
  clock?: Clock;
}): FreezeService {
  const { store, configured, snapshots, auditor } = options;
  const clock = options.clock ?? systemClock;

  async function overlapping(from: Date, to: Date): Promise<FreezeWindow[]> {
    const fromConfig = configured.filter(
      f =>
        Date.parse(f.endsAt) > from.getTime() &&
        Date.parse(f.startsAt) < to.getTime(),
    );
    return [...fromConfig, ...(await store.listOverlapping(from, to))].sort(
      (a, b) =>
        Date.parse(a.startsAt) - Date.parse(b.startsAt) ||
        a.id.localeCompare(b.id),
    );
  }

  return {
    overlapping,

    async list(from, to, page) {
      // Freezes are few (a handful a year): the period bounds the query, the page cuts it.
      const all = await overlapping(from, to);
      return {
        items: all.slice(page.offset, page.offset + page.limit),
        totalCount: all.length,
      };
    },

    async inEffect(entityRefs, at) {
      const standing = (
        await overlapping(at, new Date(at.getTime() + 1))
      ).filter(f => isInEffect(f, at));
      const found = new Map<string, FreezeWindow[]>();
      if (standing.length === 0) return found;
      const { index } = await snapshots.current();
      for (const ref of entityRefs) {
        const covering = standing.filter(f =>
          covers(f, normalizeEntityRef(ref), index),
        );
        if (covering.length) found.set(ref, covering);
      }
      return found;
    },

    async declare(request, credentials) {
      const actor = actorRefOf(credentials);
      return audited(
        auditor,
        'freeze-declare',
        { actor, reason: request.reason },
        async () => {
          const starts = Date.parse(request.startsAt);
          const ends = Date.parse(request.endsAt);
          if (ends <= clock.now().getTime()) {
            throw new InputError('endsAt: a freeze must end in the future');
          }
          if (ends - starts > MAX_FREEZE_DAYS * DAY_MS) {
            throw new InputError(
              `endsAt: a freeze lasts at most ${MAX_FREEZE_DAYS} days`,
            );
          }
          const scope = request.scope ?? { kind: 'all' as const };
          if (scope.kind !== 'all') {
            const ref = normalizeEntityRef(scope.ref, scope.kind);
            const { index } = await snapshots.current();
            const entity = index.scopeEntity(ref);
            if (entity?.kind.toLowerCase() !== scope.kind) {
              throw new InputError(
                `scope.ref: ${scope.ref} is not a ${scope.kind} in the catalog`,
              );
            }
            return store.declare(
              { ...request, scope: { kind: scope.kind, ref } },
              actor,
            );
          }
          return store.declare({ ...request, scope }, actor);
        },
      );
    },

    async lift(freezeId, credentials) {
      const actor = actorRefOf(credentials);
      await audited(auditor, 'freeze-lift', { actor, freezeId }, async () => {
        if (freezeId.startsWith('config-')) {
          throw new InputError(
            `freezeId: '${freezeId}' is a freeze of the app-config; change releaseCoordination.freezes`,
          );
        }
        if (!(await store.lift(freezeId, actor))) {
          throw new NotFoundError(`No standing freeze with id '${freezeId}'`);
        }
      });
    },
  };
}
