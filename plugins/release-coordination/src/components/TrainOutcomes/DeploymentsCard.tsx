import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
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
  TrainDetail,
  deploymentDurationMs,
  rollbackDurationMs,
} from '@release-coordination/plugin-release-coordination-common';
import { shortRef } from '../shared';
import { formatDuration, formatTime } from './format';
import { useDeployments } from './useTrainOutcomes';

const useStyles = makeStyles(theme => ({
  succeeded: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  failed: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  'rolled-back': {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  participant: { marginTop: theme.spacing(2), '&:first-child': { marginTop: 0 } },
}));

/** A deployment's result as a chip; `running` while CI has not reported the end. */
export function DeploymentResultChip(props: { deployment: DeploymentOutcome }) {
  const classes = useStyles();
  const { result } = props.deployment;
  if (!result) return <Chip size="small" variant="outlined" label="running" />;
  return <Chip size="small" label={result} className={classes[result]} />;
}

function RollbackCell(props: { deployment: DeploymentOutcome }) {
  const { deployment } = props;
  if (!deployment.rollbackStartedAt) {
    return deployment.result === 'rolled-back' ? <>rolled back</> : null;
  }
  const took = rollbackDurationMs(deployment);
  return (
    <>
      {took === undefined
        ? `restoring since ${formatTime(deployment.rollbackStartedAt)}`
        : `restored in ${formatDuration(took)}`}
      <Typography variant="caption" component="div" color="textSecondary">
        started {formatTime(deployment.rollbackStartedAt)}
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
  // By environment, newest first within each: the latest rollout of each is on top.
  const rows = [...deployments].sort(
    (a, b) => a.environment.localeCompare(b.environment) || b.startedAt.localeCompare(a.startedAt),
  );
  return (
    <section
      className={classes.participant}
      aria-label={`Deployments of ${shortRef(participantRef)}`}
    >
      <Typography variant="subtitle1" component="h3">
        <EntityRefLink entityRef={participantRef} defaultKind="component" />
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>Deployment</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>Result</TableCell>
            <TableCell>Rollback</TableCell>
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
                      version {deployment.version}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{formatTime(deployment.startedAt)}</TableCell>
                <TableCell>{took === undefined ? '—' : formatDuration(took)}</TableCell>
                <TableCell>
                  <Box display="flex" gridGap={4} flexWrap="wrap">
                    <DeploymentResultChip deployment={deployment} />
                    {deployment.hotfix && <Chip size="small" variant="outlined" label="hotfix" />}
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

/**
 * What CI reported about the train's rollouts, per participant and environment: result,
 * how long each took, and how long restoring took when one was rolled back.
 */
export function DeploymentsCard(props: { train: TrainDetail }) {
  const { train } = props;
  const { value, loading, error } = useDeployments(train.id);

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error && !value) {
    content = <ResponseErrorPanel error={error} title="Could not load the deployments" />;
  } else if (!value || value.items.length === 0) {
    content = (
      <Typography variant="body2">
        No deployments reported yet. CI reports each rollout when it starts and when it ends.
      </Typography>
    );
  } else {
    // Participants in the train's order; one that left the train still shows what it shipped.
    const order = train.participants.map(p => p.entityRef);
    const refs = [...new Set(value.items.map(d => d.participantRef))].sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
    });
    content = refs.map(ref => (
      <ParticipantDeployments
        key={ref}
        participantRef={ref}
        deployments={value.items.filter(d => d.participantRef === ref)}
      />
    ));
  }
  return (
    <InfoCard
      title="Deployments"
      subheader="Rollouts per participant and environment, as CI reported them"
    >
      {content}
    </InfoCard>
  );
}
