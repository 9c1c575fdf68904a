import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { releaseCoordinationTranslationRef } from '../../translations';
import { useEnvironmentMatrix } from './useTrainOutcomes';

/**
 * One cell: the version running there (green at the target, amber otherwise), the newest
 * report under it when that one did not succeed or still runs. Words say it all; color only
 * repeats it.
 */
function Cell(props: { cell: EnvironmentCell; targetVersion: string }) {
  const { cell, targetVersion } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { running, latest } = cell;
  const newestIsRunning =
    latest && running && latest.deploymentId === running.deploymentId;
  return (
    <>
      {running ? (
        <StatusChip
          label={
            cell.atTarget
              ? t('outcomes.environments.atTarget', {
                  version: running.version ?? '',
                })
              : t('outcomes.environments.offTarget', {
                  version:
                    running.version ?? t('outcomes.environments.noVersion'),
                  target: targetVersion,
                })
          }
          tone={cell.atTarget ? 'success' : 'warning'}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          {t('outcomes.environments.notDeployed')}
        </Typography>
      )}
      {running?.finishedAt && (
        <Typography variant="caption" component="div" color="textSecondary">
          {t('outcomes.environments.since', {
            date: formatDate(running.finishedAt),
          })}
        </Typography>
      )}
      {latest && !newestIsRunning && (
        <Typography variant="caption" component="div" color="textSecondary">
          {latest.result
            ? t('outcomes.environments.newestResult', {
                version:
                  latest.version ?? t('outcomes.environments.aDeployment'),
                result: latest.result,
                date: formatDate(latest.finishedAt ?? latest.startedAt),
              })
            : t('outcomes.environments.newestRunning', {
                version:
                  latest.version ?? t('outcomes.environments.aDeployment'),
                date: formatDate(latest.startedAt),
              })}
        </Typography>
      )}
    </>
  );
}

function MatrixTable(props: { matrix: TrainEnvironmentMatrix }) {
  const { matrix } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const production = matrix.environments[matrix.environments.length - 1];
  const shipped = matrix.participants.filter(
    p => p.cells.find(cell => cell.environment === production)?.atTarget,
  ).length;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {t('outcomes.environments.summary', {
          shipped: String(shipped),
          total: String(matrix.participants.length),
          environment: production,
        })}
      </Typography>
      <Table size="small" aria-label={t('outcomes.environments.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('outcomes.environments.participant')}</TableCell>
            <TableCell>{t('outcomes.environments.target')}</TableCell>
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard
      title={t('outcomes.environments.title')}
      subheader={t('outcomes.environments.subheader')}
    >
      <LoadedContent
        state={state}
        errorTitle={t('outcomes.environments.loadError')}
        isEmpty={matrix => matrix.participants.length === 0 && !matrix.hidden}
        empty={
          <Typography variant="body2">
            {t('outcomes.environments.empty')}
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
