import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The query parameter naming the cadence shown; the list of cadences without it. */
export const CADENCE_PARAM = 'cadence';

/** The query string of a cadence's view, relative to the cadences page: `?cadence=<id>`. */
export function cadenceSearch(cadenceId: string): string {
  return `?${new URLSearchParams({ [CADENCE_PARAM]: cadenceId })}`;
}

/**
 * The cadence shown, from the query string, so that a link shows the same cadence; `go` shows
 * another one, or the list when given none.
 */
export function useCadenceLocation() {
  const [params, setParams] = useSearchParams();
  const cadenceId = params.get(CADENCE_PARAM)?.trim() || undefined;
  const go = useCallback(
    (next?: string) => setParams(next ? { [CADENCE_PARAM]: next } : {}),
    [setParams],
  );
  return { cadenceId, go };
}
