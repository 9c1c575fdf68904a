import { useCallback, useEffect, useState } from 'react';

/**
 * Where a view is in a list the backend answers a page at a time: the page shown (the first is
 * 0), how many rows a page has, and the `limit` and `offset` that ask for it.
 */
export interface Paging {
  page: number;
  rowsPerPage: number;
  limit: number;
  offset: number;
  setPage(page: number): void;
  /** Another page size starts again at the first page. */
  setRowsPerPage(rowsPerPage: number): void;
}

/** Paging from the first page, `rowsPerPage` rows a page. */
export function usePaging(initialRowsPerPage: number): Paging {
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRows] = useState(initialRowsPerPage);
  const setRowsPerPage = useCallback((rows: number) => {
    setRows(rows);
    setPage(0);
  }, []);
  return {
    page,
    rowsPerPage,
    limit: rowsPerPage,
    offset: page * rowsPerPage,
    setPage,
    setRowsPerPage,
  };
}

/**
 * Goes back to the last page that has rows when the list shrank below the page shown: the last
 * row of a page was deleted, or a refetch after a change elsewhere found fewer.
 */
export function useLastPageWithin(paging: Paging, totalCount: number | undefined): void {
  const { page, rowsPerPage, setPage } = paging;
  useEffect(() => {
    if (totalCount === undefined || page === 0) return;
    const last = Math.max(0, Math.ceil(totalCount / rowsPerPage) - 1);
    if (page > last) setPage(last);
  }, [totalCount, page, rowsPerPage, setPage]);
}
