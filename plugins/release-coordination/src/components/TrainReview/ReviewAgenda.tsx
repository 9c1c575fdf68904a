import { InfoCard, Link } from '@backstage/core-components';
import {
  Box,
  Chip,
  Grid,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  ReviewAgenda as ReviewAgendaData,
  TrainDependencyDrift,
  TrainRiskScore,
} from '@release-coordination/plugin-release-coordination-common';
import { ReactNode } from 'react';
import { CollisionsTable } from '../ReleaseCalendar/CollisionsTable';
import {
  CatalogRefLink,
  formatDate,
  StatusChip,
  useTrainLink,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { padding: theme.spacing(0.5, 0) },
  wave: {
    display: 'flex',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
  },
  // A darker green than `main`, so that the text stays readable on a light card.
  added: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.success.light
        : theme.palette.success.dark,
  },
  removed: {
    color: theme.palette.text.secondary,
    textDecoration: 'line-through',
  },
  marker: { display: 'inline-block', width: '1.5em', fontWeight: 600 },
}));

/** One part of the agenda: its heading, and the text that says when there is nothing. */
function AgendaPart(props: {
  id: string;
  title: string;
  empty?: string;
  children?: ReactNode;
}) {
  const { id, title, empty, children } = props;
  return (
    <Box component="section" aria-labelledby={id} mb={1}>
      <Typography variant="h6" component="h3" id={id} gutterBottom>
        {title}
      </Typography>
      {empty !== undefined ? (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      ) : (
        children
      )}
    </Box>
  );
}

