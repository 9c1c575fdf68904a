import RefreshIcon from '@material-ui/icons/Refresh';
import { ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { Box, Button, Typography } from '@material-ui/core';
import { DependencyEdgesResponse } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { CatalogRefLink, shortRef, SnapshotAge } from '../shared';
import { DependencyVia } from './DependencyVia';
import { useDependencyEdges } from './useDependencyEdges';

type EdgeRow = DependencyEdgesResponse['items'][number];

const PAGE_SIZES = [10, 20, 50, 100];

const columns: TableColumn<EdgeRow>[] = [
  {
    title: 'Dependent',
    field: 'from',
    highlight: true,
    render: edge => <CatalogRefLink entityRef={edge.from} />,
  },
  {
    title: 'Its team',
    field: 'fromOwner',
    render: edge => <CatalogRefLink entityRef={edge.fromOwner ?? 'unowned'} />,
  },
  {
    title: 'Depends on',
    field: 'to',
    render: edge => <CatalogRefLink entityRef={edge.to} />,
  },
  {
    title: 'Its team',
    field: 'toOwner',
    render: edge => <CatalogRefLink entityRef={edge.toOwner ?? 'unowned'} />,
  },
  { title: 'Via', field: 'apis', render: edge => <DependencyVia edge={edge} /> },
];

/**
 * The edges behind a cell of the team matrix, a page at a time from the backend. Sorting and
 * searching are off: they would only apply to the page on screen.
 */
export function DependencyEdgesTable(props: {
  scope: string;
  fromTeam: string;
  toTeam: string;
  crossTeamOnly: boolean;
  onClose: () => void;
}) {
  const { scope, fromTeam, toTeam, crossTeamOnly, onClose } = props;
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const { value, loading, error, retry } = useDependencyEdges({
    scope,
    fromTeam,
    toTeam,
    crossTeamOnly,
    page,
    pageSize,
  });

  const title =
    fromTeam === toTeam
      ? `Dependencies within ${shortRef(fromTeam)}`
      : `${shortRef(fromTeam)} depends on ${shortRef(toTeam)}`;

  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title={`Could not load the dependencies: ${title}`}
      />
    );
  }
  return (
    <Box>
      <Table<EdgeRow>
        title={value ? `${title} (${value.totalCount})` : title}
        columns={columns}
        data={value?.items ?? []}
        isLoading={loading}
        page={page}
        totalCount={value?.totalCount ?? 0}
        onPageChange={(newPage: number, newPageSize: number) => {
          setPage(newPage);
          setPageSize(newPageSize);
        }}
        onRowsPerPageChange={(newPageSize: number) => {
          setPage(0);
          setPageSize(newPageSize);
        }}
        options={{
          paging: true,
          pageSize,
          pageSizeOptions: PAGE_SIZES,
          search: false,
          sorting: false,
          padding: 'dense',
          emptyRowsWhenPaging: false,
        }}
        actions={[
          { icon: () => <RefreshIcon />, tooltip: 'Refresh', isFreeAction: true, onClick: () => retry() },
        ]}
      />
      <Box display="flex" justifyContent="space-between" alignItems="center" marginTop={1}>
        {value ? <SnapshotAge snapshot={value.snapshot} /> : <Typography variant="body2" />}
        <Button size="small" onClick={onClose}>
          Close the list
        </Button>
      </Box>
    </Box>
  );
}
