import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { BlastRadiusGroup } from '@release-coordination/plugin-release-coordination-common';
import { DictionaryTerm } from '../DictionaryTerms';
import { CatalogRefLink, isNotFoundError, sameRef, shortRef, SnapshotAge } from '../shared';
import { useBlastRadius } from './useBlastRadius';

/** How many affected entities to list per team before "and N more". */
const ENTITIES_PER_TEAM = 5;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, 30%) 1fr 3em',
    alignItems: 'center',
    columnGap: theme.spacing(1),
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  barTrack: { height: 12, background: theme.palette.action.hover, borderRadius: 2 },
  bar: { height: '100%', background: theme.palette.secondary.main, borderRadius: 2 },
  ownBar: { background: theme.palette.grey[500] },
  count: { textAlign: 'right', fontWeight: theme.typography.fontWeightBold as number },
  entities: { gridColumn: '1 / -1', color: theme.palette.text.secondary },
}));

function TeamRow(props: { group: BlastRadiusGroup; max: number; ownTeam: boolean }) {
  const { group, max, ownTeam } = props;
  const classes = useStyles();
  const shown = group.entities.slice(0, ENTITIES_PER_TEAM);
  const more = group.entities.length - shown.length;
  return (
    <li className={classes.row} aria-label={`${shortRef(group.owner)}: ${group.entities.length}`}>
      <Box display="flex" alignItems="center" gridGap={4} flexWrap="wrap">
        <CatalogRefLink entityRef={group.owner} />
        {ownTeam && (
          <Typography variant="caption" color="textSecondary">
            (owning team)
          </Typography>
        )}
      </Box>
      <div className={classes.barTrack} aria-hidden>
        <div
          className={`${classes.bar} ${ownTeam ? classes.ownBar : ''}`}
          style={{ width: `${Math.max(4, (group.entities.length / max) * 100)}%` }}
        />
      </div>
      <span className={classes.count}>{group.entities.length}</span>
      <Typography variant="body2" component="div" className={classes.entities}>
        {shown.map((reached, index) => (
          <span key={reached.ref}>
            {index > 0 && ', '}
            <CatalogRefLink entityRef={reached.ref} />
          </span>
        ))}
        {more > 0 && ` and ${more} more`}
      </Typography>
    </li>
  );
}

/**
 * The blast radius of a change to an entity: everything that depends on it, directly or
 * transitively, grouped by the team that owns it, as a bar per team.
 */
export function BlastRadius(props: { entityRef: string; entityOwner?: string }) {
  const { entityRef, entityOwner } = props;
  const classes = useStyles();
  const { value, loading, error } = useBlastRadius(entityRef);
  const name = shortRef(entityRef);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = isNotFoundError(error) ? (
      <Typography variant="body2">{name} is not in the dependency graph yet.</Typography>
    ) : (
      <ResponseErrorPanel error={error} title="Could not load the blast radius" />
    );
  } else if (!value || value.totalCount === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No blast radius"
        description={`Nothing depends on ${name}: a change to it affects no other entity.`}
      />
    );
  } else {
    const groups = [...value.groups].sort(
      (a, b) => b.entities.length - a.entities.length || a.owner.localeCompare(b.owner),
    );
    const max = groups[0].entities.length;
    const otherTeams = groups.filter(group => !sameRef(group.owner, entityOwner)).length;
    content = (
      <>
        <Typography variant="body2" paragraph>
          A change to {name} can affect <strong>{value.totalCount}</strong> entities of{' '}
          <strong>{otherTeams}</strong> other team(s).
        </Typography>
        <ul className={classes.list} aria-label="Affected entities by team">
          {groups.map(group => (
            <TeamRow
              key={group.owner}
              group={group}
              max={max}
              ownTeam={sameRef(group.owner, entityOwner)}
            />
          ))}
        </ul>
        <Box marginTop={1}>
          <SnapshotAge snapshot={value.snapshot} />
        </Box>
      </>
    );
  }
  return (
    <InfoCard
      title={<DictionaryTerm id="blast-radius">Blast radius</DictionaryTerm>}
      subheader="Who is affected when this changes: direct and transitive dependents by team"
    >
      {content}
    </InfoCard>
  );
}