/** The risk score and every factor: what was measured, its value, weight and points. */
function RiskFactors(props: { risk: TrainRiskScore }) {
  const { risk } = props;
  const { t } = usePluginTranslation();
  return (
    <AgendaPart id="review-agenda-risk" title={t('review.agenda.risk.title')}>
      <Box display="flex" alignItems="center" gridGap={8} mb={1}>
        <Typography variant="body1" component="span">
          {t('review.agenda.risk.score', { score: String(risk.score) })}
        </Typography>
        <Chip size="small" label={t(`risk.levels.${risk.level}`)} />
      </Box>
      <Table size="small" aria-label={t('review.agenda.risk.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('review.agenda.risk.columns.factor')}</TableCell>
            <TableCell>{t('review.agenda.risk.columns.measured')}</TableCell>
            <TableCell align="right">
              {t('review.agenda.risk.columns.value')}
            </TableCell>
            <TableCell align="right">
              {t('review.agenda.risk.columns.weight')}
            </TableCell>
            <TableCell align="right">
              {t('review.agenda.risk.columns.points')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {risk.factors.map(factor => (
            <TableRow key={factor.id}>
              <TableCell component="th" scope="row">
                {t(`risk.factors.${factor.id}`)}
              </TableCell>
              <TableCell>{factor.detail}</TableCell>
              <TableCell align="right">{factor.value}</TableCell>
              <TableCell align="right">{factor.weight}</TableCell>
              <TableCell align="right">{factor.contribution}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </AgendaPart>
  );
}

/** The participants in the order they ship: each wave after the waves it depends on. */
function Waves(props: { waves: string[][] }) {
  const { waves } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const nonEmpty = waves.filter(wave => wave.length > 0);
  return (
    <AgendaPart
      id="review-agenda-waves"
      title={t('review.agenda.waves.title')}
      empty={nonEmpty.length === 0 ? t('review.agenda.waves.empty') : undefined}
    >
      <ol className={classes.list} aria-label={t('review.agenda.waves.label')}>
        {nonEmpty.map((wave, index) => {
          const label = t('review.agenda.waves.wave', {
            number: String(index + 1),
          });
          return (
            <li key={index} className={classes.wave} aria-label={label}>
              <Typography variant="subtitle2" component="span">
                {label}
              </Typography>
              {wave.map(ref => (
                <CatalogRefLink key={ref} entityRef={ref} />
              ))}
            </li>
          );
        })}
      </ol>
    </AgendaPart>
  );
}

/** How many dependencies among the participants appeared and went away since planning. */
function Drift(props: { drift: TrainDependencyDrift }) {
  const { drift } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const added = drift.steps.flatMap(step => step.added);
  const removed = drift.steps.flatMap(step => step.removed);
  let empty: string | undefined;
  if (drift.steps.length === 0) empty = t('review.agenda.drift.noSteps');
  else if (added.length === 0 && removed.length === 0) {
    empty = t('review.agenda.drift.none');
  }
  return (
    <AgendaPart
      id="review-agenda-drift"
      title={t('review.agenda.drift.title')}
      empty={empty}
    >
      <Typography variant="body2" paragraph>
        {t('review.agenda.drift.counts', {
          added: String(added.length),
          removed: String(removed.length),
        })}
      </Typography>
      <ul className={classes.list} aria-label={t('review.agenda.drift.label')}>
        {added.map((edge, index) => (
          <Typography
            component="li"
            variant="body2"
            key={`+${index} ${edge.from} ${edge.to}`}
            className={`${classes.item} ${classes.added}`}
          >
            <span className={classes.marker} aria-hidden>
              +
            </span>
            {t('trainPage.drift.added', {
              from: <CatalogRefLink entityRef={edge.from} />,
              to: <CatalogRefLink entityRef={edge.to} />,
            })}
          </Typography>
        ))}
        {removed.map((edge, index) => (
          <Typography
            component="li"
            variant="body2"
            key={`-${index} ${edge.from} ${edge.to}`}
            className={`${classes.item} ${classes.removed}`}
          >
            <span className={classes.marker} aria-hidden>
              −
            </span>
            {t('trainPage.drift.removed', {
              from: <CatalogRefLink entityRef={edge.from} />,
              to: <CatalogRefLink entityRef={edge.to} />,
            })}
          </Typography>
        ))}
      </ul>
    </AgendaPart>
  );
}

/** Per participant: whether a rollback plan is saved, its procedure and the last passed drill. */
function RollbackReadiness(props: {
  readiness: ReviewAgendaData['rollbackReadiness'];
}) {
  const { readiness } = props;
  const { t } = usePluginTranslation();
  return (
    <AgendaPart
      id="review-agenda-rollback"
      title={t('review.agenda.rollback.title')}
      empty={
        readiness.length === 0 ? t('review.agenda.rollback.empty') : undefined
      }
    >
      <Table size="small" aria-label={t('review.agenda.rollback.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>
              {t('review.agenda.rollback.columns.participant')}
            </TableCell>
            <TableCell>{t('review.agenda.rollback.columns.team')}</TableCell>
            <TableCell>{t('review.agenda.rollback.columns.planned')}</TableCell>
            <TableCell>
              {t('review.agenda.rollback.columns.criteria')}
            </TableCell>
            <TableCell>
              {t('review.agenda.rollback.columns.procedure')}
            </TableCell>
            <TableCell>
              {t('review.agenda.rollback.columns.rehearsed')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {readiness.map(item => (
            <TableRow key={item.entityRef}>
              <TableCell component="th" scope="row">
                <CatalogRefLink entityRef={item.entityRef} />
              </TableCell>
              <TableCell>
                {item.ownerRef ? (
                  <CatalogRefLink entityRef={item.ownerRef} />
                ) : (
                  '–'
                )}
              </TableCell>
              <TableCell>
                <StatusChip
                  label={
                    item.planned
                      ? t('review.agenda.rollback.yes')
                      : t('review.agenda.rollback.no')
                  }
                  tone={item.planned ? 'success' : 'error'}
                />
              </TableCell>
              <TableCell>{item.criteria ?? '–'}</TableCell>
              <TableCell>
                {item.procedureUrl ? (
                  <Link to={item.procedureUrl}>
                    {t('review.agenda.rollback.procedure')}
                  </Link>
                ) : (
                  '–'
                )}
              </TableCell>
              <TableCell>
                {item.lastRehearsedAt ? (
                  <time dateTime={item.lastRehearsedAt}>
                    {formatDate(item.lastRehearsedAt)}
                  </time>
                ) : (
                  t('review.agenda.rollback.never')
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </AgendaPart>
  );
}

/** "The first 5 of 12 are shown", when the agenda holds only the first items of a list. */
function MoreNote(props: { shown: number; count: number; text: string }) {
  if (props.count <= props.shown) return null;
  return (
    <Typography variant="caption" color="textSecondary">
      {props.text}
    </Typography>
  );
}

/** How many flags are in use, and the first of them, those needing attention first. */
function OpenFlags(props: { flags: ReviewAgendaData['openFlags'] }) {
  const { items, totalCount } = props.flags;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  return (
    <AgendaPart
      id="review-agenda-flags"
      title={t('review.agenda.flags.title')}
      empty={totalCount === 0 ? t('review.agenda.flags.empty') : undefined}
    >
      <Typography variant="body2">
        {t('review.agenda.flags.count', { count: totalCount })}
      </Typography>
      <ul className={classes.list} aria-label={t('review.agenda.flags.label')}>
        {items.map(flag => (
          <Typography
            component="li"
            variant="body2"
            key={flag.id}
            className={classes.item}
          >
            <code>{flag.key}</code> ·{' '}
            <CatalogRefLink entityRef={flag.participantRef} /> ·{' '}
            <CatalogRefLink entityRef={flag.ownerRef} /> ·{' '}
            {t(`outcomes.flags.states.${flag.state}`)} ·{' '}
            {t('review.agenda.flags.expires', {
              date: formatDate(flag.expiresAt),
            })}
          </Typography>
        ))}
      </ul>
      <MoreNote
        shown={items.length}
        count={totalCount}
        text={t('review.agenda.flags.more', {
          shown: String(items.length),
          count: totalCount,
        })}
      />
    </AgendaPart>
  );
}

/** How many open action items of earlier trains concern the participants, and the first. */
function OpenActionItems(props: {
  actionItems: ReviewAgendaData['openActionItems'];
}) {
  const { items, totalCount } = props.actionItems;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const trainLink = useTrainLink();
  return (
    <AgendaPart
      id="review-agenda-action-items"
      title={t('review.agenda.actionItems.title')}
      empty={
        totalCount === 0 ? t('review.agenda.actionItems.empty') : undefined
      }
    >
      <Typography variant="body2">
        {t('review.agenda.actionItems.count', { count: totalCount })}
      </Typography>
      <ul
        className={classes.list}
        aria-label={t('review.agenda.actionItems.label')}
      >
        {items.map(item => {
          const from = t('review.agenda.actionItems.fromTrain', {
            train: item.trainName,
          });
          return (
            <Typography
              component="li"
              variant="body2"
              key={item.id}
              className={classes.item}
            >
              {item.title} · <CatalogRefLink entityRef={item.ownerRef} /> ·{' '}
              {trainLink ? (
                <Link to={trainLink(item.trainId, 'retrospective')}>
                  {from}
                </Link>
              ) : (
                from
              )}
              {item.dueAt &&
                ` · ${t('review.agenda.actionItems.due', {
                  date: formatDate(item.dueAt),
                })}`}
            </Typography>
          );
        })}
      </ul>
      <MoreNote
        shown={items.length}
        count={totalCount}
        text={t('review.agenda.actionItems.more', {
          shown: String(items.length),
          count: totalCount,
        })}
      />
    </AgendaPart>
  );
}

/**
 * What the joint review goes through, assembled by the backend from the rest of the train:
 * the risk score and its factors, the deployment waves, the dependency drift since planning,
 * each participant's rollback readiness, the flags in use, the open action items of earlier
 * trains, and the collisions with other trains and freezes.
 */
export function ReviewAgenda(props: { agenda: ReviewAgendaData }) {
  const { agenda } = props;
  const { t } = usePluginTranslation();
  return (
    <InfoCard
      title={t('review.agenda.title')}
      subheader={t('review.agenda.subheader')}
      titleTypographyProps={{ component: 'h2' }}
    >
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <RiskFactors risk={agenda.risk} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Waves waves={agenda.waves} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Drift drift={agenda.drift} />
        </Grid>
        <Grid item xs={12}>
          <RollbackReadiness readiness={agenda.rollbackReadiness} />
        </Grid>
        <Grid item xs={12} md={6}>
          <OpenFlags flags={agenda.openFlags} />
        </Grid>
        <Grid item xs={12} md={6}>
          <OpenActionItems actionItems={agenda.openActionItems} />
        </Grid>
        <Grid item xs={12}>
          <AgendaPart
            id="review-agenda-collisions"
            title={t('review.agenda.collisions.title')}
            empty={
              agenda.collisions.length === 0
                ? t('review.agenda.collisions.empty')
                : undefined
            }
          >
            <CollisionsTable
              collisions={agenda.collisions}
              title={t('review.agenda.collisions.tableTitle', {
                count: agenda.collisions.length,
              })}
            />
          </AgendaPart>
        </Grid>
      </Grid>
    </InfoCard>
  );
}
