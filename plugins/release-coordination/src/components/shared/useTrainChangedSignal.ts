import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/** The channel on which the backend announces train changes. */
export const RELEASE_COORDINATION_CHANNEL = 'release-coordination';

type TrainChangedMessage = { type?: string; trainId?: string };

/**
 * Calls `onChange` when the backend announces a change of the train `trainId` (of any train
 * when it is omitted). Without the signals plugin nothing arrives and views refresh by hand.
 */
export function useTrainChangedSignal(onChange: () => void, trainId?: string): void {
  const { lastSignal } = useSignal<TrainChangedMessage>(RELEASE_COORDINATION_CHANNEL);
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!lastSignal || lastSignal.type !== 'train-changed') return;
    if (trainId !== undefined && lastSignal.trainId !== trainId) return;
    callback.current();
  }, [lastSignal, trainId]);
}
