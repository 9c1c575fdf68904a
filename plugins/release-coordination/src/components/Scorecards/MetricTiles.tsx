import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Grid, makeStyles, Paper, Typography } from '@material-ui/core';
import {
  METRIC_DEFINITIONS,
  MetricDefinition,
  MetricId,
  MetricValue,
} from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
import { doraColumnOf, DoraReferenceColumn } from './DoraReference';
import { MetricDefinitionTooltip } from './MetricDefinition';
import { formatMetricValue, metricDetail, sampleSizeText } from './metricFormat';
import { metricSource } from './metricSources';

const useStyles = makeStyles(theme => ({
  tile: {
    height: '100%',
    padding: theme.spacing(2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  value: { fontWeight: theme.typography.fontWeightBold as number, lineHeight: 1.2 },
  noData: { color: theme.palette.text.secondary, fontStyle: 'italic' },
  missing: { color: theme.palette.warning.dark },
}));

/**
 * One metric: its value in its unit, what it rests on, what is missing and how to send it,
 * and the definition on hover or focus of its name.
 */
export function MetricTile(props: { definition: MetricDefinition; metric?: MetricValue }) {
  const { definition, metric } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const hasValue = metric?.value !== undefined;
  const detail = metric && metricDetail(definition.unit, metric, t);
  const figures = (metric?.figures ?? []).filter(f => f.value !== 0);
  const doraColumn = doraColumnOf(definition);
  // Without any metric at all the backend knows nothing of it yet: say so like a missing value.
  const missing = metric ? metric.missing : t('scorecards.tiles.notComputed');
  const source = metricSource(definition.id, t);
  return (
    <Paper component="section" variant="outlined" className={classes.tile} aria-label={definition.title}>
      <Typography variant="subtitle2" component="h3">
        <MetricDefinitionTooltip definition={definition} />
      </Typography>
      <Typography
        variant="h5"
        component="p"
        className={hasValue ? classes.value : classes.noData}
        data-testid={`metric-value-${definition.id}`}
      >
        {formatMetricValue(definition.unit, metric, t)}
      </Typography>
      {detail && (
        <Typography variant="body2" color="textSecondary">
          {detail}
        </Typography>
      )}
      {metric && (
        <Typography variant="caption" color="textSecondary">
          {t('scorecards.tiles.from', {
            samples: sampleSizeText(definition.id, metric.sampleSize, t),
          })}
        </Typography>
      )}
      {missing && (
        <Typography variant="body2" className={classes.missing}>
          {missing}
        </Typography>
      )}
      {!hasValue && source && (
        <Typography variant="caption" color="textSecondary">
          {source}
        </Typography>
      )}
      {figures.length > 0 && (
        <Box component="ul" m={0} pl={2}>
          {figures.map(f => (
            <Typography key={f.key} component="li" variant="caption" color="textSecondary">
              {t('scorecards.tiles.figure', {
                label: f.label,
                value: f.value.toLocaleString('en-US'),
              })}
            </Typography>
          ))}
        </Box>
      )}
      {doraColumn && <DoraReferenceColumn columnKey={doraColumn} metricTitle={definition.title} />}
    </Paper>
  );
}

/** The messages of the groups of tiles, under `scorecards.tiles.sections`. */
type SectionKey =
  | 'delivery'
  | 'stability'
  | 'incidents'
  | 'leading'
  | 'gates'
  | 'followThrough'
  | 'other';

/**
 * The tiles in groups a reader scans in order: shipping, stability, incidents, leading
 * indicators, gates, follow-through.
 */
const SECTIONS: { key: SectionKey; metrics: MetricId[] }[] = [
  {
    key: 'delivery',
    metrics: ['cycle-time', 'deployment-frequency', 'deploy-days-per-week', 'deployment-success-rate'],
  },
  {
    key: 'stability',
    metrics: [
      'change-failure-rate',
      // Beside the deployment-based rate, never instead of it.
      'incident-change-failure-rate',
      'rollback-frequency',
      'rollback-duration',
      'failed-deployment-recovery-time',
    ],
  },
  { key: 'incidents', metrics: ['incident-frequency', 'time-to-restore', 'customer-impact'] },
  // What predicts the figures above: how changes are reviewed, tested and merged.
  { key: 'leading', metrics: ['review-coverage', 'test-pass-rate', 'time-to-merge'] },
  { key: 'gates', metrics: ['gate-first-pass-rate', 'approval-latency', 'waiver-rate'] },
  {
    key: 'followThrough',
    metrics: ['action-item-follow-through', 'open-action-items-carried-over'],
  },
];

/** Every metric of a scorecard as a tile; metrics no section names yet still get one. */
export function MetricTiles(props: { metrics: MetricValue[] }) {
  const { metrics } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const byId = new Map(metrics.map(m => [m.id, m]));
  const placed = new Set(SECTIONS.flatMap(s => s.metrics));
  const others = METRIC_DEFINITIONS.filter(
    d => d.id !== 'stage-time' && !placed.has(d.id) && byId.has(d.id),
  ).map(d => d.id);
  const sections = others.length
    ? [...SECTIONS, { key: 'other' as const, metrics: others }]
    : SECTIONS;
  const definitions = new Map(METRIC_DEFINITIONS.map(d => [d.id, d]));
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      {sections.map(section => (
        <Box
          key={section.key}
          component="section"
          aria-label={t(`scorecards.tiles.sections.${section.key}`)}
        >
          <Typography variant="h6" component="h2" gutterBottom>
            {t(`scorecards.tiles.sections.${section.key}`)}
          </Typography>
          <Grid container spacing={2}>
            {section.metrics.map(id => {
              const definition = definitions.get(id);
              if (!definition) return null;
              return (
                <Grid item key={id} xs={12} sm={6} md={3}>
                  <MetricTile definition={definition} metric={byId.get(id)} />
                </Grid>
              );
            })}
          </Grid>
        </Box>
      ))}
    </Box>
  );
}
