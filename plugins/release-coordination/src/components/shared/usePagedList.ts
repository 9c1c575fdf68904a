import { Page } from '@release-coordination/plugin-release-coordination-common';
import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useLastPageWithin, usePaging } from './usePaging';

/** The page sizes people choose from under a paged list. */
export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * One page of a list the backend pages, fetched again when `deps` change, when the page or its
 * size changes, and on `retry`; with the {@link Paging} that moves through it.
 */
export function usePagedList<P extends Page<unknown>>(
  fetchPage: (page: { limit: number; offset: number }) => Promise<P>,
  deps: DependencyList,
  options: { pageSize?: number } = {},
) {
  const paging = usePaging(options.pageSize ?? 20);
  const { limit, offset } = paging;
  const state = useAsyncRetry(
    () => fetchPage({ limit, offset }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, limit, offset],
  );
  useLastPageWithin(paging, state.value?.totalCount);
  return { ...state, paging };
}
