import {
  MetricValue,
  scorecardReadPermission,
} from '@release-coordination/plugin-release-coordination-common';
import type { z as zod } from 'zod/v3';
import { createReadCheck } from '../access';
import { parseInput } from '../http/validation';
import {
  MAX_SCORECARD_PERIOD_DAYS,
  SCORECARD_READ_REFUSAL,
  scorecardQuery,
} from '../scorecards/scorecardRouter';
import { requireVisibleScope } from '../scorecards/visibleScorecard';
import { ActionOptions } from './options';

const metricSchema = (z: typeof zod) =>
  z.object({
    id: z.string(),
    value: z
      .number()
      .optional()
      .describe('Absent when there is no data; missing says why'),
    numerator: z.number().optional(),
    denominator: z.number().optional(),
    p90: z.number().optional(),
    sampleSize: z.number(),
    missing: z.string().optional(),
  });

const metric = (value: MetricValue) => ({
  id: value.id,
  sampleSize: value.sampleSize,
  ...(value.value !== undefined ? { value: value.value } : {}),
  ...(value.numerator !== undefined ? { numerator: value.numerator } : {}),
  ...(value.denominator !== undefined
    ? { denominator: value.denominator }
    : {}),
  ...(value.p90 !== undefined ? { p90: value.p90 } : {}),
  ...(value.missing !== undefined ? { missing: value.missing } : {}),
});

/** Scorecards: what happened to releases over a period. */
export function registerScorecardActions(options: ActionOptions): void {
  const { registry, scorecards, visibility } = options;
  // The check of the scorecard route.
  const authorizeReading = createReadCheck({
    permissions: options.permissions,
    permission: scorecardReadPermission,
    refusal: SCORECARD_READ_REFUSAL,
  });

  registry.register({
    name: 'get-scorecard',
    title: 'Get a release scorecard',
    description:
      'For anyone allowed to read scorecards: the release metrics (cycle time, deployment ' +
      'frequency, change failure rate, gate first-pass rate and the others, durations in hours) ' +
      'and the median time per stage of one scope over a period. The metrics only: no per-train ' +
      `trend and no drill-down rows. A period spans at most ${MAX_SCORECARD_PERIOD_DAYS} days.`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          scope: z.enum([
            'organization',
            'team',
            'system',
            'domain',
            'train',
            'component',
          ]),
          ref: z
            .string()
            .max(512)
            .optional()
            .describe(
              'The Group, System, Domain or Component ref of the scope, or the id of a train; ' +
                'none for the organization',
            ),
          from: z
            .string()
            .datetime({ offset: true })
            .describe('Start of the period, inclusive'),
          to: z
            .string()
            .datetime({ offset: true })
            .describe('End of the period, exclusive'),
        }),
      output: z =>
        z.object({
          scope: z.object({
            kind: z.string(),
            ref: z.string().optional(),
            id: z.string().optional(),
          }),
          period: z.object({ from: z.string(), to: z.string() }),
          generatedAt: z.string(),
          trainCount: z
            .number()
            .describe(
              'Trains of the scope with anything counted in the period',
            ),
          metrics: z.array(metricSchema(z)),
          stageTimes: z.array(metricSchema(z).extend({ stage: z.string() })),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeReading(credentials);
      const { scope, period } = parseInput(scorecardQuery, input, 'input');
      await requireVisibleScope(scope, visibility.forCaller(credentials));
      const scorecard = await scorecards.getScorecard(scope, period);
      return {
        output: {
          scope: { ...scorecard.scope },
          period: scorecard.period,
          generatedAt: scorecard.generatedAt,
          trainCount: scorecard.trainCount,
          metrics: scorecard.metrics.map(metric),
          stageTimes: scorecard.stageTimes.map(stage => ({
            ...metric(stage),
            stage: stage.stage,
          })),
        },
      };
    },
  });
}
