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
import { CatalogRefLink, CatalogRefLinks, formatDate, LoadedContent } from '../shared';
import { useDependencyDrift } from './useDependencyDrift';

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
function pointLabel(point: DependencyDriftPoint, stages: TrainStage[]): string {
  if (point.kind === 'released') return 'Released';
  if (point.kind === 'now') return 'Now';
  return stages.find(stage => stage.name === point.stage)?.title ?? point.stage ?? '';
}

/** `Planning → Integration`, the name of a step. */
function stepLabel(step: DependencyDriftStep, stages: TrainStage[]): string {
  return `${pointLabel(step.from, stages)} → ${pointLabel(step.to, stages)}`;
}

function EdgeChange(props: { edge: DependencyDriftEdge; change: 'added' | 'removed' }) {
  const { edge, change } = props;
  const classes = useStyles();
  return (
    <Typography component="li" variant="body2" className={`${classes.edge} ${classes[change]}`}>
      <span className={classes.marker} aria-hidden>
        {change === 'added' ? '+' : '−'}
      </span>
      <CatalogRefLink entityRef={edge.from} />
      {change === 'added' ? ' now depends on ' : ' no longer depends on '}
      <CatalogRefLink entityRef={edge.to} />
    </Typography>
  );
}

function DriftStep(props: { step: DependencyDriftStep; stages: TrainStage[] }) {
  const { step, stages } = props;
  const classes = useStyles();
  const label = stepLabel(step, stages);
  // The present point shows the catalog as of when its graph was derived.
  const when =
    step.to.kind === 'now' ? `catalog as of ${formatDate(step.to.at)}` : formatDate(step.to.at);
  const unchanged = step.added.length === 0 && step.removed.length === 0;
  return (
    <li className={classes.step} aria-label={label}>
      <Box display="flex" alignItems="baseline" flexWrap="wrap" gridGap={8}>
        <Typography variant="subtitle2" component="h3">
          {label} (<time dateTime={step.to.at}>{when}</time>)
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {`dependency graph v${step.from.dependencySnapshotVersion} → ` +
            `v${step.to.dependencySnapshotVersion}`}
        </Typography>
      </Box>
      {step.joined && (
        <Typography variant="body2">
          Joined the train: <CatalogRefLinks entityRefs={step.joined} />
        </Typography>
      )}
      {step.left && (
        <Typography variant="body2">
          Left the train: <CatalogRefLinks entityRefs={step.left} />
        </Typography>
      )}
      {unchanged ? (
        <Typography variant="body2" color="textSecondary">
          No change in the dependencies among participants.
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
  if (drift.steps.every(step => step.added.length === 0 && step.removed.length === 0)) {
    return (
      <Typography variant="body2">
        No drift: the dependencies among participants are the same since the train was created.
      </Typography>
    );
  }
  return (
    <ol className={classes.steps} aria-label="Dependency drift by stage">
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
  return (
    <InfoCard
      title="Dependency drift"
      subheader="What changed in who depends on whom among the participants, stage by stage"
    >
      <LoadedContent
        state={state}
        errorTitle="Could not load the dependency drift"
        isEmpty={drift => drift.steps.length === 0}
        empty={
          <Typography variant="body2">Drift appears once the train has changed stage.</Typography>
        }
      >
        {drift => <DriftSteps drift={drift} stages={train.stages} />}
      </LoadedContent>
    </InfoCard>
  );
}
