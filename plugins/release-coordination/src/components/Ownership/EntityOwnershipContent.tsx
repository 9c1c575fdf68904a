import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  Grid,
  Link,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  DependencyGroup,
  OwnershipInfo,
} from '@release-coordination/plugin-release-coordination-common';
import {
  CatalogRefLink,
  isNotFoundError,
  NotInGraphState,
  shortRef,
  SnapshotAge,
} from '../shared';
import { kindOfEntity } from '../../filters';
import { DictionaryTerm } from '../DictionaryTerms';
import { useOwnership } from './useOwnership';

const useStyles = makeStyles(theme => ({
  chain: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    gap: theme.spacing(0.5),
  },
  step: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  stepType: { color: theme.palette.text.secondary },
  separator: { color: theme.palette.text.secondary },
}));

function groupLabel(group: DependencyGroup): string | undefined {
  return group.type ? `(${group.type})` : undefined;
}

function OwnerCard(props: { ownership: OwnershipInfo; isGroup: boolean }) {
  const { ownership, isGroup } = props;
  const { owner, ownerGroup: group, members } = ownership;
  // An owner that is neither a known group nor a known user has no page to link to.
  const known = !!group || members.some(member => member.ref === owner);
  return (
    <InfoCard title={<DictionaryTerm id="owner">Owner</DictionaryTerm>} variant="gridItem">
      {owner ? (
        <>
          <Typography variant="h6" component="p">
            <CatalogRefLink entityRef={owner} linkable={known} />
          </Typography>
          {!known && (
            <Typography variant="body2" color="error">
              Not in the catalog
            </Typography>
          )}
          {group && (
            <Typography variant="body2" color="textSecondary">
              {group.title ? `${group.title} · ` : ''}
              {group.type ?? 'group'} with {group.members.length} member(s)
            </Typography>
          )}
          {isGroup && (
            <Typography variant="body2" color="textSecondary">
              This is the team itself.
            </Typography>
          )}
        </>
      ) : (
        <Typography variant="body2">The catalog names no owner for this entity.</Typography>
      )}
    </InfoCard>
  );
}

