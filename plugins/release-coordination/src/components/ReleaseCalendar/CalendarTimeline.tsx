import { Link } from '@backstage/core-components';
import { Box, Chip, makeStyles, Tooltip, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import {
  CalendarTrain,
  FreezeWindow,
} from '@release-coordination/plugin-release-coordination-common';
import { CatalogRefLink, formatDate, useTrainLink } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { placeMoment, placeOnTimeline, weekTicks } from './timelineGeometry';

const NAME_COLUMN = 240;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'stretch',
    borderBottom: `1px solid ${theme.palette.divider}`,
    minHeight: 48,
  },
  name: {
    width: NAME_COLUMN,
    flex: `0 0 ${NAME_COLUMN}px`,
    padding: theme.spacing(1),
    overflow: 'hidden',
  },
  lane: { position: 'relative', flex: 1, minWidth: 400 },
  bar: {
    position: 'absolute',
    top: 12,
    height: 24,
    borderRadius: 4,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: 11,
    lineHeight: '24px',
    padding: theme.spacing(0, 0.5),
    color: theme.palette.common.white,
    boxSizing: 'border-box',
    border: `1px solid ${theme.palette.background.paper}`,
  },
  current: { outline: `2px solid ${theme.palette.text.primary}`, zIndex: 1 },
  done: { opacity: 0.55 },
  freeze: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    background: `repeating-linear-gradient(45deg, ${theme.palette.error.light}33, ${theme.palette.error.light}33 6px, transparent 6px, transparent 12px)`,
    borderLeft: `2px solid ${theme.palette.error.main}`,
    pointerEvents: 'auto',
  },
  today: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 0,
    borderLeft: `2px dashed ${theme.palette.primary.main}`,
  },
  tick: {
    position: 'absolute',
    top: 0,
    fontSize: 11,
    color: theme.palette.text.secondary,
    borderLeft: `1px solid ${theme.palette.divider}`,
    paddingLeft: 2,
    height: '100%',
  },
  overlay: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: NAME_COLUMN,
    right: 0,
    pointerEvents: 'none',
  },
}));

/** The bar's look: the current stage of an active train outlined, stages done faded. */
function barState(
  status: CalendarTrain['stages'][number]['status'],
  active: boolean,
  classes: { current: string; done: string },
): string {
  if (status === 'current' && active) return classes.current;
  if (status === 'done') return classes.done;
  return '';
}

/** Stage colours, by position in the plan: the same stage has the same colour on every train. */
const STAGE_COLOURS = [
  '#1565c0',
  '#6a1b9a',
  '#00838f',
  '#2e7d32',
  '#ef6c00',
  '#ad1457',
];

type Period = { from: string; to: string };

/** The header row: the weeks of the period along the lanes. */
function TimelineScale(props: { period: Period }) {
  const { period } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  return (
    <div className={classes.row}>
      <div className={classes.name}>
        <Typography variant="subtitle2">
          {t('calendar.timeline.train')}
        </Typography>
      </div>
      <div className={classes.lane}>
        {weekTicks(period).map(tick => {
          const place = placeOnTimeline(
            { start: tick, end: period.to },
            period,
          );
          return place ? (
            <span
              key={tick}
              className={classes.tick}
              style={{ left: `${place.left}%` }}
            >
              {formatDate(tick)}
            </span>
          ) : null;
        })}
      </div>
    </div>
  );
}

/** A train's name, linked to its page, with its collisions and the teams taking part. */
function TrainName(props: { train: CalendarTrain }) {
  const { train } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const trainLink = useTrainLink();
  return (
    <div className={classes.name}>
      <Box display="flex" alignItems="center" gridGap={4}>
        <Typography variant="body2" noWrap>
          {trainLink ? (
            <Link to={trainLink(train.id)}>{train.name}</Link>
          ) : (
            train.name
          )}
        </Typography>
        {train.collisionCount > 0 && (
          <Chip
            size="small"
            color="secondary"
            icon={<WarningIcon fontSize="small" />}
            label={t('calendar.timeline.collisions', {
              count: train.collisionCount,
            })}
          />
        )}
      </Box>
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        noWrap
      >
        {train.teamRefs.length > 0 && `${t('calendar.timeline.teams')} `}
        {train.teamRefs.map((ref, index) => (
          <span key={ref}>
            {index > 0 && ', '}
            <CatalogRefLink entityRef={ref} />
          </span>
        ))}
      </Typography>
    </div>
  );
}

/** A train's lane: its stage windows within the period as bars. */
function StageBars(props: { train: CalendarTrain; period: Period }) {
  const { train, period } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  return (
    <div className={classes.lane}>
      {train.stages.map((stage, index) => {
        const place = stage.window && placeOnTimeline(stage.window, period);
        if (!stage.window || !place) return null;
        const label = t('calendar.timeline.stageWindow', {
          stage: stage.title,
          train: train.name,
          start: formatDate(stage.window.start),
          end: formatDate(stage.window.end),
        });
        const state = barState(
          stage.status,
          train.status === 'active',
          classes,
        );
        return (
          <Tooltip key={stage.name} title={label}>
            <div
              role="img"
              aria-label={label}
              className={`${classes.bar} ${state}`}
              style={{
                left: `${place.left}%`,
                width: `${place.width}%`,
                background: STAGE_COLOURS[index % STAGE_COLOURS.length],
              }}
            >
              {stage.title}
            </div>
          </Tooltip>
        );
      })}
    </div>
  );
}

/** What lies across all rows: the change freezes as hatched bands and today as a line. */
function TimelineOverlay(props: { freezes: FreezeWindow[]; period: Period }) {
  const { freezes, period } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const today = placeMoment(Date.now(), period);
  return (
    <div className={classes.overlay}>
      {freezes.map(freeze => {
        const place = placeOnTimeline(
          { start: freeze.startsAt, end: freeze.endsAt },
          period,
        );
        if (!place) return null;
        const label = t('calendar.timeline.freeze', {
          reason: freeze.reason,
          start: formatDate(freeze.startsAt),
          end: formatDate(freeze.endsAt),
        });
        return (
          <Tooltip key={freeze.id} title={label}>
            <div
              role="img"
              aria-label={label}
              className={classes.freeze}
              style={{ left: `${place.left}%`, width: `${place.width}%` }}
            />
          </Tooltip>
        );
      })}
      {today && (
        <div
          className={classes.today}
          style={{ left: `${today.left}%` }}
          title={t('calendar.timeline.today')}
        />
      )}
    </div>
  );
}

/**
 * The trains of the period as a Gantt chart: one row per train, its stage windows as bars (the
 * current one outlined, those done faded), change freezes as hatched bands across all rows and
 * today as a dashed line. Each bar and band says what it is on hover and to screen readers.
 */
export function CalendarTimeline(props: {
  trains: CalendarTrain[];
  freezes: FreezeWindow[];
  period: Period;
}) {
  const { trains, freezes, period } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const range = { from: formatDate(period.from), to: formatDate(period.to) };
  return (
    <Box
      position="relative"
      role="figure"
      aria-label={t('calendar.timeline.label', range)}
    >
      <TimelineScale period={period} />
      {trains.map(train => (
        <div
          key={train.id}
          className={classes.row}
          data-testid={`calendar-row-${train.name}`}
        >
          <TrainName train={train} />
          <StageBars train={train} period={period} />
        </div>
      ))}
      <TimelineOverlay freezes={freezes} period={period} />
    </Box>
  );
}
