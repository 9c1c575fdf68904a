/**
 * The tabs of a train's page, in the order they are shown. The selected one is kept in the
 * query (`?tab=deployments`), so a link or a reload opens the same tab; the page's own path
 * stays `/trains/:trainId` in both frontend systems, and a link without `tab` (notifications,
 * older bookmarks) opens the overview.
 */
export const TRAIN_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'deployments', label: 'Deployments' },
  { id: 'rollback', label: 'Rollback & flags' },
  { id: 'retrospective', label: 'Retrospective' },
  { id: 'decision-log', label: 'Decision log' },
] as const;

/** A tab of the train page, by its id in the query. */
export type TrainTab = (typeof TRAIN_TABS)[number]['id'];

/** The query parameter that holds the tab. */
export const TRAIN_TAB_PARAM = 'tab';

/** The tab a query names; the overview for none, or one this version does not know. */
export function parseTrainTab(value: string | null | undefined): TrainTab {
  return TRAIN_TABS.find(tab => tab.id === value)?.id ?? 'overview';
}

/** The query string of a tab (with its `?`), empty for the overview, the page's default. */
export function trainTabSearch(tab: TrainTab): string {
  return tab === 'overview' ? '' : `?${TRAIN_TAB_PARAM}=${tab}`;
}
