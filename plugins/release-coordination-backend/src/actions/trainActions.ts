import { trainReadPermission } from '@release-coordination/plugin-release-coordination-common';
import type { z as zod } from 'zod/v3';
import { createReadCheck, visibleItems, TRAIN_READ_REFUSAL } from '../access';
import { visibleTrain } from '../trains/visibleTrains';
import { ActionOptions } from './options';

/** The most approvals one call of list-my-approvals answers. */
export const MAX_APPROVALS_PER_PAGE = 50;

/** A gate state that lets a train past: anything else blocks it. */
const PASSED_STATES = new Set(['passed', 'waived']);

/** A gate as the actions describe it: where it is, what decides it and who. */
export const gateSummarySchema = (z: typeof zod) =>
  z.object({
    id: z.string(),
    title: z.string(),
    stage: z.string(),
    phase: z.enum(['entry', 'exit']),
    kind: z.enum(['approval', 'check', 'rule']),
    state: z.enum(['pending', 'passed', 'failed', 'waived']),
    participantRef: z
      .string()
      .optional()
      .describe('The participant a per-participant gate is for'),
    approverRef: z
      .string()
      .optional()
      .describe(
        'For approvals: the Group (or User) whose members decide the gate',
      ),
    checkName: z
      .string()
      .optional()
      .describe('For checks: the check name CI reports'),
  });

type GateLike = {
  id: string;
  title: string;
  stage: string;
  phase: 'entry' | 'exit';
  kind: 'approval' | 'check' | 'rule';
  state: 'pending' | 'passed' | 'failed' | 'waived';
  participantRef?: string;
  approverRef?: string;
  checkName?: string;
};

export const gateSummary = (gate: GateLike) => ({
  id: gate.id,
  title: gate.title,
  stage: gate.stage,
  phase: gate.phase,
  kind: gate.kind,
  state: gate.state,
  ...(gate.participantRef ? { participantRef: gate.participantRef } : {}),
  ...(gate.approverRef ? { approverRef: gate.approverRef } : {}),
  ...(gate.checkName ? { checkName: gate.checkName } : {}),
});

/** Reads of trains: one train and what blocks it, and the approvals waiting for the caller. */
export function registerTrainActions(options: ActionOptions): void {
  const { registry, trains, visibility } = options;
  // The check of every train read route.
  const authorizeReading = createReadCheck({
    permissions: options.permissions,
    permission: trainReadPermission,
    refusal: TRAIN_READ_REFUSAL,
  });

  registry.register({
    name: 'get-release-train',
    title: 'Get a release train',
    description:
      'For anyone allowed to read release trains: one train by id with its name, current stage ' +
      'and status, and the gates that are not passed yet (pending or failed), each with its ' +
      'stage and the approver Group that decides it. Participants and gates of catalog ' +
      'entities the caller may not see are left out and counted in hiddenGates.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          trainId: z
            .string()
            .uuid()
            .describe('The id of the train, as the portal shows it'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          name: z.string(),
          objective: z.string(),
          status: z.enum(['active', 'released', 'rolled-back', 'cancelled']),
          currentStage: z.string(),
          ambassadorRef: z.string(),
          blockingGates: z.array(gateSummarySchema(z)),
          hiddenGates: z
            .number()
            .optional()
            .describe(
              'Gates left out because the caller may not see their participant',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeReading(credentials);
      const train = await visibleTrain(
        await trains.getTrain(input.trainId.toLowerCase()),
        visibility.forCaller(credentials),
      );
      return {
        output: {
          id: train.id,
          name: train.name,
          objective: train.objective,
          status: train.status,
          currentStage: train.currentStage,
          ambassadorRef: train.ambassadorRef,
          blockingGates: train.gates
            .filter(g => !PASSED_STATES.has(g.state))
            .map(gateSummary),
          ...(train.hidden?.gates ? { hiddenGates: train.hidden.gates } : {}),
        },
      };
    },
  });

  registry.register({
    name: 'list-my-approvals',
    title: 'List my approvals',
    description:
      'For a signed-in person allowed to read release trains: the approval gates of active ' +
      'trains that wait for a Group they belong to (or for them), pending or failed and so ' +
      `open to a decision, a page at a time (at most ${MAX_APPROVALS_PER_PAGE}). A service ` +
      'belongs to no Group and gets none.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_APPROVALS_PER_PAGE)
            .default(20),
          offset: z.number().int().min(0).default(0),
        }),
      output: z =>
        z.object({
          totalCount: z
            .number()
            .describe('How many approvals wait for the caller in all'),
          items: z.array(
            z.object({
              train: z.object({
                id: z.string(),
                name: z.string(),
                currentStage: z.string(),
              }),
              gate: gateSummarySchema(z),
            }),
          ),
          hiddenItems: z
            .number()
            .optional()
            .describe(
              'Approvals of this page left out because the caller may not see their participant',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeReading(credentials);
      const page = await visibleItems(
        await trains.listMyApprovals(credentials, {
          limit: input.limit,
          offset: input.offset,
        }),
        approval => [approval.gate.participantRef],
        visibility.forCaller(credentials),
      );
      return {
        output: {
          totalCount: page.totalCount,
          items: page.items.map(({ train, gate }) => ({
            train: {
              id: train.id,
              name: train.name,
              currentStage: train.currentStage,
            },
            gate: gateSummary(gate),
          })),
          ...(page.hidden?.items ? { hiddenItems: page.hidden.items } : {}),
        },
      };
    },
  });
}
