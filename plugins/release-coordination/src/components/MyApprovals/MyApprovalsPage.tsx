import {
  Content,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, CircularProgress, Typography } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { MyApproval } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { trainRouteRef } from '../../routes';
import { releaseCoordinationTranslationRef } from '../../translations';
import { approversSentence, GateDialog } from '../GateDialog';
import {
  GateStateChip,
  ListPagination,
  PAGE_SIZES,
  useGateDecision,
  usePagedList,
  useTrainChangedSignal,
} from '../shared';

/**
 * A page of the approval gates waiting for the signed-in user's groups, refetched on train
 * changes.
 */
export function useMyApprovals() {
  const api = useApi(releaseCoordinationApiRef);
  const list = usePagedList(page => api.listMyApprovals(page), [api]);
  useTrainChangedSignal(list.retry);
  return list;
}

/**
 * Approve and Reject for a gate the policy lets the viewer decide; for another, a button to its
 * evidence and who may decide it. The list holds the gates of the viewer's groups, but a policy
 * can still narrow who of a group decides.
 */
function DecideActions(props: { item: MyApproval; onOpen: () => void }) {
  const { item, onOpen } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { loading, allowed } = useGateDecision(item.gate.id);
  const subject = t('approvals.subject', { gate: item.gate.title, train: item.train.name });
  if (loading) {
    return <CircularProgress size={16} aria-label={t('approvals.checking', { subject })} />;
  }
  if (!allowed) {
    return (
      <Box display="flex" flexDirection="column" alignItems="flex-start" gridGap={4}>
        <Button size="small" variant="outlined" onClick={onOpen} aria-label={t('approvals.openLabel', { subject })}>
          {t('approvals.open')}
        </Button>
        <Typography variant="caption" color="textSecondary">
          {approversSentence(item.gate, t)}
        </Typography>
      </Box>
    );
  }
  return (
    <Box display="flex" gridGap={8}>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        onClick={onOpen}
        aria-label={t('approvals.approveLabel', { subject })}
      >
        {t('approvals.approve')}
      </Button>
      <Button size="small" variant="outlined" onClick={onOpen} aria-label={t('approvals.rejectLabel', { subject })}>
        {t('approvals.reject')}
      </Button>
    </Box>
  );
}

/** The gates waiting for my groups, each opening its evidence and the approve/reject dialog. */
export function MyApprovalsList() {
  const list = useMyApprovals();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value, loading, error, retry } = list;
  const trainLink = useRouteRef(trainRouteRef);
  const [openGateId, setOpenGateId] = useState<string>();

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title={t('approvals.loadError')} />;
  if (!value || value.totalCount === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('approvals.empty.title')}
        description={t('approvals.empty.description')}
      />
    );
  }
  const open = (item: MyApproval) => setOpenGateId(item.gate.id);
  const columns: TableColumn<MyApproval>[] = [
    {
      title: t('approvals.columns.train'),
      field: 'train.name',
      render: item => <Link to={trainLink({ trainId: item.train.id })}>{item.train.name}</Link>,
    },
    { title: t('approvals.columns.gate'), field: 'gate.title' },
    {
      title: t('approvals.columns.participant'),
      field: 'gate.participantRef',
      render: item =>
        item.gate.participantRef ? (
          <EntityRefLink entityRef={item.gate.participantRef} defaultKind="component" />
        ) : (
          <Typography variant="body2">{t('approvals.trainWide')}</Typography>
        ),
    },
    { title: t('approvals.columns.stage'), field: 'gate.stage' },
    { title: t('approvals.columns.state'), field: 'gate.state', render: item => <GateStateChip state={item.gate.state} /> },
    {
      title: t('approvals.columns.decide'),
      field: 'gate.id',
      sorting: false,
      render: item => <DecideActions item={item} onOpen={() => open(item)} />,
    },
  ];
  const openItem = value.items.find(item => item.gate.id === openGateId);
  return (
    <>
      <Table
        title={t('approvals.tableTitle', { count: value.totalCount })}
        // The backend pages the list: the table shows one page, the controls below move on.
        options={{ paging: false, search: false }}
        isLoading={loading}
        columns={columns}
        data={value.items}
        actions={[
          { icon: () => <RefreshIcon />, tooltip: t('approvals.refresh'), isFreeAction: true, onClick: retry },
        ]}
      />
      <ListPagination
        label={t('approvals.paginationLabel')}
        paging={list.paging}
        totalCount={value.totalCount}
        rowsPerPageOptions={PAGE_SIZES}
      />
      {openItem && (
        <GateDialog
          gate={openItem.gate}
          open
          onClose={() => {
            setOpenGateId(undefined);
            retry();
          }}
        />
      )}
    </>
  );
}

/** My approvals, for app page layouts that supply the header (new frontend system). */
export function MyApprovalsPageContent() {
  return (
    <Content>
      <MyApprovalsList />
    </Content>
  );
}

/** My approvals with its own header (legacy frontend system). */
export function MyApprovalsPage() {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('approvals.pageTitle')} subtitle={t('approvals.pageSubtitle')} />
      <MyApprovalsPageContent />
    </Page>
  );
}
