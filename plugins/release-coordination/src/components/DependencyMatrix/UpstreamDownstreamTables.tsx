import { Table, TableColumn } from '@backstage/core-components';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import { ReachedEntity } from '@release-coordination/plugin-release-coordination-common';
import { CatalogRefLink, CatalogRefLinks, sameRef, shortRef } from '../shared';
import { DependencyVia } from './DependencyVia';

type Direction = 'upstream' | 'downstream';

function columnsFor(direction: Direction, entityOwner?: string): TableColumn<ReachedEntity>[] {
  return [
    {
      title: 'Entity',
      field: 'ref',
      highlight: true,
      render: reached => <CatalogRefLink entityRef={reached.ref} />,
    },
    {
      title: 'Owner',
      field: 'owner',
      render: reached => (
        <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={6}>
          <CatalogRefLink entityRef={reached.owner ?? 'unowned'} />
          {!sameRef(reached.owner, entityOwner) && (
            <Chip size="small" color="secondary" label="Cross-team" />
          )}
        </Box>
      ),
    },
    {
      title: 'Via',
      field: 'via',
      sorting: false,
      render: reached => <DependencyVia edge={reached.via} />,
    },
    { title: 'Depth', field: 'depth', type: 'numeric', width: '80px' },
    {
      // The entities walked through: for an upstream at depth 2, the direct dependency that
      // pulls it in, so people see whom to ask.
      title: direction === 'upstream' ? 'Through' : 'Reaches it through',
      field: 'path',
      sorting: false,
      render: reached =>
        reached.path.length > 1 ? (
          <CatalogRefLinks entityRefs={reached.path.slice(0, -1)} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            direct
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
  const name = shortRef(entityRef);
  const title =
    direction === 'upstream'
      ? `Depends on (upstream): ${items.length}`
      : `Depended on by (downstream): ${items.length}`;
  const teams = crossTeamTeams(items, entityOwner);
  const subtitle =
    direction === 'upstream'
      ? `What ${name} needs deployed and healthy first; ${teams} other team(s) involved`
      : `What ${name} must not break; ${teams} other team(s) involved`;
  return (
    <Table<ReachedEntity>
      title={title}
      subtitle={subtitle}
      columns={columnsFor(direction, entityOwner)}
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
              ? `${name} depends on nothing in the catalog within ${depthLabel}.`
              : `Nothing in the catalog depends on ${name} within ${depthLabel}.`}
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
