import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import {
  cadenceManagePermission,
  ReleaseCadence,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLinks,
  formatDate,
  ListPagination,
  PAGE_SIZES,
  usePagedList,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { cadenceSearch, useCadenceLocation } from './cadenceLocation';
import { upcomingOccurrence } from './cadenceSchedule';
import { CreateCadenceDialog } from './CreateCadenceDialog';

/**
 * The release cadences a page at a time, by name: each links to its view, with its interval,
 * its teams and when its next occurrence starts. Release managers (`cadenceManagePermission`)
 * create cadences here; a new one opens at once.
 */
export function CadenceList() {
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const { go } = useCadenceLocation();
  const { allowed: manager } = usePermission({
    permission: cadenceManagePermission,
  });
  const [creating, setCreating] = useState(false);
  const list = usePagedList(page => api.listCadences(page), [api]);
  const { value, loading, error, retry } = list;

  const newCadenceButton = manager && (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      {t('cadences.newCadence')}
    </Button>
  );
  // Mounted only while open, so that it starts empty each time.
  const dialog = creating && (
    <CreateCadenceDialog
      onClose={() => setCreating(false)}
      onCreated={cadence => {
        setCreating(false);
        retry();
        go(cadence.id);
      }}
    />
  );

  if (loading && !value) return <Progress />;
  if (error) {
    return <ResponseErrorPanel error={error} title={t('cadences.loadError')} />;
  }
  if (!value || value.totalCount === 0) {
    return (
      <>
        <EmptyState
          missing="data"
          title={t('cadences.empty.title')}
          description={t('cadences.empty.description')}
          action={newCadenceButton || undefined}
        />
        {dialog}
      </>
    );
  }
  const now = new Date();
  const columns: TableColumn<ReleaseCadence>[] = [
    {
      title: t('cadences.list.columns.name'),
      field: 'name',
      highlight: true,
      render: cadence => (
        <Link to={cadenceSearch(cadence.id)}>{cadence.name}</Link>
      ),
    },
    {
      title: t('cadences.list.columns.interval'),
      field: 'intervalDays',
      render: cadence =>
        t('cadences.list.interval', { count: cadence.intervalDays }),
    },
    {
      title: t('cadences.list.columns.teams'),
      field: 'teamRefs',
      render: cadence => <CatalogRefLinks entityRefs={cadence.teamRefs} />,
    },
    {
      title: t('cadences.list.columns.next'),
      field: 'firstStart',
      render: cadence => {
        const { occurrence, start } = upcomingOccurrence(cadence, now);
        return t('cadences.list.nextOccurrence', {
          occurrence: String(occurrence),
          date: formatDate(start.toISOString()),
        });
      },
    },
  ];
  return (
    <Box display="flex" flexDirection="column">
      {newCadenceButton && (
        <Box display="flex" justifyContent="flex-end" marginBottom={2}>
          {newCadenceButton}
        </Box>
      )}
      <Table
        title={t('cadences.list.title', { count: value.totalCount })}
        options={{ paging: false, search: false, sorting: false }}
        columns={columns}
        // The table marks its rows; the answer stays as it came.
        data={value.items.map(cadence => ({ ...cadence }))}
      />
      <ListPagination
        label={t('cadences.list.paginationLabel')}
        paging={list.paging}
        totalCount={value.totalCount}
        rowsPerPageOptions={PAGE_SIZES}
      />
      {dialog}
    </Box>
  );
}
