import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  deploymentReportPermission,
  ReportRollbackDrillRequest,
  RollbackDrill,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited } from '../access';
import { RollbackCore } from './rollbackCore';

/** CI and people clocks differ a little; a rehearsal this far ahead of ours still counts as now. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Rehearsals of rollbacks (drills), reported per entity by its team or CI. */
export function createRollbackDrills(core: RollbackCore) {
  const { store, snapshots, access, auditor, announcer, now } = core;

  async function reportDrill(
    input: ReportRollbackDrillRequest,
    credentials: BackstageCredentials,
  ): Promise<{ drill: RollbackDrill; created: boolean }> {
    const reporter = actorRefOf(credentials);
    const meta = {
      actor: reporter,
      entityRef: input.entityRef,
      result: input.result,
    };
    return audited(auditor, 'rollback-drill-report', meta, async () => {
      const { index } = await snapshots.current();
      const node = index.node(input.entityRef);
      // The entity's team may record its own rehearsals; anyone else needs the permission CI
      // reports with.
      const ownership = await access.ownershipOf(credentials);
      const isOwner = node?.owner !== undefined && ownership.has(node.owner);
      if (
        !isOwner &&
        !(await access.isAllowed(deploymentReportPermission, credentials))
      ) {
        throw new NotAllowedError(
          `Only members of the owner of ${input.entityRef} or CI can report its rollback ` +
            'rehearsals',
        );
      }
      if (!node) {
        throw new InputError(
          `entityRef: ${input.entityRef} is not in the catalog`,
        );
      }
      if (
        new Date(input.rehearsedAt).getTime() >
        now().getTime() + CLOCK_SKEW_MS
      ) {
        throw new InputError(
          'rehearsedAt: a rehearsal cannot be reported before it happened',
        );
      }
      const sameDrill = (existing: RollbackDrill) => {
        if (
          existing.result !== input.result ||
          new Date(existing.rehearsedAt).getTime() !==
            new Date(input.rehearsedAt).getTime() ||
          (existing.evidenceUrl ?? '') !== (input.evidenceUrl ?? '')
        ) {
          throw new ConflictError(
            `Idempotency key '${input.idempotencyKey}' was already used for another rehearsal ` +
              `of ${input.entityRef}`,
          );
        }
        return { drill: existing, created: false };
      };

      let outcome: { drill: RollbackDrill; created: boolean };
      try {
        outcome = await store.transaction(async tx => {
          const existing = await tx.findDrillByKey(
            input.entityRef,
            input.idempotencyKey,
          );
          if (existing) return sameDrill(existing);
          const drill = await tx.insertDrill({
            entityRef: input.entityRef,
            result: input.result,
            rehearsedAt: input.rehearsedAt,
            ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
            idempotencyKey: input.idempotencyKey,
            reporter,
          });
          return { drill, created: true };
        });
      } catch (error) {
        // Two reports with one key at once: the unique index let one in; answer with it.
        const existing = await store.findDrillByKey(
          input.entityRef,
          input.idempotencyKey,
        );
        if (existing) return sameDrill(existing);
        throw error;
      }
      if (outcome.created) {
        // Live views of the trains it takes part in show its readiness.
        for (const trainId of await store.listActiveTrainIdsOf(
          input.entityRef,
        )) {
          await announcer.announce(trainId);
        }
      }
      return outcome;
    });
  }

  return { reportDrill };
}
