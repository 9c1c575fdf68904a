import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import { ReachedEntity } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogRefLink,
  CatalogRefLinks,
  ReleaseCoordinationT,
  sameRef,
  shortRef,
} from '../shared';
import { DependencyVia } from './DependencyVia';

type Direction = 'upstream' | 'downstream';

function columnsFor(
  direction: Direction,
  t: ReleaseCoordinationT,
  entityOwner?: string,
): TableColumn<ReachedEntity>[] {
  return [
    {
      title: t('dependencies.tables.columns.entity'),
      field: 'ref',
      highlight: true,
      render: reached => <CatalogRefLink entityRef={reached.ref} />,
    },
    {
      title: t('dependencies.tables.columns.owner'),
      field: 'owner',
      render: reached => (
        <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={6}>
          <CatalogRefLink entityRef={reached.owner ?? 'unowned'} />
          {!sameRef(reached.owner, entityOwner) && (
            <Chip size="small" color="secondary" label={t('dependencies.tables.crossTeam')} />
          )}
        </Box>
      ),
    },
    {
      title: t('dependencies.tables.columns.via'),
      field: 'via',
      sorting: false,
      render: reached => <DependencyVia edge={reached.via} />,
    },
    {
      title: t('dependencies.tables.columns.depth'),
      field: 'depth',
      type: 'numeric',
      width: '80px',
    },
    {
      // The entities walked through: for an upstream at depth 2, the direct dependency that
      // pulls it in, so people see whom to ask.
      title:
        direction === 'upstream'
          ? t('dependencies.tables.columns.through')
          : t('dependencies.tables.columns.reachesThrough'),
      field: 'path',
      sorting: false,
      render: reached =>
        reached.path.length > 1 ? (
          <CatalogRefLinks entityRefs={reached.path.slice(0, -1)} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('dependencies.tables.direct')}
          </Typography>
        ),
    },
  ];
}

function crossTeamTeams(items: ReachedEntity[], entityOwner?: string): number {
  return new Set(
    items.filter(item => !sameRef(item.owner, entityOwner)).map(item => item.owner ?? 'unowned'),
  ).size;
}

function DependencyTable(props: {
  direction: Direction;
  entityRef: string;
  entityOwner?: string;
  items: ReachedEntity[];
  depthLabel: string;
}) {
  const { direction, entityRef, entityOwner, items, depthLabel } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const name = shortRef(entityRef, t);
  const title =
    direction === 'upstream'
      ? t('dependencies.tables.upstreamTitle', { count: items.length })
      : t('dependencies.tables.downstreamTitle', { count: items.length });
  const teams = crossTeamTeams(items, entityOwner);
  const subtitle =
    direction === 'upstream'
      ? t('dependencies.tables.upstreamSubtitle', { name, count: teams })
      : t('dependencies.tables.downstreamSubtitle', { name, count: teams });
  return (
    <Table<ReachedEntity>
      title={title}
      subtitle={subtitle}
      columns={columnsFor(direction, t, entityOwner)}
      data={[...items].sort((a, b) => a.depth - b.depth || a.ref.localeCompare(b.ref))}
      options={{
        paging: items.length > 10,
        pageSize: 10,
        search: items.length > 10,
        padding: 'dense',
      }}
      emptyContent={
        <Box padding={2}>
          <Typography variant="body2" color="textSecondary">
            {direction === 'upstream'
              ? t('dependencies.tables.upstreamEmpty', { name, depth: depthLabel })
              : t('dependencies.tables.downstreamEmpty', { name, depth: depthLabel })}
          </Typography>
        </Box>
      }
    />
  );
}

/**
 * The entity's upstream ("depends on") and downstream ("depended on by") entities, each with
 * its owner, the relation that links them and how many hops away it is.
 */
export function UpstreamDownstreamTables(props: {
  entityRef: string;
  entityOwner?: string;
  upstream: ReachedEntity[];
  downstream: ReachedEntity[];
  depthLabel: string;
}) {
  const { upstream, downstream, ...rest } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <DependencyTable direction="upstream" items={upstream} {...rest} />
      </Grid>
      <Grid item xs={12}>
        <DependencyTable direction="downstream" items={downstream} {...rest} />
      </Grid>
    </Grid>
  );
}
