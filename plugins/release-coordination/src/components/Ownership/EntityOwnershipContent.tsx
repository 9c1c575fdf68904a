import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { releaseCoordinationTranslationRef } from '../../translations';
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  // An owner that is neither a known group nor a known user has no page to link to.
  const known = !!group || members.some(member => member.ref === owner);
  return (
    <InfoCard
      title={<DictionaryTerm id="owner">{t('ownership.owner.title')}</DictionaryTerm>}
      variant="gridItem"
    >
      {owner ? (
        <>
          <Typography variant="h6" component="p">
            <CatalogRefLink entityRef={owner} linkable={known} />
          </Typography>
          {!known && (
            <Typography variant="body2" color="error">
              {t('ownership.owner.notInCatalog')}
            </Typography>
          )}
          {group && (
            <Typography variant="body2" color="textSecondary">
              {group.title
                ? t('ownership.owner.groupSummaryTitled', {
                    title: group.title,
                    type: group.type ?? t('ownership.owner.group'),
                    count: group.members.length,
                  })
                : t('ownership.owner.groupSummary', {
                    type: group.type ?? t('ownership.owner.group'),
                    count: group.members.length,
                  })}
            </Typography>
          )}
          {isGroup && (
            <Typography variant="body2" color="textSecondary">
              {t('ownership.owner.isTeam')}
            </Typography>
          )}
        </>
      ) : (
        <Typography variant="body2">{t('ownership.owner.none')}</Typography>
      )}
    </InfoCard>
  );
}

function MembersCard(props: { ownership: OwnershipInfo }) {
  const { members, owner, ownerGroup } = props.ownership;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard
      title={t('ownership.members.title', { count: members.length })}
      subheader={
        owner ? t('ownership.members.subheader', { owner: shortRef(owner, t) }) : undefined
      }
      variant="gridItem"
    >
      {members.length === 0 ? (
        <Typography variant="body2">
          {ownerGroup ? t('ownership.members.noMembers') : t('ownership.members.noGroup')}
        </Typography>
      ) : (
        <List dense disablePadding aria-label={t('ownership.members.listLabel')}>
          {members.map(member => (
            <ListItem key={member.ref} disableGutters>
              <ListItemText
                primary={<CatalogRefLink entityRef={member.ref} />}
                secondary={
                  member.email ? (
                    // A plain anchor: core-components' Link treats mailto as a new window.
                    <Link href={`mailto:${member.email}`}>{member.email}</Link>
                  ) : (
                    t('ownership.members.noEmail')
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const chain: DependencyGroup[] = [
    ...(ownership.ownerGroup ? [ownership.ownerGroup] : []),
    ...ownership.escalationPath,
  ];
  return (
    <InfoCard
      title={
        <DictionaryTerm id="escalation-path">{t('ownership.escalation.title')}</DictionaryTerm>
      }
      subheader={t('ownership.escalation.subheader')}
      variant="gridItem"
    >
      {chain.length === 0 ? (
        <Typography variant="body2">
          {t('ownership.escalation.none')}
        </Typography>
      ) : (
        <>
          <ol className={classes.chain} aria-label={t('ownership.escalation.listLabel')}>
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
                {t('ownership.escalation.noParent')}
              </Typography>
            </Box>
          )}
        </>
      )}
    </InfoCard>
  );
}

function TeamsCard(props: {
  /** Which way the dependencies go. */
  direction: 'dependsOn' | 'dependedOnBy';
  /** The entity's short name. */
  name: string;
  teams: Array<{ team: string; count: number }>;
}) {
  const { direction, name, teams } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const title = t(`ownership.teams.${direction}.title`);
  const sorted = [...teams].sort((a, b) => b.count - a.count || a.team.localeCompare(b.team));
  return (
    <InfoCard
      title={t(`ownership.teams.${direction}.titleWithCount`, { count: teams.length })}
      subheader={t(`ownership.teams.${direction}.subheader`, { name })}
      variant="gridItem"
    >
      {sorted.length === 0 ? (
        <Typography variant="body2">{t(`ownership.teams.${direction}.empty`, { name })}</Typography>
      ) : (
        <List dense disablePadding aria-label={title}>
          {sorted.map(({ team, count }) => (
            <ListItem key={team} disableGutters>
              <ListItemText
                primary={<CatalogRefLink entityRef={team} />}
                secondary={t('ownership.teams.dependencies', { count })}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard
      title={t('ownership.owns.title', { count: owns.length })}
      subheader={t('ownership.owns.subheader')}
    >
      {owns.length === 0 ? (
        <Typography variant="body2">{t('ownership.owns.none')}</Typography>
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value, loading, error } = useOwnership(entityRef);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return isNotFoundError(error) ? (
      <NotInGraphState entityRef={entityRef} />
    ) : (
      <ResponseErrorPanel error={error} title={t('ownership.loadError')} />
    );
  }
  if (!value) {
    return <NotInGraphState entityRef={entityRef} />;
  }

  const { ownership } = value;
  const name = shortRef(entityRef, t);
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
                <AlertTitle>{t('ownership.warningTitle')}</AlertTitle>
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
        <TeamsCard direction="dependsOn" name={name} teams={ownership.dependsOnTeams} />
      </Grid>
      <Grid item xs={12} md={4}>
        <TeamsCard
          direction="dependedOnBy"
          name={name}
          teams={ownership.dependedOnByTeams}
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
