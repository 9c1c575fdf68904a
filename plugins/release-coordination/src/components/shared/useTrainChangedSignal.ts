import { useSignal } from '@backstage/plugin-signals-react';
import {
  RELEASE_COORDINATION_SIGNAL_CHANNEL,
  ReleaseCoordinationSignal,
} from '@release-coordination/plugin-release-coordination-common';
import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` when the backend announces a change of the train `trainId` (of any train
 * when it is omitted). Without the signals plugin nothing arrives and views refresh by hand.
 */
export function useTrainChangedSignal(onChange: () => void, trainId?: string): void {
  const { lastSignal } = useSignal<ReleaseCoordinationSignal>(RELEASE_COORDINATION_SIGNAL_CHANNEL);
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!lastSignal || lastSignal.type !== 'train-changed') return;
    if (trainId !== undefined && lastSignal.trainId !== trainId) return;
    callback.current();
  }, [lastSignal, trainId]);
}