function MembersCard(props: { ownership: OwnershipInfo }) {
  const { members, owner, ownerGroup } = props.ownership;
  return (
    <InfoCard
      title={`Members (${members.length})`}
      subheader={owner ? `Who can approve for ${shortRef(owner)}` : undefined}
      variant="gridItem"
    >
      {members.length === 0 ? (
        <Typography variant="body2">
          {ownerGroup
            ? 'The owning group has no members in the catalog: nobody can approve its gates.'
            : 'No known owner group, so no members to contact.'}
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Owner group members">
          {members.map(member => (
            <ListItem key={member.ref} disableGutters>
              <ListItemText
                primary={<CatalogRefLink entityRef={member.ref} />}
                secondary={
                  member.email ? (
                    // A plain anchor: core-components' Link treats mailto as a new window.
                    <Link href={`mailto:${member.email}`}>{member.email}</Link>
                  ) : (
                    'no email in the catalog'
                  )
                }
                secondaryTypographyProps={{ component: 'span' }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

function EscalationPathCard(props: { ownership: OwnershipInfo }) {
  const { ownership } = props;
  const classes = useStyles();
  const chain: DependencyGroup[] = [
    ...(ownership.ownerGroup ? [ownership.ownerGroup] : []),
    ...ownership.escalationPath,
  ];
  return (
    <InfoCard
      title={<DictionaryTerm id="escalation-path">Escalation path</DictionaryTerm>}
      subheader="The owning team, then its parent groups, nearest first"
      variant="gridItem"
    >
      {chain.length === 0 ? (
        <Typography variant="body2">
          No owning group in the catalog, so there is nobody to escalate to.
        </Typography>
      ) : (
        <>
          <ol className={classes.chain} aria-label="Escalation path, nearest first">
            {chain.map((group, index) => (
              <li key={group.ref} className={classes.step}>
                {index > 0 && <ChevronRightIcon className={classes.separator} aria-hidden />}
                <CatalogRefLink entityRef={group.ref} />
                {groupLabel(group) && (
                  <Typography variant="caption" className={classes.stepType}>
                    {groupLabel(group)}
                  </Typography>
                )}
              </li>
            ))}
          </ol>
          {ownership.escalationPath.length === 0 && (
            <Box marginTop={1}>
              <Typography variant="body2" color="textSecondary">
                The owning group has no parent group in the catalog.
              </Typography>
            </Box>
          )}
        </>
      )}
    </InfoCard>
  );
}

function TeamsCard(props: {
  title: string;
  subheader: string;
  teams: Array<{ team: string; count: number }>;
  empty: string;
}) {
  const { title, subheader, teams, empty } = props;
  const sorted = [...teams].sort((a, b) => b.count - a.count || a.team.localeCompare(b.team));
  return (
    <InfoCard title={`${title} (${teams.length})`} subheader={subheader} variant="gridItem">
      {sorted.length === 0 ? (
        <Typography variant="body2">{empty}</Typography>
      ) : (
        <List dense disablePadding aria-label={title}>
          {sorted.map(({ team, count }) => (
            <ListItem key={team} disableGutters>
              <ListItemText
                primary={<CatalogRefLink entityRef={team} />}
                secondary={`${count} ${count === 1 ? 'dependency' : 'dependencies'}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

function OwnedEntitiesCard(props: { owns: string[] }) {
  const { owns } = props;
  return (
    <InfoCard
      title={`Owns (${owns.length})`}
      subheader="Components and resources in the dependency graph"
    >
      {owns.length === 0 ? (
        <Typography variant="body2">This group owns no components or resources.</Typography>
      ) : (
        <Box display="flex" flexWrap="wrap" gridGap={12}>
          {owns.map(ref => (
            <CatalogRefLink key={ref} entityRef={ref} />
          ))}
        </Box>
      )}
    </InfoCard>
  );
}

/** The ownership of an entity as the release process sees it; for the Ownership tab. */
export function OwnershipView(props: { entityRef: string; isGroup: boolean }) {
  const { entityRef, isGroup } = props;
  const { value, loading, error } = useOwnership(entityRef);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return isNotFoundError(error) ? (
      <NotInGraphState entityRef={entityRef} />
    ) : (
      <ResponseErrorPanel error={error} title="Could not load the ownership" />
    );
  }
  if (!value) {
    return <NotInGraphState entityRef={entityRef} />;
  }

  const { ownership } = value;
  const name = shortRef(entityRef);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <SnapshotAge snapshot={value.snapshot} />
      </Grid>
      {ownership.warnings.length > 0 && (
        <Grid item xs={12}>
          <Box display="flex" flexDirection="column" gridGap={8}>
            {ownership.warnings.map(warning => (
              <Alert severity="warning" key={warning}>
                <AlertTitle>Ownership problem</AlertTitle>
                {warning}
              </Alert>
            ))}
          </Box>
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <OwnerCard ownership={ownership} isGroup={isGroup} />
      </Grid>
      <Grid item xs={12} md={8}>
        <EscalationPathCard ownership={ownership} />
      </Grid>
      <Grid item xs={12} md={4}>
        <MembersCard ownership={ownership} />
      </Grid>
      <Grid item xs={12} md={4}>
        <TeamsCard
          title="Depends on teams"
          subheader={`Teams whose entities ${name} needs`}
          teams={ownership.dependsOnTeams}
          empty={`${name} depends on no other team.`}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <TeamsCard
          title="Depended on by teams"
          subheader={`Teams whose entities need ${name}`}
          teams={ownership.dependedOnByTeams}
          empty={`No other team depends on ${name}.`}
        />
      </Grid>
      {isGroup && (
        <Grid item xs={12}>
          <OwnedEntitiesCard owns={ownership.owns} />
        </Grid>
      )}
    </Grid>
  );
}

/**
 * The Ownership tab of an entity page: owner, owner group members with contacts, escalation
 * path, the teams it depends on and that depend on it, and ownership warnings.
 */
export function EntityOwnershipContent() {
  const { entity } = useEntity();
  // The dependency graph keeps refs lowercase; catalog refs compare case-insensitively.
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  return (
    <OwnershipView
      entityRef={entityRef}
      isGroup={kindOfEntity(entity) === 'group'}
    />
  );
}
