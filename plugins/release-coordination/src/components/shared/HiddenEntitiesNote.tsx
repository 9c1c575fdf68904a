import Typography from '@material-ui/core/Typography';
import { HiddenEntityCounts } from '@release-coordination/plugin-release-coordination-common';
import { englishT, ReleaseCoordinationT, usePluginTranslation } from './translation';

/**
 * How the `items` count reads: a function from the count to its words, e.g.
 * `count => t('entityTrains.hiddenParticipations', { count })`; or the singular and the plural
 * noun, which read in English only (`['train', 'trains']`).
 */
export type HiddenItemWords = ((count: number) => string) | [string, string];

/** "2 participants, 1 gate and 3 problems": the parts of a list in a sentence. */
export function joinList(parts: string[], t: ReleaseCoordinationT = englishT): string {
  if (parts.length <= 1) return parts.join('');
  const last = parts[parts.length - 1];
  const items = parts.slice(0, -1).join(t('shared.list.separator'));
  return t('shared.list.last', { items, last });
}

function countText(
  key: keyof HiddenEntityCounts,
  count: number,
  t: ReleaseCoordinationT,
  itemWords?: HiddenItemWords,
): string {
  if (key === 'items' && itemWords) {
    if (typeof itemWords === 'function') return itemWords(count);
    const [one, many] = itemWords;
    return `${count} ${count === 1 ? one : many}`;
  }
  return t(`shared.hidden.${key}`, { count });
}

/** "2 participants and 3 gates", from the counts asked for, or nothing when none were hidden. */
export function describeHidden(
  hidden: HiddenEntityCounts | undefined,
  keys: (keyof HiddenEntityCounts)[],
  /** Words for the `items` count, e.g. `count => t('…', { count })`. */
  itemWords?: HiddenItemWords,
  t: ReleaseCoordinationT = englishT,
): string | undefined {
  const parts = keys.flatMap(key => {
    const count = hidden?.[key] ?? 0;
    return count > 0 ? [countText(key, count, t, itemWords)] : [];
  });
  return parts.length === 0 ? undefined : joinList(parts, t);
}

/**
 * Says how much of a list the catalog keeps from the signed-in user: the backend leaves out
 * what names entities they may not read and only counts it.
 */
export function HiddenEntitiesNote(props: {
  hidden: HiddenEntityCounts | undefined;
  keys: (keyof HiddenEntityCounts)[];
  itemWords?: HiddenItemWords;
}) {
  const { t } = usePluginTranslation();
  const text = describeHidden(props.hidden, props.keys, props.itemWords, t);
  if (!text) return null;
  return (
    <Typography variant="body2" color="textSecondary" data-testid="hidden-entities">
      {t('shared.hidden.note', { hidden: text })}
    </Typography>
  );
}
