import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CheckResult,
  ReportCheckRequest,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { TrainChangeContext, TrainCore } from '../trains/core';
import { TrainRecord } from '../trains/TrainStore';
import { actorRefOf } from '../access';
import { requireActive, withExpiry } from '../trains/model';
import { settleExpiredWaiver } from './waiverExpiry';

/**
 * A report already recorded under the idempotency key, when it says the same as `report`; a
 * key used for another report is a conflict.
 */
function sameReportOrConflict(
  existing: CheckResult,
  report: Pick<
    CheckResult,
    'participantRef' | 'checkName' | 'status' | 'against'
  > & {
    idempotencyKey: string;
  },
): CheckResult {
  if (
    existing.participantRef !== report.participantRef ||
    existing.checkName !== report.checkName ||
    existing.status !== report.status ||
    existing.against?.entityRef !== report.against?.entityRef ||
    existing.against?.version !== report.against?.version
  ) {
    throw new ConflictError(
      `Idempotency key '${report.idempotencyKey}' was already used for another report`,
    );
  }
  return existing;
}

/**
 * Check results as CI reports them, idempotent by key; the newest result decides the check gates
 * of its participant and check name.
 */
export function createCheckReports(core: TrainCore) {
  const {
    store,
    now,
    announce,
    audited,
    requireTrain,
    requireGate,
    failureNotifications,
  } = core;

  async function reportCheck(
    trainId: string,
    input: ReportCheckRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<CheckResult> {
    const reporter = actorRefOf(credentials);
    const participantRef = normalizeEntityRef(input.participantRef);
    const against = input.against
      ? {
          entityRef: normalizeEntityRef(input.against.entityRef),
          version: input.against.version,
        }
      : undefined;
    const sameReport = (existing: CheckResult) =>
      sameReportOrConflict(existing, { ...input, participantRef, against });
    const meta = { actor: reporter, trainId, checkName: input.checkName };
    return audited('check-report', meta, context, async () => {
      let outcome: { result: CheckResult; train?: TrainRecord };
      try {
        outcome = await store.transaction(async tx => {
          const train = await requireTrain(tx, trainId, true);
          const existing = await tx.findCheckByKey(
            trainId,
            input.idempotencyKey,
          );
          // A replay changes nothing, so it is not announced again.
          if (existing) return { result: sameReport(existing) };
          requireActive(train);
          const participants = await tx.listParticipants(trainId);
          if (!participants.some(p => p.entityRef === participantRef)) {
            throw new InputError(
              `${participantRef} is not a participant of train '${train.name}'`,
            );
          }
          const result = await tx.insertCheck({
            trainId,
            participantRef,
            checkName: input.checkName,
            status: input.status,
            ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
            ...(against ? { against } : {}),
            idempotencyKey: input.idempotencyKey,
            reporter,
          });
          await tx.appendDecision({
            trainId,
            entityRef: participantRef,
            actorRef: reporter,
            action: 'check.reported',
            subject: `${participantRef}#${input.checkName}`,
            after: {
              status: input.status,
              evidenceUrl: input.evidenceUrl ?? null,
              ...(against
                ? { against: `${against.entityRef}@${against.version}` }
                : {}),
            },
          });
          // The newest result decides every check gate of this participant and check name
          // that no running waiver holds.
          const at = now();
          const gates = (
            await tx.listGates(trainId, { participantRef })
          ).filter(
            gate =>
              gate.kind === 'check' &&
              gate.checkName === input.checkName &&
              withExpiry(gate, at).state !== 'waived' &&
              gate.state !== input.status,
          );
          for (const gate of gates) {
            // Decided on the gate as locked, not as listed: a waiver (or a newer report) that
            // landed in between stands, and the compare-and-set below guards that same state.
            // A waiver that ran out gives the gate back to its evidence, this report included.
            const record = await settleExpiredWaiver(
              tx,
              await requireGate(tx, gate.id, true),
              reporter,
              at,
            );
            if (record.state === 'waived' || record.state === input.status)
              continue;
            await tx.updateGate(gate.id, record.version, {
              state: input.status,
            });
            await tx.appendDecision({
              trainId,
              entityRef: participantRef,
              actorRef: reporter,
              action: `gate.${input.status}`,
              subject: gate.id,
              before: { state: record.state },
              after: { state: input.status },
              reason: `Check ${input.checkName} reported ${input.status}`,
            });
          }
          return { result, train };
        });
      } catch (error) {
        // Two reports with one key at once: the unique index let one in; answer with it.
        const existing = await store.findCheckByKey(
          trainId,
          input.idempotencyKey,
        );
        if (existing) return sameReport(existing);
        throw error;
      }
      const { result, train } = outcome;
      if (train) {
        await announce(
          trainId,
          result.status === 'failed'
            ? () =>
                failureNotifications(train, {
                  what: `Check '${result.checkName}'`,
                  participantRef: result.participantRef,
                  detail: `Reported failed by ${reporter}${
                    result.evidenceUrl
                      ? `; evidence: ${result.evidenceUrl}`
                      : ''
                  }`,
                })
            : undefined,
        );
      }
      return result;
    });
  }

  return { reportCheck };
}
