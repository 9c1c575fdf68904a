import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  Box,
  FormControlLabel,
  Grid,
  MenuItem,
  Switch,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { TeamMatrixResponse } from '@release-coordination/plugin-release-coordination-common';
import { useId, useMemo, useState } from 'react';
import { DictionaryTerm } from '../DictionaryTerms';
import {
  CatalogRefLinks,
  isNotFoundError,
  NotDerivedYetState,
  NotInGraphState,
  shortRef,
  SnapshotAge,
} from '../shared';
import { DependencyEdgesTable } from './DependencyEdgesTable';
import { buildHeatmapModel } from './teamMatrixModel';
import { TeamMatrixCellSelection, TeamMatrixHeatmap } from './TeamMatrixHeatmap';
import { useTeamMatrix } from './useTeamMatrix';

/** Choices for how many teams get their own row; beyond 100 the grid is no longer readable. */
export const TOP_TEAM_CHOICES = [10, 25, 50, 100];
export const DEFAULT_TOP_TEAMS = 25;

function ScopeSummary(props: { response: TeamMatrixResponse; shownTeams: number }) {
  const { response, shownTeams } = props;
  return (
    <Typography variant="body2">
      <strong>{response.nodeCount}</strong> entities of{' '}
      <strong>{response.matrix.teams.length}</strong> teams,{' '}
      <strong>{response.edgeCount}</strong> dependencies of which{' '}
      <strong>{response.crossTeamEdgeCount}</strong> cross team boundaries. Showing{' '}
      {shownTeams} of {response.matrix.teams.length} teams.
    </Typography>
  );
}

function ScopeProblems(props: { response: TeamMatrixResponse }) {
  const { cycles, unowned } = props.response;
  return (
    <>
      {cycles.map(cycle => (
        <Alert severity="error" key={cycle.join(',')}>
          <AlertTitle>Dependency cycle</AlertTitle>
          <CatalogRefLinks entityRefs={cycle} /> depend on each other in a circle: no deployment
          order ships one before the others, so they must be released together or the cycle
          broken.
        </Alert>
      ))}
      {unowned.length > 0 && (
        <Alert severity="warning">
          <AlertTitle>{unowned.length} entities without a known owner</AlertTitle>
          <CatalogRefLinks entityRefs={unowned} />: their dependencies count under “No owner”,
          and nobody can approve their gates until the catalog names an owner that exists.
        </Alert>
      )}
    </>
  );
}

/**
 * The dependency matrix of a System, Domain or Group: who depends on whom across teams, as a
 * heat map that drills down into the edges behind a cell.
 */
export function ScopeDependencyMatrix(props: { scope: string }) {
  const { scope } = props;
  const { value, loading, error } = useTeamMatrix(scope);
  const [crossTeamOnly, setCrossTeamOnly] = useState(false);
  const [topN, setTopN] = useState(DEFAULT_TOP_TEAMS);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<TeamMatrixCellSelection>();
  // Ids tie the labels to their inputs, which gives the inputs their accessible names.
  const topNId = useId();
  const filterId = useId();

  const model = useMemo(
    () => value && buildHeatmapModel(value.matrix, { topN, filter, crossTeamOnly }),
    [value, topN, filter, crossTeamOnly],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return isNotFoundError(error) ? (
      <NotInGraphState entityRef={scope} />
    ) : (
      <ResponseErrorPanel error={error} title="Could not load the dependency matrix" />
    );
  }
  if (!value || !model) {
    return <NotDerivedYetState />;
  }
  if (value.snapshot.nodeCount === 0) {
    return <NotDerivedYetState />;
  }

  const shownTeams = model.teams.filter(team => team.kind !== 'other').length;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <SnapshotAge snapshot={value.snapshot} />
      </Grid>
      {(value.cycles.length > 0 || value.unowned.length > 0) && (
        <Grid item xs={12}>
          <Box display="flex" flexDirection="column" gridGap={8}>
            <ScopeProblems response={value} />
          </Box>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title={<DictionaryTerm id="dependency-matrix">Team dependency matrix</DictionaryTerm>}
          subheader={`Which teams of ${shortRef(scope)} depend on which, by number of dependencies`}
        >
          {value.edgeCount === 0 ? (
            <EmptyState
              missing="data"
              title="No dependencies in this scope"
              description={
                `The entities of ${shortRef(scope)} neither depend on anything nor are ` +
                'depended on, as far as the catalog says (dependsOn, providesApi/consumesApi).'
              }
            />
          ) : (
            <>
              <ScopeSummary response={value} shownTeams={shownTeams} />
              <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16} marginY={2}>
                <FormControlLabel
                  control={
                    <Switch
                      checked={crossTeamOnly}
                      onChange={event => {
                        setCrossTeamOnly(event.target.checked);
                        setSelected(undefined);
                      }}
                      color="primary"
                    />
                  }
                  label="Cross-team only"
                />
                <TextField
                  id={topNId}
                  select
                  label="Teams shown"
                  value={topN}
                  onChange={event => setTopN(Number(event.target.value))}
                  variant="outlined"
                  size="small"
                  style={{ minWidth: 140 }}
                  helperText="Busiest teams; the rest are summed"
                >
                  {TOP_TEAM_CHOICES.map(choice => (
                    <MenuItem key={choice} value={choice}>
                      Top {choice}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  id={filterId}
                  label="Filter teams"
                  value={filter}
                  onChange={event => setFilter(event.target.value)}
                  variant="outlined"
                  size="small"
                  helperText={`${model.matchingTeams} of ${model.totalTeams} teams match`}
                />
              </Box>
              {model.teams.length === 0 ? (
                <Typography variant="body2">
                  No team matches “{filter}”{crossTeamOnly ? ' with cross-team dependencies' : ''}.
                </Typography>
              ) : (
                <TeamMatrixHeatmap
                  model={model}
                  selected={selected}
                  onSelectCell={setSelected}
                />
              )}
            </>
          )}
        </InfoCard>
      </Grid>
      {selected && (
        <Grid item xs={12}>
          <DependencyEdgesTable
            // A new cell or toggle starts again at the first page.
            key={`${selected.fromTeam}|${selected.toTeam}|${crossTeamOnly}`}
            scope={scope}
            fromTeam={selected.fromTeam}
            toTeam={selected.toTeam}
            crossTeamOnly={crossTeamOnly}
            onClose={() => setSelected(undefined)}
          />
        </Grid>
      )}
    </Grid>
  );
}
