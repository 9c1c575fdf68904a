import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  IndicatorReport,
  Page,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import {
  fromJsonColumn,
  Time,
  toIsoString,
  toJsonColumn,
} from '../database/columns';
import { connectStoreDatabase } from '../database/migrations';
import { PageRequest, selectPage } from '../database/paging';
import { IndicatorStore, NewIndicatorReport } from './IndicatorStore';

/** An `indicator_reports` row. */
export interface IndicatorRow {
  id: number;
  entity_ref: string;
  owner_ref: string | null;
  report_key: string;
  measured_at: Time;
  merged_changes: number | null;
  reviewed_changes: number | null;
  tests_executed: number | null;
  tests_passed: number | null;
  tests_flaky: number | null;
  merge_hours: string | null;
  reporter: string;
  reported_at: Time;
}

export function toIndicatorReport(row: IndicatorRow): IndicatorReport {
  const mergeHours = fromJsonColumn(row.merge_hours) as number[] | undefined;
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
    key: row.report_key,
    measuredAt: toIsoString(row.measured_at),
    ...(row.merged_changes !== null && row.reviewed_changes !== null
      ? {
          review: {
            mergedChanges: Number(row.merged_changes),
            reviewedChanges: Number(row.reviewed_changes),
          },
        }
      : {}),
    ...(row.tests_executed !== null &&
    row.tests_passed !== null &&
    row.tests_flaky !== null
      ? {
          tests: {
            executed: Number(row.tests_executed),
            passed: Number(row.tests_passed),
            flaky: Number(row.tests_flaky),
          },
        }
      : {}),
    ...(mergeHours ? { mergeHours } : {}),
    reporter: row.reporter,
    reportedAt: toIsoString(row.reported_at),
  };
}

/** The knex {@link IndicatorStore}. */
export class DatabaseIndicatorStore implements IndicatorStore {
  static async create(options: {
    database: DatabaseService;
    clock?: Clock;
  }): Promise<DatabaseIndicatorStore> {
    return new DatabaseIndicatorStore(
      await connectStoreDatabase(options.database),
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
  ) {}

  async findReport(entityRef: string, key: string) {
    const row: IndicatorRow | undefined = await this.knex('indicator_reports')
      .where({ entity_ref: entityRef, report_key: key })
      .first();
    return row ? toIndicatorReport(row) : undefined;
  }

  async insertReport(report: NewIndicatorReport) {
    const [inserted] = await this.knex('indicator_reports')
      .insert({
        entity_ref: report.entityRef,
        owner_ref: report.ownerRef ?? null,
        report_key: report.key,
        measured_at: new Date(report.measuredAt),
        merged_changes: report.review?.mergedChanges ?? null,
        reviewed_changes: report.review?.reviewedChanges ?? null,
        tests_executed: report.tests?.executed ?? null,
        tests_passed: report.tests?.passed ?? null,
        tests_flaky: report.tests?.flaky ?? null,
        merge_hours: toJsonColumn(report.mergeHours),
        reporter: report.reporter,
        reported_at: this.clock.now(),
      })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    const row: IndicatorRow = await this.knex('indicator_reports')
      .where('id', id)
      .first();
    return toIndicatorReport(row);
  }

  async listReports(
    entityRef: string,
    page: PageRequest,
  ): Promise<Page<IndicatorReport>> {
    const { rows, totalCount } = await selectPage<IndicatorRow>(
      this.knex('indicator_reports')
        .where('entity_ref', entityRef)
        .orderBy([
          { column: 'measured_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ]),
      this.knex('indicator_reports').where('entity_ref', entityRef),
      page,
    );
    return { items: rows.map(toIndicatorReport), totalCount };
  }

  async listRecentReports(entityRef: string, since: Date) {
    const rows: IndicatorRow[] = await this.knex('indicator_reports')
      .where('entity_ref', entityRef)
      .where('measured_at', '>=', since)
      .orderBy([
        { column: 'measured_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toIndicatorReport);
  }
}
