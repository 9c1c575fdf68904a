import { Page, PageRequest } from '@release-coordination/plugin-release-coordination-common';
import { DependencyList, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** The page sizes people choose from under a paged list. */
export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * One page of a list the backend pages, and the controls to move through it. The list is
 * fetched again when `deps` change, when the page or its size changes, and on `retry`.
 */
export function usePagedList<T>(
  fetchPage: (page: Required<PageRequest>) => Promise<Page<T>>,
  deps: DependencyList,
  options: { pageSize?: number } = {},
) {
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(options.pageSize ?? 20);
  const state = useAsyncRetry(
    () => fetchPage({ limit: pageSize, offset: pageIndex * pageSize }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, pageIndex, pageSize],
  );
  const totalCount = state.value?.totalCount;
  // The list shrank under the page shown (say, the last approval on it was given): step back
  // to the last page that still has items.
  useEffect(() => {
    if (totalCount !== undefined && pageIndex > 0 && pageIndex * pageSize >= totalCount) {
      setPageIndex(Math.max(0, Math.ceil(totalCount / pageSize) - 1));
    }
  }, [totalCount, pageIndex, pageSize]);
  return {
    ...state,
    pageIndex,
    pageSize,
    setPageIndex,
    setPageSize: (size: number) => {
      setPageSize(size);
      setPageIndex(0);
    },
  };
}

/** What {@link usePagedList} returns. */
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
