import { TablePagination } from '@material-ui/core';
import { PAGE_SIZES, PagedList } from './usePagedList';

/**
 * Page controls under a list the backend pages: where one is in the list, the page size, and
 * previous / next. Hidden while everything fits on the first page.
 */
export function ListPagination<T>(props: { list: PagedList<T>; label: string }) {
  const { list, label } = props;
  const totalCount = list.value?.totalCount ?? 0;
  if (totalCount <= PAGE_SIZES[0] && list.pageIndex === 0) return null;
  return (
    <TablePagination
      component="div"
      count={totalCount}
      page={Math.min(list.pageIndex, Math.max(0, Math.ceil(totalCount / list.pageSize) - 1))}
      rowsPerPage={list.pageSize}
      rowsPerPageOptions={PAGE_SIZES}
      onPageChange={(_event, page) => list.setPageIndex(page)}
      onRowsPerPageChange={event => list.setPageSize(Number(event.target.value))}
      aria-label={label}
      labelRowsPerPage={`${label} per page:`}
    />
  );
}
