import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { InfoCard } from '@backstage/core-components';
import { Box, makeStyles, Typography } from '@material-ui/core';
import {
  DependencyDriftEdge,
  DependencyDriftPoint,
  DependencyDriftStep,
  TrainDependencyDrift,
  TrainDetail,
  TrainStage,
} from '@release-coordination/plugin-release-coordination-common';
import {
  CatalogRefLink,
  CatalogRefLinks,
  formatDate,
  LoadedContent,
  type ReleaseCoordinationT,
} from '../shared';
import { useDependencyDrift } from './useDependencyDrift';
import { releaseCoordinationTranslationRef } from '../../translations';

const useStyles = makeStyles(theme => ({
  steps: { listStyle: 'none', margin: 0, padding: 0 },
  step: {
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  edges: { listStyle: 'none', margin: theme.spacing(0.5, 0, 0, 0), padding: 0 },
  edge: { padding: theme.spacing(0.25, 0) },
  // A darker green than `main`, so that the text stays readable on a light card.
  added: {
    color: theme.palette.type === 'dark' ? theme.palette.success.light : theme.palette.success.dark,
  },
  removed: { color: theme.palette.text.secondary, textDecoration: 'line-through' },
  marker: { display: 'inline-block', width: '1.5em', fontWeight: 600 },
}));

/** A point as people name it: the stage the train entered, "Released" or "Now". */
function pointLabel(
  point: DependencyDriftPoint,
  stages: TrainStage[],
  t: ReleaseCoordinationT,
): string {
  if (point.kind === 'released') return t('trainPage.drift.released');
  if (point.kind === 'now') return t('trainPage.drift.now');
  return stages.find(stage => stage.name === point.stage)?.title ?? point.stage ?? '';
}

/** `Planning → Integration`, the name of a step. */
function stepLabel(
  step: DependencyDriftStep,
  stages: TrainStage[],
  t: ReleaseCoordinationT,
): string {
  return t('trainPage.drift.step', {
    from: pointLabel(step.from, stages, t),
    to: pointLabel(step.to, stages, t),
  });
}

function EdgeChange(props: { edge: DependencyDriftEdge; change: 'added' | 'removed' }) {
  const { edge, change } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  return (
    <Typography component="li" variant="body2" className={`${classes.edge} ${classes[change]}`}>
      <span className={classes.marker} aria-hidden>
        {change === 'added' ? '+' : '−'}
      </span>
      {t(change === 'added' ? 'trainPage.drift.added' : 'trainPage.drift.removed', {
        from: <CatalogRefLink entityRef={edge.from} />,
        to: <CatalogRefLink entityRef={edge.to} />,
      })}
    </Typography>
  );
}

function DriftStep(props: { step: DependencyDriftStep; stages: TrainStage[] }) {
  const { step, stages } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const label = stepLabel(step, stages, t);
  // The present point shows the catalog as of when its graph was derived.
  const when =
    step.to.kind === 'now'
      ? t('trainPage.drift.catalogAsOf', { date: formatDate(step.to.at) })
      : formatDate(step.to.at);
  const unchanged = step.added.length === 0 && step.removed.length === 0;
  return (
    <li className={classes.step} aria-label={label}>
      <Box display="flex" alignItems="baseline" flexWrap="wrap" gridGap={8}>
        <Typography variant="subtitle2" component="h3">
          {label} (<time dateTime={step.to.at}>{when}</time>)
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {t('trainPage.drift.graphVersions', {
            from: String(step.from.dependencySnapshotVersion),
            to: String(step.to.dependencySnapshotVersion),
          })}
        </Typography>
      </Box>
      {step.joined && (
        <Typography variant="body2">
          {t('trainPage.drift.joined', { entities: <CatalogRefLinks entityRefs={step.joined} /> })}
        </Typography>
      )}
      {step.left && (
        <Typography variant="body2">
          {t('trainPage.drift.left', { entities: <CatalogRefLinks entityRefs={step.left} /> })}
        </Typography>
      )}
      {unchanged ? (
        <Typography variant="body2" color="textSecondary">
          {t('trainPage.drift.unchanged')}
        </Typography>
      ) : (
        <ul className={classes.edges}>
          {step.added.map(edge => (
            <EdgeChange key={`+${edge.from} ${edge.to}`} edge={edge} change="added" />
          ))}
          {step.removed.map(edge => (
            <EdgeChange key={`-${edge.from} ${edge.to}`} edge={edge} change="removed" />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The steps from stage to stage, or that none of them changed a dependency. */
function DriftSteps(props: { drift: TrainDependencyDrift; stages: TrainStage[] }) {
  const { drift, stages } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  if (drift.steps.every(step => step.added.length === 0 && step.removed.length === 0)) {
    return (
      <Typography variant="body2">
        {t('trainPage.drift.none')}
      </Typography>
    );
  }
  return (
    <ol className={classes.steps} aria-label={t('trainPage.drift.label')}>
      {drift.steps.map((step, index) => (
        <DriftStep key={index} step={step} stages={stages} />
      ))}
    </ol>
  );
}

/**
 * How the dependencies among a train's participants changed from stage to stage and since the
 * last stage change: an edge that appears may change the deployment order the train planned
 * with, one that disappears may free a participant to ship earlier.
 */
export function DependencyDriftCard(props: { train: TrainDetail }) {
  const { train } = props;
  const state = useDependencyDrift(train);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard title={t('trainPage.drift.title')} subheader={t('trainPage.drift.subheader')}>
      <LoadedContent
        state={state}
        errorTitle={t('trainPage.drift.loadError')}
        isEmpty={drift => drift.steps.length === 0}
        empty={
          <Typography variant="body2">{t('trainPage.drift.empty')}</Typography>
        }
      >
        {drift => <DriftSteps drift={drift} stages={train.stages} />}
      </LoadedContent>
    </InfoCard>
  );
}
