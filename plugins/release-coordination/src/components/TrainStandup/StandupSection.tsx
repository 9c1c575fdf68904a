import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Chip,
  Grid,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  StandupGate,
  StandupTeam,
  TrainDetail,
  TrainStandup,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { CollisionsTable } from '../ReleaseCalendar/CollisionsTable';
import {
  CatalogRefLink,
  formatDate,
  formatTime,
  GateStateChip,
  HiddenEntitiesNote,
  LoadedContent,
  useTrainChangedSignal,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';

/** The look-backs a standup offers, in hours: a daily, a twice-weekly and a weekly standup. */
const PERIOD_HOURS = ['24', '72', '168'] as const;
type PeriodHours = (typeof PERIOD_HOURS)[number];

/** The standup since `hours` ago, asked again when the train changes. */
function useStandup(trainId: string, hours: PeriodHours, refreshKey: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () =>
      api.getTrainStandup({
        trainId,
        since: new Date(Date.now() - Number(hours) * 3_600_000).toISOString(),
      }),
    [api, trainId, hours, refreshKey],
  );
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

/** A gate that holds the train: state, title, participant, and "new" when it began to since. */
function HoldingGate(props: { item: StandupGate }) {
  const { gate, becameBlocking } = props.item;
  const { t } = usePluginTranslation();
  return (
    <Box
      component="li"
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      gridGap={8}
      mb={0.5}
    >
      <GateStateChip state={gate.state} />
      <Typography variant="body2" component="span">
        {gate.title}
      </Typography>
      {gate.participantRef && (
        <CatalogRefLink entityRef={gate.participantRef} />
      )}
      {becameBlocking && (
        <Chip
          size="small"
          color="secondary"
          label={t('standup.becameBlocking')}
          aria-label={t('standup.becameBlockingLabel')}
        />
      )}
    </Box>
  );
}

/** One team's part of the standup: what waits on it, what failed, how much happened. */
function TeamCard(props: { team: StandupTeam }) {
  const { team } = props;
  const { t } = usePluginTranslation();
  return (
    <InfoCard
      title={<CatalogRefLink entityRef={team.teamRef} />}
      subheader={t('standup.decisions', { count: team.decisionCount })}
    >
      <Box data-testid={`standup-team-${team.teamRef}`}>
        {team.participantRefs.length > 0 && (
          <Box
            display="flex"
            flexWrap="wrap"
            gridGap={8}
            mb={1}
            alignItems="center"
          >
            <Typography variant="caption" color="textSecondary">
              {t('standup.participants')}
            </Typography>
            {team.participantRefs.map(ref => (
              <CatalogRefLink key={ref} entityRef={ref} />
            ))}
          </Box>
        )}
        <Typography variant="subtitle2">
          {t('standup.holding', { count: team.blockingGates.length })}
        </Typography>
        {team.blockingGates.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('standup.nothingHolding')}
          </Typography>
        ) : (
          <Box component="ul" m={0} pl={0} style={{ listStyle: 'none' }}>
            {team.blockingGates.map(item => (
              <HoldingGate key={item.gate.id} item={item} />
            ))}
          </Box>
        )}
        {team.failingChecks.length > 0 && (
          <>
            <Typography variant="subtitle2" style={{ marginTop: 8 }}>
              {t('standup.failedChecks', { count: team.failingChecks.length })}
            </Typography>
            <Box component="ul" m={0} pl={2}>
              {team.failingChecks.map(check => (
                <li key={check.id}>
                  <Typography variant="body2" component="span">
                    {check.checkName} ·{' '}
                    <CatalogRefLink entityRef={check.participantRef} /> ·{' '}
                    {formatTime(check.reportedAt)}
                    {check.evidenceUrl && (
                      <>
                        {' · '}
                        <Link to={check.evidenceUrl}>
                          {t('standup.evidence')}
                        </Link>
                      </>
                    )}
                  </Typography>
                </li>
              ))}
            </Box>
          </>
        )}
      </Box>
    </InfoCard>
  );
}

/** What a decision is about: its entity as a link, the train itself in words, else its subject. */
function DecisionSubject(props: {
  decision: TrainStandup['decisions'][number];
  trainId: string;
}) {
  const { decision, trainId } = props;
  const { t } = usePluginTranslation();
  if (decision.entityRef)
    return <CatalogRefLink entityRef={decision.entityRef} />;
  return (
    <>
      {decision.subject === trainId ? t('standup.theTrain') : decision.subject}
    </>
  );
}

