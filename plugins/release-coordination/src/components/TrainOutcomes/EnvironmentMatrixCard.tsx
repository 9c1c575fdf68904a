import { InfoCard } from '@backstage/core-components';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  EnvironmentCell,
  TrainDetail,
  TrainEnvironmentMatrix,
} from '@release-coordination/plugin-release-coordination-common';
import {
  CatalogRefLink,
  formatDate,
  HiddenEntitiesNote,
  LoadedContent,
  StatusChip,
} from '../shared';
import { useEnvironmentMatrix } from './useTrainOutcomes';

/**
 * One cell: the version running there (green at the target, amber otherwise), the newest
 * report under it when that one did not succeed or still runs. Words say it all; color only
 * repeats it.
 */
function Cell(props: { cell: EnvironmentCell; targetVersion: string }) {
  const { cell, targetVersion } = props;
  const { running, latest } = cell;
  const newestIsRunning =
    latest && running && latest.deploymentId === running.deploymentId;
  return (
    <>
      {running ? (
        <StatusChip
          label={
            cell.atTarget
              ? `${running.version} (target)`
              : `${running.version ?? 'no version reported'}, target ${targetVersion}`
          }
          tone={cell.atTarget ? 'success' : 'warning'}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Not deployed
        </Typography>
      )}
      {running?.finishedAt && (
        <Typography variant="caption" component="div" color="textSecondary">
          since {formatDate(running.finishedAt)}
        </Typography>
      )}
      {latest && !newestIsRunning && (
        <Typography variant="caption" component="div" color="textSecondary">
          newest: {latest.version ?? 'a deployment'}{' '}
          {latest.result
            ? `${latest.result} on ${formatDate(latest.finishedAt ?? latest.startedAt)}`
            : `running since ${formatDate(latest.startedAt)}`}
        </Typography>
      )}
    </>
  );
}

function MatrixTable(props: { matrix: TrainEnvironmentMatrix }) {
  const { matrix } = props;
  const production = matrix.environments[matrix.environments.length - 1];
  const shipped = matrix.participants.filter(
    p => p.cells.find(cell => cell.environment === production)?.atTarget,
  ).length;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {shipped} of {matrix.participants.length} participant(s) run their
        target version in {production}.
      </Typography>
      <Table size="small" aria-label="Environment matrix">
        <TableHead>
          <TableRow>
            <TableCell>Participant</TableCell>
            <TableCell>Target</TableCell>
            {matrix.environments.map(environment => (
              <TableCell key={environment}>{environment}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {matrix.participants.map(participant => (
            <TableRow key={participant.entityRef}>
              <TableCell>
                <CatalogRefLink entityRef={participant.entityRef} />
              </TableCell>
              <TableCell>{participant.targetVersion}</TableCell>
              {participant.cells.map(cell => (
                <TableCell key={cell.environment}>
                  <Cell cell={cell} targetVersion={participant.targetVersion} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * Participant × environment: which version runs where, as CI reported it, in the order the
 * environments are configured (production last).
 */
export function EnvironmentMatrixCard(props: { train: TrainDetail }) {
  const state = useEnvironmentMatrix(props.train.id);
  return (
    <InfoCard
      title="Environments"
      subheader="The version each participant runs in each environment, from CI's deployment reports"
    >
      <LoadedContent
        state={state}
        errorTitle="Could not load the environment matrix"
        isEmpty={matrix => matrix.participants.length === 0 && !matrix.hidden}
        empty={
          <Typography variant="body2">
            The train has no participants yet.
          </Typography>
        }
      >
        {matrix => (
          <>
            <MatrixTable matrix={matrix} />
            <HiddenEntitiesNote
              hidden={matrix.hidden}
              keys={['participants']}
            />
          </>
        )}
      </LoadedContent>
    </InfoCard>
  );
}
