import { makeStyles, Typography } from '@material-ui/core';
import { DependencySnapshotInfo } from '@release-coordination/plugin-release-coordination-common';

const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** "3 minutes ago" for an age in seconds; coarse, as the graph refreshes on a schedule. */
export function formatSnapshotAge(ageSeconds: number): string {
  const seconds = Math.max(0, Math.round(ageSeconds));
  if (seconds < 60) {
    return 'less than a minute ago';
  }
  if (seconds < 3600) {
    return relativeTime.format(-Math.floor(seconds / 60), 'minute');
  }
  if (seconds < 86400) {
    return relativeTime.format(-Math.floor(seconds / 3600), 'hour');
  }
  return relativeTime.format(-Math.floor(seconds / 86400), 'day');
}

const useStyles = makeStyles({
  // The details matter less than the age: they may wrap onto their own line.
  details: { display: 'inline-block' },
});

/**
 * How old the dependency data on screen is. Every dependency view shows it, because the graph
 * is a snapshot of the catalog and a catalog change appears only after the next refresh.
 */
export function SnapshotAge(props: { snapshot: DependencySnapshotInfo }) {
  const { snapshot } = props;
  const classes = useStyles();
  const derivedAt = new Date(snapshot.derivedAt);
  return (
    <Typography variant="body2" color="textSecondary" data-testid="snapshot-age">
      Derived from the catalog{' '}
      <time dateTime={snapshot.derivedAt} title={derivedAt.toLocaleString()}>
        {formatSnapshotAge(snapshot.ageSeconds)}
      </time>{' '}
      <span className={classes.details}>
        (snapshot {snapshot.version}: {snapshot.nodeCount} entities,{' '}
        {snapshot.edgeCount} dependencies, {snapshot.problemCount} problems)
      </span>
    </Typography>
  );
}
