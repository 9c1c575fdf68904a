import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import {
  IndicatorRow,
  toIndicatorReport,
} from '../../indicators/DatabaseIndicatorStore';
import { IndicatorFact } from '../engine';

/** Indicator reports measured in the period, oldest first. */
export async function listIndicatorFacts(
  db: Knex,
  period: ScorecardPeriod,
): Promise<IndicatorFact[]> {
  // `indicator_reports_measured_idx`.
  const rows: IndicatorRow[] = await db('indicator_reports')
    .where('measured_at', '>=', new Date(period.from))
    .where('measured_at', '<', new Date(period.to))
    .orderBy([
      { column: 'measured_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  return rows.map(row => {
    const {
      key: _key,
      reporter: _reporter,
      reportedAt: _at,
      ...fact
    } = toIndicatorReport(row);
    return fact;
  });
}