/** The decisions logged since, oldest first. */
function DecisionsSince(props: { standup: TrainStandup }) {
  const { standup } = props;
  const { t } = usePluginTranslation();
  return (
    <InfoCard
      title={t('standup.decisionsTitle', { count: standup.decisionCount })}
    >
      {standup.decisions.length === 0 ? (
        <Typography variant="body2">{t('standup.noDecisions')}</Typography>
      ) : (
        <Table
          size="small"
          aria-label={t('standup.decisionsTitle', {
            count: standup.decisionCount,
          })}
        >
          <TableHead>
            <TableRow>
              <TableCell>{t('standup.columns.when')}</TableCell>
              <TableCell>{t('standup.columns.who')}</TableCell>
              <TableCell>{t('standup.columns.action')}</TableCell>
              <TableCell>{t('standup.columns.subject')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {standup.decisions.map(decision => (
              <TableRow key={decision.id}>
                <TableCell>{formatTime(decision.createdAt)}</TableCell>
                <TableCell>
                  <CatalogRefLink
                    entityRef={decision.actorRef}
                    linkable={decision.actorRef.startsWith('user:')}
                  />
                </TableCell>
                <TableCell>{decision.action}</TableCell>
                <TableCell>
                  <DecisionSubject
                    decision={decision}
                    trainId={standup.trainId}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {standup.decisionCount > standup.decisions.length && (
        <Typography variant="caption" color="textSecondary">
          {t('standup.moreDecisions', {
            shown: String(standup.decisions.length),
            count: standup.decisionCount,
          })}
        </Typography>
      )}
    </InfoCard>
  );
}

/**
 * The standup of a train, for a multi-team standup: the look-back, the stage and whether it is
 * late, one card per team with what holds the train and what failed since, the gates of the
 * whole train, the collisions that appeared since, and the decisions logged since.
 */
export function StandupSection(props: {
  train: Pick<TrainDetail, 'id' | 'updatedAt'>;
}) {
  const { train } = props;
  const { t } = usePluginTranslation();
  const [hours, setHours] = useState<PeriodHours>('24');
  const state = useStandup(train.id, hours, train.updatedAt);
  const since = state.value?.since;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={t('standup.title')}
          subheader={
            since
              ? t('standup.subheader', { since: formatTime(since) })
              : undefined
          }
        >
          <TextField
            id="standup-period"
            select
            label={t('standup.period')}
            value={hours}
            onChange={e => setHours(e.target.value as PeriodHours)}
            style={{ minWidth: 220 }}
          >
            {PERIOD_HOURS.map(option => (
              <MenuItem key={option} value={option}>
                {t(`standup.periods.${option}`)}
              </MenuItem>
            ))}
          </TextField>
        </InfoCard>
      </Grid>
      <LoadedContent
        state={state}
        errorTitle={t('standup.loadError')}
        isEmpty={() => false}
        empty={null}
      >
        {standup => (
          <>
            <Grid item xs={12}>
              {standup.currentStage ? (
                <Alert
                  severity={standup.currentStage.late ? 'warning' : 'info'}
                >
                  {t('standup.stage', { stage: standup.currentStage.title })}
                  {standup.currentStage.late && standup.currentStage.window
                    ? ` (${t('standup.late', { end: formatDate(standup.currentStage.window.end) })})`
                    : ''}
                </Alert>
              ) : (
                <Alert severity="info">{t('standup.ended')}</Alert>
              )}
              <HiddenEntitiesNote
                hidden={standup.hidden}
                keys={['participants', 'items']}
              />
            </Grid>
            {standup.teams.map(team => (
              <Grid item xs={12} md={6} key={team.teamRef}>
                <TeamCard team={team} />
              </Grid>
            ))}
            {standup.trainGates.length > 0 && (
              <Grid item xs={12}>
                <InfoCard
                  title={t('standup.trainGates', {
                    count: standup.trainGates.length,
                  })}
                >
                  <Box
                    component="ul"
                    m={0}
                    pl={0}
                    style={{ listStyle: 'none' }}
                  >
                    {standup.trainGates.map(item => (
                      <HoldingGate key={item.gate.id} item={item} />
                    ))}
                  </Box>
                </InfoCard>
              </Grid>
            )}
            {standup.newCollisions.length > 0 && (
              <Grid item xs={12}>
                <CollisionsTable
                  collisions={standup.newCollisions}
                  title={t('standup.newCollisions')}
                />
              </Grid>
            )}
            <Grid item xs={12}>
              <DecisionsSince standup={standup} />
            </Grid>
          </>
        )}
      </LoadedContent>
    </Grid>
  );
}
