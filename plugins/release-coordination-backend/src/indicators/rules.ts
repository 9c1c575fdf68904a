import {
  GateRule,
  TrainGateRuleContext,
} from '@release-coordination/plugin-release-coordination-node';
import { Config } from '@backstage/config';
import { IndicatorStore } from './IndicatorStore';

const DAY_MS = 86_400_000;

/** The settings of the indicator gate rules, from `releaseCoordination.indicators`. */
export interface IndicatorRuleSettings {
  /** The share of merged changes with an approving review a participant needs, 0 to 1. */
  reviewCoverageThreshold: number;
  /** How old the reports a rule reads may be, in days. */
  maxAgeDays: number;
}

export const DEFAULT_INDICATOR_RULE_SETTINGS: IndicatorRuleSettings = {
  reviewCoverageThreshold: 0.8,
  maxAgeDays: 14,
};

/** Reads `releaseCoordination.indicators`; a wrong value stops the backend at start-up. */
export function readIndicatorRuleSettings(root: Config): IndicatorRuleSettings {
  const config = root.getOptionalConfig('releaseCoordination.indicators');
  const threshold =
    config?.getOptionalNumber('reviewCoverageThreshold') ??
    DEFAULT_INDICATOR_RULE_SETTINGS.reviewCoverageThreshold;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new Error(
      `releaseCoordination.indicators.reviewCoverageThreshold must be from 0 to 1, not ${threshold}`,
    );
  }
  const maxAgeDays =
    config?.getOptionalNumber('maxAgeDays') ??
    DEFAULT_INDICATOR_RULE_SETTINGS.maxAgeDays;
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > 365) {
    throw new Error(
      `releaseCoordination.indicators.maxAgeDays must be a whole number from 1 to 365, not ${maxAgeDays}`,
    );
  }
  return { reviewCoverageThreshold: threshold, maxAgeDays };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * `review-coverage`: each participant's merged changes of the last `maxAgeDays`, as CI
 * reported them, had an approving review by someone other than the author at least
 * `reviewCoverageThreshold` of the time. A participant without figures fails: the gate asks
 * for evidence, not for its absence. For one participant when the gate is per participant, for
 * every participant otherwise.
 */
export function createReviewCoverageRule(options: {
  store: Pick<IndicatorStore, 'listRecentReports'>;
  settings: IndicatorRuleSettings;
}): GateRule<TrainGateRuleContext> {
  const { store, settings } = options;
  const { reviewCoverageThreshold: threshold, maxAgeDays } = settings;
  return {
    id: 'review-coverage',
    description:
      `Each participant's merged changes of the last ${maxAgeDays} days had an approving ` +
      `review by another person, at least ${percent(threshold)} of them`,
    async evaluate({ participant, participants, now }) {
      const since = new Date(now.getTime() - maxAgeDays * DAY_MS);
      const checked = participant ? [participant] : participants;
      const below: string[] = [];
      const unreported: string[] = [];
      const met: string[] = [];
      for (const p of checked) {
        let merged = 0;
        let reviewed = 0;
        for (const report of await store.listRecentReports(
          p.entityRef,
          since,
        )) {
          if (!report.review) continue;
          merged += report.review.mergedChanges;
          reviewed += report.review.reviewedChanges;
        }
        if (merged === 0) unreported.push(p.entityRef);
        else if (reviewed / merged < threshold) {
          below.push(
            `${p.entityRef} ${percent(reviewed / merged)} (${reviewed} of ${merged})`,
          );
        } else met.push(`${p.entityRef} ${percent(reviewed / merged)}`);
      }
      if (below.length === 0 && unreported.length === 0) {
        return { passed: true, reason: `Review coverage: ${met.join(', ')}` };
      }
      return {
        passed: false,
        reason: [
          below.length
            ? `Below ${percent(threshold)}: ${below.join(', ')}`
            : '',
          unreported.length
            ? `No merged changes reported in the last ${maxAgeDays} days: ${unreported.join(', ')} ` +
              '(CI reports them with POST /indicators)'
            : '',
        ]
          .filter(Boolean)
          .join('; '),
      };
    },
  };
}
