import { sharedMessages } from '../../translations/shared';
import { englishT, ReleaseCoordinationT } from './translation';

const tabLabels = sharedMessages.trainTabs;

/**
 * The tabs of a train's page, in the order they are shown. The selected one is kept in the
 * query (`?tab=deployments`), so a link or a reload opens the same tab; the page's own path
 * stays `/trains/:trainId` in both frontend systems, and a link without `tab` (notifications,
 * older bookmarks) opens the overview. A tab's `label` is the English default; views show
 * {@link trainTabLabel}, which an app can translate.
 */
export const TRAIN_TABS = [
  { id: 'overview', label: tabLabels.overview },
  { id: 'standup', label: tabLabels.standup },
  { id: 'review', label: tabLabels.review },
  { id: 'deployments', label: tabLabels.deployments },
  { id: 'rollback', label: tabLabels.rollback },
  { id: 'retrospective', label: tabLabels.retrospective },
  { id: 'decision-log', label: tabLabels.decisionLog },
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

/** The message of each tab's label, under `shared.trainTabs`. */
const TAB_MESSAGE_KEYS = {
  overview: 'overview',
  standup: 'standup',
  review: 'review',
  deployments: 'deployments',
  rollback: 'rollback',
  retrospective: 'retrospective',
  'decision-log': 'decisionLog',
} as const satisfies Record<TrainTab, keyof typeof tabLabels>;

/** A tab's label in the words of `t`, e.g. "Rollback & flags". */
export function trainTabLabel(
  tab: TrainTab,
  t: ReleaseCoordinationT = englishT,
): string {
  return t(`shared.trainTabs.${TAB_MESSAGE_KEYS[tab]}`);
}
