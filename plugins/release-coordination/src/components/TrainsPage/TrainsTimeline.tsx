import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import { trainRouteRef } from '../../routes';
import { releaseCoordinationTranslationRef } from '../../translations';

/** Stage colors by position; a stage keeps its color in every row and in the legend. */
const STAGE_COLORS = ['#1e88e5', '#8e24aa', '#f9a825', '#43a047', '#00897b', '#6d4c41'];
const DAY = 86_400_000;

const useStyles = makeStyles(theme => ({
  row: { display: 'flex', alignItems: 'center', minHeight: 32 },
  label: {
    width: 220,
    flexShrink: 0,
    paddingRight: theme.spacing(1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  track: {
    position: 'relative',
    flexGrow: 1,
    height: 20,
    background: theme.palette.background.default,
    borderRadius: 2,
  },
  segment: {
    position: 'absolute',
    top: 2,
    bottom: 2,
    borderRadius: 2,
    boxSizing: 'border-box',
    border: `1px solid ${theme.palette.background.paper}`,
  },
  late: {
    border: `2px solid ${theme.palette.error.main}`,
    backgroundImage:
      'repeating-linear-gradient(45deg, transparent, transparent 4px, rgba(255,255,255,.5) 4px, rgba(255,255,255,.5) 8px)',
  },
  current: { outline: `2px solid ${theme.palette.text.primary}` },
  today: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 2,
    background: theme.palette.error.main,
    pointerEvents: 'none',
  },
  body: { position: 'relative' },
  overlay: { position: 'absolute', top: 0, bottom: 0, left: 220, right: 0, pointerEvents: 'none' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), marginTop: theme.spacing(1) },
  swatch: { display: 'inline-block', width: 12, height: 12, marginRight: 4, borderRadius: 2 },
}));

function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString();
}

/**
 * Trains × stage windows as horizontal bars: one row per train, one segment per planned stage
 * window, a marker for today, late stages hatched with a red border. Drawn from the trains as
 * the list answers them, which carry their stages, so the timeline costs no request of its own.
 */
export function TrainsTimeline(props: { trains: ReleaseTrainSummary[]; now?: Date }) {
  const { trains } = props;
  const now = (props.now ?? new Date()).getTime();
  const classes = useStyles();
  const trainLink = useRouteRef(trainRouteRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  const windows = trains.flatMap(train =>
    train.stages.flatMap(stage =>
      stage.window ? [Date.parse(stage.window.start), Date.parse(stage.window.end)] : [],
    ),
  );
  if (windows.length === 0) {
    return (
      <Typography variant="body2">
        {t('trains.timeline.noWindows')}
      </Typography>
    );
  }
  const from = Math.min(...windows, now) - DAY;
  const to = Math.max(...windows, now) + DAY;
  const percent = (ms: number) => ((ms - from) / (to - from)) * 100;
  const stageOrder: { name: string; title: string }[] = [];
  for (const train of trains) {
    for (const stage of train.stages) {
      if (!stageOrder.some(s => s.name === stage.name)) {
        stageOrder.push({ name: stage.name, title: stage.title });
      }
    }
  }
  const colorOf = (name: string) =>
    STAGE_COLORS[stageOrder.findIndex(s => s.name === name) % STAGE_COLORS.length];

  return (
    <div>
      <Box display="flex" justifyContent="space-between" marginLeft="220px">
        <Typography variant="caption">{formatDate(from)}</Typography>
        <Typography variant="caption">{formatDate(to)}</Typography>
      </Box>
      <ul
        className={classes.body}
        aria-label={t('trains.timeline.label')}
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {trains.map(train => (
          <li key={train.id} className={classes.row} data-testid={`timeline-row-${train.id}`}>
            <div className={classes.label}>
              <Link to={trainLink({ trainId: train.id })}>{train.name}</Link>
            </div>
            <div className={classes.track}>
              {train.stages.map(stage => {
                if (!stage.window) return null;
                const start = Date.parse(stage.window.start);
                const end = Date.parse(stage.window.end);
                const label = `${t('trains.timeline.segment', {
                  train: train.name,
                  stage: stage.title,
                  start: formatDate(start),
                  end: formatDate(end),
                })}${stage.late ? t('trains.timeline.segmentLate') : ''}${
                  stage.status === 'current' ? t('trains.timeline.segmentCurrent') : ''
                }`;
                return (
                  <div
                    key={stage.name}
                    role="img"
                    aria-label={label}
                    title={label}
                    className={`${classes.segment} ${stage.late ? classes.late : ''} ${
                      stage.status === 'current' ? classes.current : ''
                    }`}
                    style={{
                      left: `${percent(start)}%`,
                      width: `${Math.max(percent(end) - percent(start), 0.5)}%`,
                      backgroundColor: colorOf(stage.name),
                    }}
                  />
                );
              })}
            </div>
          </li>
        ))}
        <li aria-hidden className={classes.overlay}>
          <div
            className={classes.today}
            style={{ left: `${percent(now)}%` }}
            title={t('trains.timeline.today', { date: formatDate(now) })}
            data-testid="timeline-today"
          />
        </li>
      </ul>
      <div className={classes.legend}>
        {stageOrder.map(stage => (
          <Typography variant="caption" key={stage.name}>
            <span className={classes.swatch} style={{ backgroundColor: colorOf(stage.name) }} />
            {stage.title}
          </Typography>
        ))}
        <Typography variant="caption">
          <span className={`${classes.swatch} ${classes.late}`} style={{ background: '#999' }} />
          {t('trains.timeline.legendLate')}
        </Typography>
        <Typography variant="caption">{t('trains.timeline.legendToday')}</Typography>
      </div>
    </div>
  );
}
