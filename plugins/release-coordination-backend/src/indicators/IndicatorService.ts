import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  IndicatorReport,
  Page,
  ReportIndicatorsRequest,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { isDeepStrictEqual } from 'node:util';
import { actorRefOf, audited } from '../access';
import { PageRequest } from '../database/paging';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { IndicatorStore } from './IndicatorStore';

/** A measurement may come from a machine whose clock runs a little ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Leading indicators of components, as CI reports them. */
export interface IndicatorService {
  /**
   * Records a report; the same key again with the same figures answers the stored report
   * (`created` false), with other figures it is a 409.
   */
  reportIndicators(
    report: ReportIndicatorsRequest,
    credentials: BackstageCredentials,
  ): Promise<{ report: IndicatorReport; created: boolean }>;
  listIndicators(
    entityRef: string,
    page: PageRequest,
  ): Promise<Page<IndicatorReport>>;
}

/** The figures of a report, to tell a retry from a contradiction. */
const figuresOf = (report: ReportIndicatorsRequest) => ({
  measuredAt: Date.parse(report.measuredAt),
  review: report.review,
  tests: report.tests,
  mergeHours: report.mergeHours,
});

export function createIndicatorService(options: {
  store: IndicatorStore;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  auditor: AuditorService;
  clock?: Clock;
}): IndicatorService {
  const { store, snapshots, auditor } = options;
  const clock = options.clock ?? systemClock;

  async function reportIndicators(
    report: ReportIndicatorsRequest,
    credentials: BackstageCredentials,
  ) {
    const reporter = actorRefOf(credentials);
    const meta = {
      actor: reporter,
      entityRef: report.entityRef,
      key: report.key,
    };
    return audited(auditor, 'indicators-report', meta, async () => {
      if (
        Date.parse(report.measuredAt) >
        clock.now().getTime() + CLOCK_SKEW_MS
      ) {
        throw new InputError('measuredAt: must not lie in the future');
      }
      const { index } = await snapshots.current();
      const node = index.node(report.entityRef);
      if (!node)
        throw new InputError(
          `entityRef: ${report.entityRef} is not in the catalog`,
        );

      const answerKnown = (known: IndicatorReport) => {
        if (!isDeepStrictEqual(figuresOf(known), figuresOf(report))) {
          throw new ConflictError(
            `Indicators '${report.key}' of ${report.entityRef} were reported with other figures`,
          );
        }
        return { report: known, created: false };
      };
      const known = await store.findReport(report.entityRef, report.key);
      if (known) return answerKnown(known);
      try {
        const stored = await store.insertReport({
          ...report,
          ...(node.owner ? { ownerRef: node.owner } : {}),
          reporter,
        });
        return { report: stored, created: true };
      } catch (error) {
        // The same report twice at once: the unique index let one in.
        const raced = await store.findReport(report.entityRef, report.key);
        if (raced) return answerKnown(raced);
        throw error;
      }
    });
  }

  return {
    reportIndicators,
    listIndicators: (entityRef, page) => store.listReports(entityRef, page),
  };
}
