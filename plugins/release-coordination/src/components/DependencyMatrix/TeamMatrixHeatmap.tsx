import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, makeStyles, Theme, Tooltip, Typography } from '@material-ui/core';
import { alpha, useTheme } from '@material-ui/core/styles';
import { releaseCoordinationTranslationRef } from '../../translations';
import { CatalogRefLink, ReleaseCoordinationT, shortRef } from '../shared';
import { cellKey, HeatmapModel, HeatmapTeam } from './teamMatrixModel';

/** The teams behind a clicked cell. */
export interface TeamMatrixCellSelection {
  fromTeam: string;
  toTeam: string;
}

const CELL_SIZE = 34;

const useStyles = makeStyles(theme => ({
  scroller: { overflow: 'auto', maxWidth: '100%', maxHeight: '75vh' },
  table: { borderCollapse: 'separate', borderSpacing: 2 },
  caption: { captionSide: 'bottom', textAlign: 'left', paddingTop: theme.spacing(1) },
  corner: {
    verticalAlign: 'bottom',
    textAlign: 'left',
    fontWeight: 'normal',
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
    position: 'sticky',
    left: 0,
    background: theme.palette.background.paper,
    zIndex: 2,
  },
  columnHeader: {
    height: 150,
    width: CELL_SIZE,
    verticalAlign: 'bottom',
    padding: 0,
    fontWeight: 'normal',
  },
  columnLabel: {
    writingMode: 'vertical-rl',
    transform: 'rotate(180deg)',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxHeight: 146,
    margin: '0 auto',
    fontSize: theme.typography.caption.fontSize,
  },
  rowHeader: {
    textAlign: 'left',
    fontWeight: 'normal',
    whiteSpace: 'nowrap',
    maxWidth: 220,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    paddingRight: theme.spacing(1),
    position: 'sticky',
    left: 0,
    background: theme.palette.background.paper,
    zIndex: 1,
  },
  unownedHeader: {
    background: alpha(theme.palette.warning.main, 0.25),
    borderRadius: theme.shape.borderRadius,
  },
  otherHeader: { fontStyle: 'italic' },
  edgeCount: {
    marginLeft: theme.spacing(0.5),
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
  },
  cell: {
    width: CELL_SIZE,
    height: CELL_SIZE,
    padding: 0,
    textAlign: 'center',
    borderRadius: 3,
    background: theme.palette.action.hover,
  },
  diagonalCell: {
    // Stripes mark the diagonal even where it is empty: edges within a team.
    backgroundImage: `repeating-linear-gradient(45deg, transparent 0 4px, ${
      theme.palette.divider
    } 4px 5px)`,
  },
  unownedCell: { boxShadow: `inset 0 0 0 2px ${theme.palette.warning.main}` },
  cellButton: {
    width: '100%',
    height: '100%',
    border: 'none',
    borderRadius: 3,
    padding: 0,
    cursor: 'pointer',
    font: 'inherit',
    fontSize: theme.typography.caption.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
    '&:focus-visible': { outline: `3px solid ${theme.palette.text.primary}`, outlineOffset: 1 },
    '&:hover': { outline: `2px solid ${theme.palette.text.primary}` },
  },
  aggregateButton: { cursor: 'help' },
  selected: { outline: `3px solid ${theme.palette.text.primary}`, outlineOffset: 1 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
  },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

/** Square root: a cell with 1 edge stays visible next to one with 200. */
function intensity(count: number, max: number): number {
  return max > 0 ? 0.15 + 0.85 * Math.sqrt(count / max) : 0;
}

function cellColors(theme: Theme, count: number, max: number, diagonal: boolean) {
  const level = intensity(count, max);
  const base = diagonal ? theme.palette.grey[700] : theme.palette.primary.main;
  return {
    backgroundColor: alpha(base, level),
    color: level > 0.55 ? theme.palette.common.white : theme.palette.text.primary,
  };
}

function teamName(team: HeatmapTeam, t: ReleaseCoordinationT): string {
  return team.kind === 'other'
    ? t('dependencies.heatmap.otherTeams', { count: team.members.length })
    : shortRef(team.key, t);
}

function RowHeader(props: { team: HeatmapTeam }) {
  const { team } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const className = [
    classes.rowHeader,
    team.kind === 'unowned' ? classes.unownedHeader : '',
    team.kind === 'other' ? classes.otherHeader : '',
  ].join(' ');
  return (
    <th scope="row" className={className} title={team.key}>
      {team.kind === 'team' ? <CatalogRefLink entityRef={team.key} /> : teamName(team, t)}
      <span className={classes.edgeCount}>{team.edgeCount}</span>
    </th>
  );
}

function ColumnHeader(props: { team: HeatmapTeam }) {
  const { team } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <th scope="col" className={classes.columnHeader} title={team.key}>
      <div
        className={`${classes.columnLabel} ${
          team.kind === 'unowned' ? classes.unownedHeader : ''
        } ${team.kind === 'other' ? classes.otherHeader : ''}`}
      >
        {teamName(team, t)}
      </div>
    </th>
  );
}

function MatrixCell(props: {
  from: HeatmapTeam;
  to: HeatmapTeam;
  count: number;
  max: number;
  selected: boolean;
  onSelect: (selection: TeamMatrixCellSelection) => void;
}) {
  const { from, to, count, max, selected, onSelect } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const theme = useTheme<Theme>();
  const diagonal = from.key === to.key && from.kind !== 'other';
  const unowned = from.kind === 'unowned' || to.kind === 'unowned';
  const aggregated = from.kind === 'other' || to.kind === 'other';
  const className = [
    classes.cell,
    diagonal ? classes.diagonalCell : '',
    unowned && count > 0 ? classes.unownedCell : '',
  ].join(' ');
  if (count === 0) {
    return <td className={className} />;
  }
  const label = t('dependencies.heatmap.cell', {
    from: teamName(from, t),
    to: teamName(to, t),
    count,
  });
  const button = (
    <button
      type="button"
      className={`${classes.cellButton} ${aggregated ? classes.aggregateButton : ''} ${
        selected ? classes.selected : ''
      }`}
      style={cellColors(theme, count, max, diagonal)}
      aria-label={label}
      aria-pressed={selected}
      // Aggregated cells stand for many team pairs, which the edge list cannot filter by.
      aria-disabled={aggregated || undefined}
      onClick={aggregated ? undefined : () => onSelect({ fromTeam: from.key, toTeam: to.key })}
    >
      {count}
    </button>
  );
  return (
    <td className={className}>
      <Tooltip
        title={
          aggregated
            ? t('dependencies.heatmap.cellAggregated', { cell: label })
            : t('dependencies.heatmap.cellSelectable', { cell: label })
        }
      >
        {button}
      </Tooltip>
    </td>
  );
}

/**
 * The team × team heat map: a row per team that depends on the teams in the columns, darker
 * for more edges. The diagonal (edges within a team) is grey and striped; teams without an
 * owner are highlighted. Selecting a cell shows the edges behind it.
 */
export function TeamMatrixHeatmap(props: {
  model: HeatmapModel;
  selected?: TeamMatrixCellSelection;
  onSelectCell: (selection: TeamMatrixCellSelection) => void;
}) {
  const { model, selected, onSelectCell } = props;
  const classes = useStyles();
  const theme = useTheme<Theme>();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <>
      <div className={classes.scroller}>
        <table className={classes.table} aria-label={t('dependencies.heatmap.label')}>
          <caption className={classes.caption}>{t('dependencies.heatmap.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className={classes.corner}>
                {t('dependencies.heatmap.corner')}
              </th>
              {model.teams.map(team => (
                <ColumnHeader key={team.key} team={team} />
              ))}
            </tr>
          </thead>
          <tbody>
            {model.teams.map(from => (
              <tr key={from.key}>
                <RowHeader team={from} />
                {model.teams.map(to => (
                  <MatrixCell
                    key={to.key}
                    from={from}
                    to={to}
                    count={model.counts.get(cellKey(from.key, to.key)) ?? 0}
                    max={model.max}
                    selected={selected?.fromTeam === from.key && selected?.toTeam === to.key}
                    onSelect={onSelectCell}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Box className={classes.legend} aria-hidden>
        <span>
          <span
            className={classes.swatch}
            style={{ background: alpha(theme.palette.primary.main, intensity(1, model.max)) }}
          />
          <span
            className={classes.swatch}
            style={{ background: alpha(theme.palette.primary.main, 1) }}
          />
          {t('dependencies.heatmap.legend.scale', { max: String(model.max) })}
        </span>
        <span>
          <span
            className={`${classes.swatch} ${classes.diagonalCell}`}
            style={{ backgroundColor: alpha(theme.palette.grey[700], 0.5) }}
          />
          {t('dependencies.heatmap.legend.diagonal')}
        </span>
        <span>
          <span className={`${classes.swatch} ${classes.unownedHeader}`} />
          {t('dependencies.heatmap.legend.noOwner')}
        </span>
        {model.teams.some(team => team.kind === 'other') && (
          <Typography variant="caption" component="span">
            {t('dependencies.heatmap.legend.otherTeams')}
          </Typography>
        )}
      </Box>
    </>
  );
}
