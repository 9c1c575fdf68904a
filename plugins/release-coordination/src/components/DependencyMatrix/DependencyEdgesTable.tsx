import RefreshIcon from '@material-ui/icons/Refresh';
import { ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import { DependencyEdgesResponse } from '@release-coordination/plugin-release-coordination-common';
import { useMemo, useState } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';
import { CatalogRefLink, ReleaseCoordinationT, shortRef, SnapshotAge } from '../shared';
import { DependencyVia } from './DependencyVia';
import { useDependencyEdges } from './useDependencyEdges';

type EdgeRow = DependencyEdgesResponse['items'][number];

const PAGE_SIZES = [10, 20, 50, 100];

function edgeColumns(t: ReleaseCoordinationT): TableColumn<EdgeRow>[] {
  return [
    {
      title: t('dependencies.edges.columns.dependent'),
      field: 'from',
      highlight: true,
      render: edge => <CatalogRefLink entityRef={edge.from} />,
    },
    {
      title: t('dependencies.edges.columns.itsTeam'),
      field: 'fromOwner',
      render: edge => <CatalogRefLink entityRef={edge.fromOwner ?? 'unowned'} />,
    },
    {
      title: t('dependencies.edges.columns.dependsOn'),
      field: 'to',
      render: edge => <CatalogRefLink entityRef={edge.to} />,
    },
    {
      title: t('dependencies.edges.columns.itsTeam'),
      field: 'toOwner',
      render: edge => <CatalogRefLink entityRef={edge.toOwner ?? 'unowned'} />,
    },
    {
      title: t('dependencies.edges.columns.via'),
      field: 'apis',
      render: edge => <DependencyVia edge={edge} />,
    },
  ];
}

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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  // Columns of the same identity from render to render: the table keeps its state.
  const columns = useMemo(() => edgeColumns(t), [t]);
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
      ? t('dependencies.edges.within', { team: shortRef(fromTeam, t) })
      : t('dependencies.edges.between', {
          from: shortRef(fromTeam, t),
          to: shortRef(toTeam, t),
        });

  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title={t('dependencies.edges.loadError', { title })}
      />
    );
  }
  return (
    <Box>
      <Table<EdgeRow>
        title={
          value ? t('dependencies.edges.withCount', { title, count: value.totalCount }) : title
        }
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
          { icon: () => <RefreshIcon />, tooltip: t('dependencies.edges.refresh'), isFreeAction: true, onClick: () => retry() },
        ]}
      />
      <Box display="flex" justifyContent="space-between" alignItems="center" marginTop={1}>
        {value ? <SnapshotAge snapshot={value.snapshot} /> : <Typography variant="body2" />}
        <Button size="small" onClick={onClose}>
          {t('dependencies.edges.close')}
        </Button>
      </Box>
    </Box>
  );
}
