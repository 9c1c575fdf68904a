import Typography from '@material-ui/core/Typography';
import { HiddenEntityCounts } from '@release-coordination/plugin-release-coordination-common';

/** How each count reads, singular and plural: what the answer left out. */
const WORDS: Record<keyof HiddenEntityCounts, [string, string]> = {
  participants: ['participant', 'participants'],
  gates: ['gate', 'gates'],
  items: ['item', 'items'],
  problems: ['problem', 'problems'],
  children: ['scope', 'scopes'],
};

/** "2 participants and 3 gates", from the counts asked for, or nothing when none were hidden. */
export function describeHidden(
  hidden: HiddenEntityCounts | undefined,
  keys: (keyof HiddenEntityCounts)[],
  /** Words for the `items` count, e.g. ['train', 'trains']. */
  itemWords?: [string, string],
): string | undefined {
  const parts = keys.flatMap(key => {
    const count = hidden?.[key] ?? 0;
    if (count <= 0) return [];
    const [one, many] = key === 'items' && itemWords ? itemWords : WORDS[key];
    return [`${count} ${count === 1 ? one : many}`];
  });
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1];
  return parts.length === 1 ? last : `${parts.slice(0, -1).join(', ')} and ${last}`;
}

/**
 * Says how much of a list the catalog keeps from the signed-in user: the backend leaves out
 * what names entities they may not read and only counts it.
 */
export function HiddenEntitiesNote(props: {
  hidden: HiddenEntityCounts | undefined;
  keys: (keyof HiddenEntityCounts)[];
  itemWords?: [string, string];
}) {
  const text = describeHidden(props.hidden, props.keys, props.itemWords);
  if (!text) return null;
  return (
    <Typography variant="body2" color="textSecondary" data-testid="hidden-entities">
      {text} you cannot see in the catalog
    </Typography>
  );
}
