import { Page } from '@release-coordination/plugin-release-coordination-common';
import { useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Paging, useLastPageWithin, usePaging } from '../shared';

/** How many rows each list of a retrospective shows at a time. */
export const RETROSPECTIVE_PAGE_SIZE = 10;

/**
 * A list of a retrospective, a page at a time: its first page came with the retrospective, the
 * others are fetched with `fetchPage`. When the retrospective is fetched again (after a change),
 * its new first page arrives and the page shown is fetched again too.
 */
export function useRetrospectiveList<T>(
  firstPage: Page<T>,
  fetchPage: (request: { limit: number; offset: number }) => Promise<Page<T>>,
): { paging: Paging; shown: Page<T>; error?: Error } {
  const paging = usePaging(RETROSPECTIVE_PAGE_SIZE);
  const fetch = useRef(fetchPage);
  fetch.current = fetchPage;
  const { page, limit, offset } = paging;
  const later = useAsync(
    async () => (page === 0 ? undefined : fetch.current({ limit, offset })),
    [firstPage, page, limit, offset],
  );
  // While another page loads, the last one stays on screen.
  const shown = page === 0 ? firstPage : (later.value ?? firstPage);
  useLastPageWithin(paging, shown.totalCount);
  return { paging, shown, error: page === 0 ? undefined : later.error };
}
