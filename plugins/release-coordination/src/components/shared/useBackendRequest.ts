import { useCallback, useState } from 'react';
import { errorMessage } from './errors';

/**
 * Sends a request that changes something (a form's submit, a decision, a note) and keeps what
 * the view shows meanwhile: busy while it runs, so it is not sent twice, then the backend's
 * refusal as it says it (a 400 names the bad field, a 403 says who may, a 409 what changed
 * under the form). `onDone` runs only when the backend accepted, with its answer.
 */
export function useBackendRequest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const send = useCallback(
    async <T>(request: () => Promise<T>, onDone: (result: T) => void): Promise<void> => {
      setBusy(true);
      setError(undefined);
      let result: T;
      try {
        result = await request();
      } catch (e) {
        setError(errorMessage(e));
        return;
      } finally {
        setBusy(false);
      }
      onDone(result);
    },
    [],
  );
  /** Forgets the last refusal, e.g. when the form finds a mistake before anything is sent. */
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, send, clearError };
}
