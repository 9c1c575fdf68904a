import { InfoCard, Link } from '@backstage/core-components';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  Incident,
  IncidentSeverity,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import {
  CatalogRefLink,
  formatTime,
  HiddenEntitiesNote,
  ListPagination,
  LoadedContent,
  shortRef,
  StatusChip,
  StatusTone,
  usePluginTranslation,
  useTrainLink,
  type ReleaseCoordinationT,
} from '../shared';
import { formatDuration } from '../TrainOutcomes/format';
import { IncidentDialog } from './IncidentDialog';
import { IncidentsOf, useIncidents } from './useIncidents';

const SEVERITY_TONES: Record<IncidentSeverity, StatusTone | undefined> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: undefined,
};

/** Users × minutes, or the part that was reported. */
export function describeImpact(
  incident: Incident,
  t: ReleaseCoordinationT,
): string {
  const { usersAffected: users, impactMinutes: minutes } = incident;
  if (users !== undefined && minutes !== undefined) {
    return t('incidents.impact', {
      users: users.toLocaleString('en-US'),
      minutes: String(minutes),
    });
  }
  if (users !== undefined)
    return t('incidents.usersOnly', { users: users.toLocaleString('en-US') });
  if (minutes !== undefined)
    return t('incidents.minutesOnly', { minutes: String(minutes) });
  return '—';
}

function CauseCell(props: { incident: Incident }) {
  const { attribution } = props.incident;
  const { t } = usePluginTranslation();
  const trainLink = useTrainLink();
  const deployment =
    attribution.state === 'confirmed'
      ? attribution.deployment
      : attribution.suggested;
  if (attribution.state === 'no-deployment') {
    return <StatusChip label={t('incidents.cause.none')} />;
  }
  if (!deployment) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('incidents.cause.unknown')}
      </Typography>
    );
  }
  const what = t('incidents.cause.deployment', {
    entity: shortRef(deployment.participantRef),
    version: deployment.version ?? '',
    train: deployment.trainName,
  });
  return (
    <>
      <StatusChip
        label={
          attribution.state === 'confirmed'
            ? t('incidents.cause.confirmed')
            : t('incidents.cause.suggested')
        }
        tone={attribution.state === 'confirmed' ? 'error' : 'warning'}
      />{' '}
      {trainLink ? (
        <Link to={trainLink(deployment.trainId, 'deployments')}>{what}</Link>
      ) : (
        what
      )}
    </>
  );
}

/**
 * Incidents with their cause: of a train (those its production deployments caused, confirmed
 * or still suggested) or of an entity. Each opens the candidate causes, where an owner
 * confirms or reassigns the cause. Reloaded when a train changes.
 */
export function IncidentsCard(props: { of: IncidentsOf }) {
  const { of } = props;
  const { t } = usePluginTranslation();
  const list = useIncidents(of);
  const [open, setOpen] = useState<Incident>();
  const forTrain = 'trainId' in of;
  return (
    <InfoCard
      title={t('incidents.title')}
      subheader={
        forTrain
          ? t('incidents.trainSubheader')
          : t('incidents.entitySubheader')
      }
    >
      <LoadedContent
        state={list}
        errorTitle={t('incidents.loadError')}
        isEmpty={page => page.totalCount === 0 && !page.hidden}
        empty={
          <Typography variant="body2">
            {forTrain ? t('incidents.emptyTrain') : t('incidents.emptyEntity')}
          </Typography>
        }
      >
        {page => (
          <>
            <Table size="small" aria-label={t('incidents.tableLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('incidents.columns.started')}</TableCell>
                  <TableCell>{t('incidents.columns.incident')}</TableCell>
                  <TableCell>{t('incidents.columns.affected')}</TableCell>
                  <TableCell>{t('incidents.columns.cause')}</TableCell>
                  <TableCell>{t('incidents.columns.restored')}</TableCell>
                  <TableCell>{t('incidents.columns.impact')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {page.items.map(incident => (
                  <TableRow key={incident.id}>
                    <TableCell>{formatTime(incident.startedAt)}</TableCell>
                    <TableCell>
                      <StatusChip
                        label={t(`incidents.severity.${incident.severity}`)}
                        tone={SEVERITY_TONES[incident.severity]}
                      />{' '}
                      {incident.url ? (
                        <Link to={incident.url}>{incident.title}</Link>
                      ) : (
                        incident.title
                      )}
                    </TableCell>
                    <TableCell>
                      <CatalogRefLink entityRef={incident.entityRef} />
                    </TableCell>
                    <TableCell>
                      <CauseCell incident={incident} />
                    </TableCell>
                    <TableCell>
                      {incident.resolvedAt
                        ? formatDuration(
                            Date.parse(incident.resolvedAt) -
                              Date.parse(incident.startedAt),
                          )
                        : t('incidents.open')}
                    </TableCell>
                    <TableCell>{describeImpact(incident, t)}</TableCell>
                    <TableCell>
                      <Button size="small" onClick={() => setOpen(incident)}>
                        {t('incidents.review')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <ListPagination
              label={t('incidents.paginationLabel')}
              paging={list.paging}
              totalCount={page.totalCount}
            />
            <HiddenEntitiesNote hidden={page.hidden} keys={['items']} />
          </>
        )}
      </LoadedContent>
      {open && (
        <IncidentDialog
          incident={open}
          onClose={() => setOpen(undefined)}
          onDecided={list.retry}
        />
      )}
    </InfoCard>
  );
}
