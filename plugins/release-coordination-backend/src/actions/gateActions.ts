import { randomUUID } from 'node:crypto';
import type { z as zod } from 'zod/v3';
import {
  createGateDecisionAccess,
  GateDecisionAccess,
} from '../gates/decisionAccess';
import { parseInput } from '../http/validation';
import { approveBody, checkBody, rejectBody } from '../trains/trainBodies';
import { ActionOptions } from './options';
import { gateSummary, gateSummarySchema } from './trainActions';

/** A gate after a decision: where it stands now and the decisions that count. */
const decidedGateSchema = (z: typeof zod) =>
  gateSummarySchema(z).extend({
    trainId: z.string(),
    approvals: z.array(
      z.object({
        userRef: z.string(),
        decision: z.enum(['approve', 'reject']),
        comment: z.string().optional(),
        decidedAt: z.string(),
      }),
    ),
  });

const gateIdSchema = (z: typeof zod) =>
  z
    .string()
    .uuid()
    .describe(
      'The id of the gate, as get-release-train or list-my-approvals name it',
    );

/**
 * Changes people and CI make to gates: approving, rejecting, reporting a check. Each is
 * authorised as its REST route is (the same `GateDecisionAccess`), its input then normalised by
 * the route's own schema, and done by the same service, which records it in the decision log
 * and the audit log with the caller as actor.
 */
export function registerGateActions(options: ActionOptions): void {
  const { registry, trains } = options;
  const decisions = createGateDecisionAccess(options);

  const decided = (gate: Awaited<ReturnType<typeof trains.approveGate>>) => ({
    ...gateSummary(gate),
    trainId: gate.trainId,
    approvals: gate.approvals.map(a => ({
      userRef: a.userRef,
      decision: a.decision,
      ...(a.comment ? { comment: a.comment } : {}),
      decidedAt: a.decidedAt,
    })),
  });

  registry.register({
    name: 'approve-gate',
    title: 'Approve a gate',
    description:
      'For a member of the Group that decides an approval gate: approves it, with an optional ' +
      'comment. Allowed only as the permission policy allows approving this gate, and counted ' +
      'only from a member of the approver Group (a NotAllowedError otherwise). Answers the gate ' +
      'as it stands afterwards: passed once its quorum is reached.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          gateId: gateIdSchema(z),
          comment: z.string().max(2000).optional(),
        }),
      output: z => z.object({ gate: decidedGateSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const { gateId: id, ...rest } = input;
      const gateId = id.toLowerCase();
      const body = parseInput(approveBody, rest, 'input');
      await decisions.authorizeDecision(gateId, 'approve', credentials);
      return {
        output: {
          gate: decided(await trains.approveGate(gateId, body, credentials)),
        },
      };
    },
  });

  registry.register({
    name: 'reject-gate',
    title: 'Reject a gate',
    description:
      'For a member of the Group that decides an approval gate: rejects it, with a comment ' +
      'saying why (required). Allowed only as the permission policy allows deciding this gate, ' +
      'and counted only from a member of the approver Group. The gate fails and blocks its ' +
      'train until an approver changes the decision or it is waived.',
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          gateId: gateIdSchema(z),
          comment: z
            .string()
            .min(1)
            .max(2000)
            .describe('Why the gate is rejected'),
        }),
      output: z => z.object({ gate: decidedGateSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const { gateId: id, ...rest } = input;
      const gateId = id.toLowerCase();
      const body = parseInput(rejectBody, rest, 'input');
      await decisions.authorizeDecision(gateId, 'reject', credentials);
      return {
        output: {
          gate: decided(await trains.rejectGate(gateId, body, credentials)),
        },
      };
    },
  });

  registerReportCheck(options, decisions);
}

/**
 * CI's part: reporting a check result. Authorised as the REST route that reports checks, with
 * the same decision access the gate decisions use.
 */
function registerReportCheck(
  options: ActionOptions,
  decisions: Pick<GateDecisionAccess, 'authorizeCheckReport'>,
): void {
  const { registry, trains } = options;

  registry.register({
    name: 'report-check',
    title: 'Report a check result',
    description:
      'For CI and other automation the permission policy allows to report checks: records ' +
      'that a check (e.g. contract-tests) passed or failed for one participant of an active ' +
      'train, with an optional link to the details. The latest result decides the check gates ' +
      'of that name. The same idempotencyKey records a result only once; without one, every ' +
      'call records a new result.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          trainId: z.string().uuid(),
          participantRef: z
            .string()
            .min(1)
            .max(512)
            .describe(
              'The participant the check ran for, e.g. component:default/payments',
            ),
          checkName: z
            .string()
            .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i)
            .describe(
              'As the stage configuration names it, e.g. contract-tests',
            ),
          status: z.enum(['passed', 'failed']),
          evidenceUrl: z
            .string()
            .url()
            .max(2000)
            .optional()
            .describe('An http(s) link to the details, e.g. the CI run'),
          idempotencyKey: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe(
              'Sent again with a retried report, so that it is recorded once',
            ),
        }),
      output: z =>
        z.object({
          check: z.object({
            id: z.string(),
            trainId: z.string(),
            participantRef: z.string(),
            checkName: z.string(),
            status: z.enum(['passed', 'failed']),
            evidenceUrl: z.string().optional(),
            idempotencyKey: z.string(),
            reportedAt: z.string(),
            reporter: z.string(),
          }),
        }),
    },
    action: async ({ input, credentials }) => {
      const { trainId, idempotencyKey, ...rest } = input;
      const body = parseInput(
        checkBody,
        { ...rest, idempotencyKey: idempotencyKey ?? randomUUID() },
        'input',
      );
      await decisions.authorizeCheckReport(credentials);
      const check = await trains.reportCheck(
        trainId.toLowerCase(),
        body,
        credentials,
      );
      return { output: { check: { ...check } } };
    },
  });
}
