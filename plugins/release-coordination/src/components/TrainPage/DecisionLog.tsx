import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Progress, ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { TrainDecision, TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { useMemo } from 'react';
import { CatalogRefLink, type ReleaseCoordinationT } from '../shared';
import { useDecisions } from './useTrain';
import { releaseCoordinationTranslationRef } from '../../translations';

/** A decision with its subject in words: a gate's title rather than its id. */
type DecisionRow = TrainDecision & { subjectTitle: string };

const decisionColumns = (t: ReleaseCoordinationT): TableColumn<DecisionRow>[] => [
  {
    title: t('trainPage.decisions.columns.time'),
    field: 'createdAt',
    render: d => new Date(d.createdAt).toLocaleString(),
  },
  {
    title: t('trainPage.decisions.columns.actor'),
    field: 'actorRef',
    render: d => <CatalogRefLink entityRef={d.actorRef} />,
  },
  { title: t('trainPage.decisions.columns.action'), field: 'action' },
  {
    title: t('trainPage.decisions.columns.subject'),
    // The words are what people search for; the id stays on hover for whoever needs it.
    field: 'subjectTitle',
    render: d => <span title={d.subject}>{d.subjectTitle}</span>,
  },
  { title: t('trainPage.decisions.columns.reason'), field: 'reason', render: d => d.reason ?? '' },
];

/** How a decision's subject reads: a gate by its title and participant, anything else as is. */
function subjectTitle(subject: string, gates: Map<string, TrainGate>): string {
  const gate = gates.get(subject);
  if (!gate) return subject;
  return gate.participantRef ? `${gate.title} (${gate.participantRef})` : gate.title;
}

/**
 * The train's append-only decision log, newest first. `refreshKey` changes when the train
 * changed here, so a change made on this page shows without waiting for the backend's signal.
 * `gates` names the gates the decisions are about.
 */
export function DecisionLog(props: { trainId: string; refreshKey?: string; gates?: TrainGate[] }) {
  const { value, loading, error } = useDecisions(props.trainId, props.refreshKey);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const columns = useMemo(() => decisionColumns(t), [t]);
  const gatesById = useMemo(
    () => new Map((props.gates ?? []).map(gate => [gate.id, gate])),
    [props.gates],
  );
  const rows = useMemo(
    () =>
      (value?.items ?? []).map(decision => ({
        ...decision,
        subjectTitle: subjectTitle(decision.subject, gatesById),
      })),
    [value, gatesById],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title={t('trainPage.decisions.loadError')} />;
  return (
    <Table
      title={t('trainPage.decisions.title')}
      options={{ paging: (value?.items.length ?? 0) > 20, pageSize: 20, search: true }}
      columns={columns}
      data={rows}
      emptyContent={
        <Box padding={2}>
          <Typography variant="body2">{t('trainPage.decisions.empty')}</Typography>
        </Box>
      }
    />
  );
}
