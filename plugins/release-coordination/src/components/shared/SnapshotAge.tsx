import { makeStyles, Typography } from '@material-ui/core';
import { DependencySnapshotInfo } from '@release-coordination/plugin-release-coordination-common';
import { englishT, ReleaseCoordinationT, usePluginTranslation } from './translation';

/** "3 minutes ago" for an age in seconds; coarse, as the graph refreshes on a schedule. */
export function formatSnapshotAge(ageSeconds: number, t: ReleaseCoordinationT = englishT): string {
  const seconds = Math.max(0, Math.round(ageSeconds));
  if (seconds < 60) {
    return t('shared.snapshotAge.lessThanAMinute');
  }
  if (seconds < 3600) {
    return t('shared.snapshotAge.minutes', { count: Math.floor(seconds / 60) });
  }
  if (seconds < 86400) {
    return t('shared.snapshotAge.hours', { count: Math.floor(seconds / 3600) });
  }
  return t('shared.snapshotAge.days', { count: Math.floor(seconds / 86400) });
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
  const { t } = usePluginTranslation();
  const derivedAt = new Date(snapshot.derivedAt);
  return (
    <Typography variant="body2" color="textSecondary" data-testid="snapshot-age">
      {t('shared.snapshotAge.derived', {
        age: (
          <time dateTime={snapshot.derivedAt} title={derivedAt.toLocaleString()}>
            {formatSnapshotAge(snapshot.ageSeconds, t)}
          </time>
        ),
        details: (
          <span className={classes.details}>
            {t('shared.snapshotAge.details', {
              version: String(snapshot.version),
              nodeCount: String(snapshot.nodeCount),
              edgeCount: String(snapshot.edgeCount),
              problemCount: String(snapshot.problemCount),
            })}
          </span>
        ),
      })}
    </Typography>
  );
}
