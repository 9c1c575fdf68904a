import { z } from 'zod';
import { entityRef } from '../http/validation';

/* What the train and gate routes (and the actions doing the same) take as request bodies. */

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });

const stageWindow = z
  .object({ start: isoTime, end: isoTime })
  .strict()
  .refine(window => Date.parse(window.start) <= Date.parse(window.end), {
    message: 'start must not be after end',
  });

const ambassadorRef = entityRef.refine(ref => ref.startsWith('user:'), {
  message: 'ambassadorRef must be the ref of a User',
});

export const createTrainBody = z
  .object({
    name: text(200),
    objective: text(2000),
    ambassadorRef,
    stageWindows: z.record(z.string(), stageWindow).default({}),
    participants: z
      .array(z.object({ entityRef, targetVersion: text(100) }).strict())
      .min(1)
      .max(200),
  })
  .strict();

/** The next train of a cadence: as a new train, with what the cadence pre-fills optional. */
export const cadenceTrainBody = createTrainBody
  .omit({ name: true, ambassadorRef: true, stageWindows: true })
  .extend({
    name: text(200).optional(),
    ambassadorRef: ambassadorRef.optional(),
    stageWindows: z.record(z.string(), stageWindow).optional(),
  })
  .strict();

export const advanceBody = z.object({ expectedStage: text(100) }).strict();
export const cancelBody = z.object({ reason: text(2000) }).strict();
export const rollBackBody = z.object({ reason: text(2000) }).strict();
/** What approving a gate takes: the REST route's body, and the approve-gate action's input. */
export const approveBody = z
  .object({ comment: z.string().trim().max(2000).optional() })
  .strict();
/** What rejecting a gate takes: a comment saying why. */
export const rejectBody = z.object({ comment: text(2000) }).strict();
export const waiveBody = z
  .object({ reason: text(2000), until: isoTime })
  .strict();
/** A check result as CI reports it, through the route or the report-check action. */
export const checkBody = z
  .object({
    participantRef: entityRef,
    checkName: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9._-]{0,99}$/i,
        'use letters, digits and . _ - (at most 100)',
      ),
    status: z.enum(['passed', 'failed']),
    evidenceUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    // The counterpart the check ran against: the compatibility matrix reads it.
    against: z
      .object({ entityRef, version: text(100) })
      .strict()
      .optional(),
    idempotencyKey: text(200),
  })
  .strict();

export const updateTrainBody = z
  .object({
    name: text(200).optional(),
    objective: text(2000).optional(),
    ambassadorRef: ambassadorRef.optional(),
    stageWindows: z
      .record(z.string(), stageWindow)
      .refine(windows => Object.keys(windows).length > 0, {
        message: 'name at least one stage, or leave stageWindows out',
      })
      .optional(),
  })
  .strict()
  .refine(body => Object.values(body).some(value => value !== undefined), {
    message:
      'change at least one of name, objective, ambassadorRef, stageWindows',
  });
export const addParticipantBody = z
  .object({ entityRef, targetVersion: text(100) })
  .strict();
export const updateParticipantBody = z
  .object({ targetVersion: text(100) })
  .strict();
export const removeParticipantBody = z.object({ reason: text(2000) }).strict();
