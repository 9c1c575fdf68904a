import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { useCallback, useState } from 'react';
import { errorMessage } from '../shared';

/**
 * Sends one change of a train (its plan, a participant) and keeps what a dialog shows meanwhile:
 * busy while it runs, then the backend's refusal as it says it (a 400 names the bad field, a 409
 * says what changed under the form). Resolves to the changed train, or `undefined` when refused.
 */
export function useTrainChangeRequest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const send = useCallback(async (request: () => Promise<TrainDetail>) => {
    setBusy(true);
    setError(undefined);
    try {
      return await request();
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, send };
}
