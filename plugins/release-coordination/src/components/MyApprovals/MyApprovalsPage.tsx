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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, CircularProgress, Typography } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { MyApproval } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { trainRouteRef } from '../../routes';
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
  const { loading, allowed } = useGateDecision(item.gate.id);
  const subject = `${item.gate.title} of ${item.train.name}`;
  if (loading) {
    return <CircularProgress size={16} aria-label={`Checking whether you may decide ${subject}`} />;
  }
  if (!allowed) {
    return (
      <Box display="flex" flexDirection="column" alignItems="flex-start" gridGap={4}>
        <Button size="small" variant="outlined" onClick={onOpen} aria-label={`Open ${subject}`}>
          Open
        </Button>
        <Typography variant="caption" color="textSecondary">
          {approversSentence(item.gate)}
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
        aria-label={`Approve ${subject}`}
      >
        Approve
      </Button>
      <Button size="small" variant="outlined" onClick={onOpen} aria-label={`Reject ${subject}`}>
        Reject
      </Button>
    </Box>
  );
}

/** The gates waiting for my groups, each opening its evidence and the approve/reject dialog. */
export function MyApprovalsList() {
  const list = useMyApprovals();
  const { value, loading, error, retry } = list;
  const trainLink = useRouteRef(trainRouteRef);
  const [openGateId, setOpenGateId] = useState<string>();

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title="Could not load your approvals" />;
  if (!value || value.totalCount === 0) {
    return (
      <EmptyState
        missing="data"
        title="Nothing waits for your approval"
        description="Approval gates of release trains appear here when a team you belong to has to decide them."
      />
    );
  }
  const open = (item: MyApproval) => setOpenGateId(item.gate.id);
  const columns: TableColumn<MyApproval>[] = [
    {
      title: 'Train',
      field: 'train.name',
      render: item => <Link to={trainLink({ trainId: item.train.id })}>{item.train.name}</Link>,
    },
    { title: 'Gate', field: 'gate.title' },
    {
      title: 'Participant',
      field: 'gate.participantRef',
      render: item =>
        item.gate.participantRef ? (
          <EntityRefLink entityRef={item.gate.participantRef} defaultKind="component" />
        ) : (
          <Typography variant="body2">Train-wide</Typography>
        ),
    },
    { title: 'Stage', field: 'gate.stage' },
    { title: 'State', field: 'gate.state', render: item => <GateStateChip state={item.gate.state} /> },
    {
      title: 'Decide',
      field: 'gate.id',
      sorting: false,
      render: item => <DecideActions item={item} onOpen={() => open(item)} />,
    },
  ];
  const openItem = value.items.find(item => item.gate.id === openGateId);
  return (
    <>
      <Table
        title={`Waiting for your decision (${value.totalCount})`}
        // The backend pages the list: the table shows one page, the controls below move on.
        options={{ paging: false, search: false }}
        isLoading={loading}
        columns={columns}
        data={value.items}
        actions={[
          { icon: () => <RefreshIcon />, tooltip: 'Refresh', isFreeAction: true, onClick: retry },
        ]}
      />
      <ListPagination
        label="approvals"
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
  return (
    <Page themeId="tool">
      <Header title="My approvals" subtitle="Release gates waiting for a team you belong to" />
      <MyApprovalsPageContent />
    </Page>
  );
}
