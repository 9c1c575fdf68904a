import {
  IndicatorReport,
  Page,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';

/** A report as first stored; the id and the time it came are the store's. */
export type NewIndicatorReport = Omit<IndicatorReport, 'id' | 'reportedAt'>;

/** Persistence of leading indicators. */
export interface IndicatorStore {
  /** The report of an entity with this key, if any. */
  findReport(
    entityRef: string,
    key: string,
  ): Promise<IndicatorReport | undefined>;
  insertReport(report: NewIndicatorReport): Promise<IndicatorReport>;
  /** A page of an entity's reports, newest measurement first, with the count of all. */
  listReports(
    entityRef: string,
    page: PageRequest,
  ): Promise<Page<IndicatorReport>>;
  /** An entity's reports measured at or after `since`, newest first: what gate rules read. */
  listRecentReports(entityRef: string, since: Date): Promise<IndicatorReport[]>;
}
