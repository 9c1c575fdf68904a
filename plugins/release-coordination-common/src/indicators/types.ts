/**
 * Leading indicators of one component as CI measured them (`POST /indicators`): code review,
 * test health and time-to-merge over the changes of a run or a window. Each part is optional;
 * a report holds at least one.
 *
 * @public
 */
export interface ReportIndicatorsRequest {
  /** The component (or other entity) measured, e.g. `component:default/checkout-api`. */
  entityRef: string;
  /**
   * The run's key, e.g. the CI run id: the same key again with the same figures changes
   * nothing; with other figures it is refused.
   */
  key: string;
  /** When the figures were measured; not in the future. */
  measuredAt: string;
  /** Merged changes, and those with an approving review by someone other than the author. */
  review?: { mergedChanges: number; reviewedChanges: number };
  /** Tests of the run: executed, passed, and flaky (passed and failed on the same commit). */
  tests?: { executed: number; passed: number; flaky: number };
  /** Hours from the first commit or the opening of the change to its merge, one per change. */
  mergeHours?: number[];
}

/**
 * A stored report of leading indicators.
 *
 * @public
 */
export interface IndicatorReport extends ReportIndicatorsRequest {
  id: string;
  /** The entity's owner when the report came: a team counts what it owned then. */
  ownerRef?: string;
  /** Who reported it: a user's entity ref or a service's subject. */
  reporter: string;
  reportedAt: string;
}
