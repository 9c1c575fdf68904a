import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { BlastRadiusGroup } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const shown = group.entities.slice(0, ENTITIES_PER_TEAM);
  const more = group.entities.length - shown.length;
  const entities = shown.map((reached, index) => (
    <span key={reached.ref}>
      {index > 0 && ', '}
      <CatalogRefLink entityRef={reached.ref} />
    </span>
  ));
  return (
    <li
      className={classes.row}
      aria-label={t('dependencies.blastRadius.teamLabel', {
        team: shortRef(group.owner, t),
        count: group.entities.length,
      })}
    >
      <Box display="flex" alignItems="center" gridGap={4} flexWrap="wrap">
        <CatalogRefLink entityRef={group.owner} />
        {ownTeam && (
          <Typography variant="caption" color="textSecondary">
            {t('dependencies.blastRadius.owningTeam')}
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
        {more > 0
          ? t('dependencies.blastRadius.andMore', { entities: <>{entities}</>, count: more })
          : entities}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value, loading, error } = useBlastRadius(entityRef);
  const name = shortRef(entityRef, t);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = isNotFoundError(error) ? (
      <Typography variant="body2">
        {t('dependencies.blastRadius.notInGraph', { name })}
      </Typography>
    ) : (
      <ResponseErrorPanel error={error} title={t('dependencies.blastRadius.loadError')} />
    );
  } else if (!value || value.totalCount === 0) {
    content = (
      <EmptyState
        missing="data"
        title={t('dependencies.blastRadius.emptyTitle')}
        description={t('dependencies.blastRadius.emptyDescription', { name })}
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
          {t('dependencies.blastRadius.summary', {
            name,
            entities: <strong>{value.totalCount}</strong>,
            teams: <strong>{otherTeams}</strong>,
          })}
        </Typography>
        <ul className={classes.list} aria-label={t('dependencies.blastRadius.listLabel')}>
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
      title={
        <DictionaryTerm id="blast-radius">{t('dependencies.blastRadius.title')}</DictionaryTerm>
      }
      subheader={t('dependencies.blastRadius.subheader')}
    >
      {content}
    </InfoCard>
  );
}
