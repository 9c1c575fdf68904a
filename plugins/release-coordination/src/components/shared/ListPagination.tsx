import { TablePagination } from '@material-ui/core';
import { usePluginTranslation } from './translation';
import { Paging } from './usePaging';

/**
 * The pages of a list the backend answers a page at a time: which rows are shown of how many,
 * the previous and next page, and a choice of page sizes when `rowsPerPageOptions` has some.
 * Nothing while the whole list fits on the first page.
 */
export function ListPagination(props: {
  /** What the list holds, naming the navigation, e.g. "deployments". */
  label: string;
  paging: Paging;
  totalCount: number;
  rowsPerPageOptions?: number[];
}) {
  const { label, paging, totalCount, rowsPerPageOptions = [] } = props;
  const { t } = usePluginTranslation();
  const smallestPage = Math.min(paging.rowsPerPage, ...rowsPerPageOptions);
  if (paging.page === 0 && totalCount <= smallestPage) return null;
  return (
    <TablePagination
      component="nav"
      aria-label={t('shared.pagination.label', { label })}
      count={totalCount}
      // While a shrunken list moves back to its last page, never past it.
      page={Math.min(paging.page, Math.max(0, Math.ceil(totalCount / paging.rowsPerPage) - 1))}
      rowsPerPage={paging.rowsPerPage}
      rowsPerPageOptions={rowsPerPageOptions}
      labelRowsPerPage={t('shared.pagination.rowsPerPage')}
      labelDisplayedRows={({ from, to, count }) =>
        t('shared.pagination.displayedRows', {
          from: String(from),
          to: String(to),
          total: String(count),
        })
      }
      backIconButtonText={t('shared.pagination.previousPage')}
      nextIconButtonText={t('shared.pagination.nextPage')}
      onPageChange={(_event, page) => paging.setPage(page)}
      onRowsPerPageChange={event => paging.setRowsPerPage(Number(event.target.value))}
    />
  );
}
