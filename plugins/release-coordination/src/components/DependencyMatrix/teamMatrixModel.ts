import { TeamMatrix, UNOWNED } from '@release-coordination/plugin-release-coordination-common';
import { sharedMessages } from '../../translations/shared';

/** The row and column that stands for every team not shown on its own. */
export const OTHER_TEAMS = '(other teams)';

/** A row (and the same column) of the heat map. */
export interface HeatmapTeam {
  /** The owner ref, `unowned`, or {@link OTHER_TEAMS}. */
  key: string;
  kind: 'team' | 'unowned' | 'other';
  /** Edges from and to the team (within-team edges counted once). */
  edgeCount: number;
  /** For {@link OTHER_TEAMS}: the teams it aggregates. */
  members: string[];
}

export interface HeatmapModel {
  teams: HeatmapTeam[];
  /** Edge count per `cellKey(from, to)`; cells without edges are absent. */
  counts: Map<string, number>;
  /** The largest count, for colour intensity. */
  max: number;
  /** Teams in the matrix, before filtering. */
  totalTeams: number;
  /** Teams that match the name filter. */
  matchingTeams: number;
}

export interface HeatmapOptions {
  /** How many teams to show on their own, by edge count; 0 for all. */
  topN: number;
  /** Case-insensitive part of a team ref to keep; others go to {@link OTHER_TEAMS}. */
  filter: string;
  /** Leave out edges within a team (the diagonal). */
  crossTeamOnly: boolean;
  /** What the matrix calls the `unowned` team, which the filter matches too; "No owner". */
  unownedName?: string;
}

export function cellKey(fromTeam: string, toTeam: string): string {
  return `${fromTeam}\u0000${toTeam}`;
}

function teamKind(team: string): HeatmapTeam['kind'] {
  return team === UNOWNED ? 'unowned' : 'team';
}

function matchesFilter(team: string, filter: string, unownedName: string): boolean {
  if (!filter) {
    return true;
  }
  const haystack = team === UNOWNED ? `${UNOWNED} ${unownedName}` : team;
  return haystack.toLocaleLowerCase('en-US').includes(filter);
}

/**
 * Reduces a team matrix to what a person can read: the `topN` teams with the most edges among
 * those matching the filter, each as a row and a column, and everybody else summed into one
 * "other teams" row and column, so that no edge disappears from the totals. Teams are
 * ordered by edge count, busiest first, so the hot spots sit in the top-left corner.
 */
export function buildHeatmapModel(matrix: TeamMatrix, options: HeatmapOptions): HeatmapModel {
  const cells = options.crossTeamOnly
    ? matrix.cells.filter(cell => cell.fromTeam !== cell.toTeam)
    : matrix.cells;

  const edgeCounts = new Map<string, number>(matrix.teams.map(team => [team, 0]));
  const add = (team: string, count: number) =>
    edgeCounts.set(team, (edgeCounts.get(team) ?? 0) + count);
  for (const cell of cells) {
    add(cell.fromTeam, cell.count);
    if (cell.toTeam !== cell.fromTeam) {
      add(cell.toTeam, cell.count);
    }
  }

  const filter = options.filter.trim().toLocaleLowerCase('en-US');
  const ranked = [...edgeCounts.entries()]
    .filter(([team]) => matchesFilter(team, filter, options.unownedName ?? sharedMessages.noOwner))
    .sort(([a, countA], [b, countB]) => countB - countA || compareCodeUnits(a, b));
  const shown = options.topN > 0 ? ranked.slice(0, options.topN) : ranked;
  const shownKeys = new Set(shown.map(([team]) => team));
  const rest = [...edgeCounts.keys()].filter(team => !shownKeys.has(team)).sort();

  const counts = new Map<string, number>();
  const rowOf = (team: string) => (shownKeys.has(team) ? team : OTHER_TEAMS);
  let otherEdges = 0;
  for (const cell of cells) {
    const from = rowOf(cell.fromTeam);
    const to = rowOf(cell.toTeam);
    const key = cellKey(from, to);
    counts.set(key, (counts.get(key) ?? 0) + cell.count);
    if (from === OTHER_TEAMS || to === OTHER_TEAMS) {
      otherEdges += cell.count;
    }
  }

  const teams: HeatmapTeam[] = shown.map(([team, edgeCount]) => ({
    key: team,
    kind: teamKind(team),
    edgeCount,
    members: [],
  }));
  // Hidden teams without any edge would only add an empty row.
  if (otherEdges > 0) {
    teams.push({ key: OTHER_TEAMS, kind: 'other', edgeCount: otherEdges, members: rest });
  }

  return {
    teams,
    counts,
    max: Math.max(0, ...counts.values()),
    totalTeams: matrix.teams.length,
    matchingTeams: ranked.length,
  };
}

/** Orders strings by UTF-16 code units, the same on every machine whatever its locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
