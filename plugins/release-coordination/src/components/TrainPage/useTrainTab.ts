import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseTrainTab, TRAIN_TAB_PARAM, TrainTab } from '../shared';

/**
 * The selected tab of the train page, from the query, and the move to another one. Choosing a
 * tab adds a history entry, as a tab of its own route would, so the back button returns to the
 * tab before; the rest of the query is kept.
 */
export function useTrainTab(): [TrainTab, (tab: TrainTab) => void] {
  const [params, setParams] = useSearchParams();
  const tab = parseTrainTab(params.get(TRAIN_TAB_PARAM));
  const select = useCallback(
    (next: TrainTab) =>
      setParams(current => {
        const updated = new URLSearchParams(current);
        // The overview is the default: its link is the train's plain one.
        if (next === 'overview') updated.delete(TRAIN_TAB_PARAM);
        else updated.set(TRAIN_TAB_PARAM, next);
        return updated;
      }),
    [setParams],
  );
  return [tab, select];
}
