import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  DeploymentOutcome,
  DeploymentResult,
  TrainDetail,
  deploymentDurationMs,
  rollbackDurationMs,
} from '@release-coordination/plugin-release-coordination-common';
import {
  formatTime,
  ListPagination,
  LoadedContent,
  shortRef,
  StatusChip,
  StatusTone,
  useLastPageWithin,
  usePaging,
} from '../shared';
import { releaseCoordinationTranslationRef } from '../../translations';
import { formatDuration } from './format';
import { useDeployments } from './useTrainOutcomes';

const useStyles = makeStyles(theme => ({
  participant: { marginTop: theme.spacing(2), '&:first-child': { marginTop: 0 } },
}));

/** Page sizes to choose from; a train of many participants reports a few rollouts a day. */
const ROWS_PER_PAGE_OPTIONS = [10, 25, 50];

/** A rollback restored the previous version: amber, the release did not fail for good. */
const RESULT_TONES: Record<DeploymentResult, StatusTone> = {
  succeeded: 'success',
  failed: 'error',
  'rolled-back': 'warning',
};

/** A deployment's result as a chip; `running` while CI has not reported the end. */
export function DeploymentResultChip(props: { deployment: DeploymentOutcome }) {
  const { result } = props.deployment;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  if (!result) {
    return <Chip size="small" variant="outlined" label={t('outcomes.deployments.running')} />;
  }
  return <StatusChip label={result} tone={RESULT_TONES[result]} />;
}

function RollbackCell(props: { deployment: DeploymentOutcome }) {
  const { deployment } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  if (!deployment.rollbackStartedAt) {
    return deployment.result === 'rolled-back' ? <>{t('outcomes.deployments.rolledBack')}</> : null;
  }
  const took = rollbackDurationMs(deployment);
  return (
    <>
      {took === undefined
        ? t('outcomes.deployments.restoringSince', {
            time: formatTime(deployment.rollbackStartedAt),
          })
        : t('outcomes.deployments.restoredIn', { duration: formatDuration(took) })}
      <Typography variant="caption" component="div" color="textSecondary">
        {t('outcomes.deployments.rollbackStarted', {
          time: formatTime(deployment.rollbackStartedAt),
        })}
      </Typography>
    </>
  );
}

function ParticipantDeployments(props: {
  participantRef: string;
  deployments: DeploymentOutcome[];
}) {
  const { participantRef, deployments } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  // By environment, newest first within each: the latest rollout of each is on top.
  const rows = [...deployments].sort(
    (a, b) => a.environment.localeCompare(b.environment) || b.startedAt.localeCompare(a.startedAt),
  );
  return (
    <section
      className={classes.participant}
      aria-label={t('outcomes.deployments.ofParticipant', { name: shortRef(participantRef) })}
    >
      <Typography variant="subtitle1" component="h3">
        <EntityRefLink entityRef={participantRef} defaultKind="component" />
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('outcomes.deployments.columns.environment')}</TableCell>
            <TableCell>{t('outcomes.deployments.columns.deployment')}</TableCell>
            <TableCell>{t('outcomes.deployments.columns.started')}</TableCell>
            <TableCell>{t('outcomes.deployments.columns.duration')}</TableCell>
            <TableCell>{t('outcomes.deployments.columns.result')}</TableCell>
            <TableCell>{t('outcomes.deployments.columns.rollback')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(deployment => {
            const took = deploymentDurationMs(deployment);
            return (
              <TableRow key={deployment.id}>
                <TableCell>{deployment.environment}</TableCell>
                <TableCell>
                  {deployment.evidenceUrl ? (
                    <Link to={deployment.evidenceUrl}>{deployment.deploymentId}</Link>
                  ) : (
                    deployment.deploymentId
                  )}
                  {deployment.version && (
                    <Typography variant="caption" component="div" color="textSecondary">
                      {t('outcomes.deployments.version', { version: deployment.version })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{formatTime(deployment.startedAt)}</TableCell>
                <TableCell>{took === undefined ? '—' : formatDuration(took)}</TableCell>
                <TableCell>
                  <Box display="flex" gridGap={4} flexWrap="wrap">
                    <DeploymentResultChip deployment={deployment} />
                    {deployment.hotfix && <Chip size="small" variant="outlined" label={t('outcomes.deployments.hotfix')} />}
                  </Box>
                </TableCell>
                <TableCell>
                  <RollbackCell deployment={deployment} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}

/** Participants in the train's order; one that left the train still shows what it shipped. */
function DeploymentsByParticipant(props: { train: TrainDetail; deployments: DeploymentOutcome[] }) {
  const { train, deployments } = props;
  const order = train.participants.map(p => p.entityRef);
  const refs = [...new Set(deployments.map(d => d.participantRef))].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
  return (
    <>
      {refs.map(ref => (
        <ParticipantDeployments
          key={ref}
          participantRef={ref}
          deployments={deployments.filter(d => d.participantRef === ref)}
        />
      ))}
    </>
  );
}

/**
 * What CI reported about the train's rollouts, per participant and environment: result,
 * how long each took, and how long restoring took when one was rolled back. The backend answers
 * a page of the newest rollouts at a time; the page is grouped per participant.
 */
export function DeploymentsCard(props: { train: TrainDetail }) {
  const { train } = props;
  const paging = usePaging(25);
  const state = useDeployments(train.id, paging);
  useLastPageWithin(paging, state.value?.totalCount);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard
      title={t('outcomes.deployments.title')}
      subheader={t('outcomes.deployments.subheader')}
    >
      <LoadedContent
        state={state}
        errorTitle={t('outcomes.deployments.loadError')}
        isEmpty={deployments => deployments.totalCount === 0}
        empty={
          <Typography variant="body2">
            {t('outcomes.deployments.empty')}
          </Typography>
        }
      >
        {deployments => (
          <>
            <DeploymentsByParticipant train={train} deployments={deployments.items} />
            <ListPagination
              label={t('outcomes.deployments.paginationLabel')}
              paging={paging}
              totalCount={deployments.totalCount}
              rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
            />
          </>
        )}
      </LoadedContent>
    </InfoCard>
  );
}
