import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { releaseCoordinationTranslationRef } from '../../translations';
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Typography variant="body2">
      {t('dependencies.scope.summary', {
        entities: <strong>{response.nodeCount}</strong>,
        teams: <strong>{response.matrix.teams.length}</strong>,
        dependencies: <strong>{response.edgeCount}</strong>,
        crossTeam: <strong>{response.crossTeamEdgeCount}</strong>,
        shown: String(shownTeams),
        total: String(response.matrix.teams.length),
      })}
    </Typography>
  );
}

function ScopeProblems(props: { response: TeamMatrixResponse }) {
  const { cycles, unowned } = props.response;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <>
      {cycles.map(cycle => (
        <Alert severity="error" key={cycle.join(',')}>
          <AlertTitle>{t('dependencies.scope.cycle.title')}</AlertTitle>
          {t('dependencies.scope.cycle.text', { members: <CatalogRefLinks entityRefs={cycle} /> })}
        </Alert>
      ))}
      {unowned.length > 0 && (
        <Alert severity="warning">
          <AlertTitle>
            {t('dependencies.scope.unowned.title', { count: unowned.length })}
          </AlertTitle>
          {t('dependencies.scope.unowned.text', {
            members: <CatalogRefLinks entityRefs={unowned} />,
          })}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value, loading, error } = useTeamMatrix(scope);
  const [crossTeamOnly, setCrossTeamOnly] = useState(false);
  const [topN, setTopN] = useState(DEFAULT_TOP_TEAMS);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<TeamMatrixCellSelection>();
  // Ids tie the labels to their inputs, which gives the inputs their accessible names.
  const topNId = useId();
  const filterId = useId();

  const model = useMemo(
    () =>
      value &&
      buildHeatmapModel(value.matrix, {
        topN,
        filter,
        crossTeamOnly,
        unownedName: t('shared.noOwner'),
      }),
    [value, topN, filter, crossTeamOnly, t],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return isNotFoundError(error) ? (
      <NotInGraphState entityRef={scope} />
    ) : (
      <ResponseErrorPanel error={error} title={t('dependencies.scope.loadError')} />
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
          title={
            <DictionaryTerm id="dependency-matrix">{t('dependencies.scope.title')}</DictionaryTerm>
          }
          subheader={t('dependencies.scope.subheader', { scope: shortRef(scope, t) })}
        >
          {value.edgeCount === 0 ? (
            <EmptyState
              missing="data"
              title={t('dependencies.scope.emptyTitle')}
              description={t('dependencies.scope.emptyDescription', {
                scope: shortRef(scope, t),
              })}
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
                  label={t('dependencies.scope.crossTeamOnly')}
                />
                <TextField
                  id={topNId}
                  select
                  label={t('dependencies.scope.teamsShown')}
                  value={topN}
                  onChange={event => setTopN(Number(event.target.value))}
                  variant="outlined"
                  size="small"
                  style={{ minWidth: 140 }}
                  helperText={t('dependencies.scope.teamsShownHelp')}
                >
                  {TOP_TEAM_CHOICES.map(choice => (
                    <MenuItem key={choice} value={choice}>
                      {t('dependencies.scope.topTeams', { count: choice })}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  id={filterId}
                  label={t('dependencies.scope.filter')}
                  value={filter}
                  onChange={event => setFilter(event.target.value)}
                  variant="outlined"
                  size="small"
                  helperText={t('dependencies.scope.filterHelp', {
                    matching: String(model.matchingTeams),
                    total: String(model.totalTeams),
                  })}
                />
              </Box>
              {model.teams.length === 0 ? (
                <Typography variant="body2">
                  {crossTeamOnly
                    ? t('dependencies.scope.noCrossTeamMatch', { filter })
                    : t('dependencies.scope.noMatch', { filter })}
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
