import { checkoutMatrix, largeMatrix } from '../../__testUtils__/dependencyFixtures';
import { buildHeatmapModel, cellKey, OTHER_TEAMS } from './teamMatrixModel';

const all = { topN: 25, filter: '', crossTeamOnly: false };

describe('buildHeatmapModel', () => {
  it('orders teams by edge count, busiest first, and keeps the diagonal', () => {
    const model = buildHeatmapModel(checkoutMatrix.matrix, all);
    expect(model.teams.map(team => team.key)).toEqual([
      'group:default/team-checkout',
      'group:default/team-payments-core',
      'group:default/team-fraud',
      'unowned',
    ]);
    expect(model.teams[0].edgeCount).toBe(13);
    expect(model.teams[3].kind).toBe('unowned');
    expect(model.counts.get(cellKey('group:default/team-checkout', 'group:default/team-checkout')))
      .toBe(7);
    expect(model.max).toBe(7);
  });

  it('leaves out edges within a team when cross-team only', () => {
    const model = buildHeatmapModel(checkoutMatrix.matrix, { ...all, crossTeamOnly: true });
    const key = cellKey('group:default/team-checkout', 'group:default/team-checkout');
    expect(model.counts.has(key)).toBe(false);
    expect(model.teams[0].edgeCount).toBe(6);
    expect(model.max).toBe(4);
  });

  it('shows the top N teams and sums the rest into "other teams" without losing edges', () => {
    const { matrix } = largeMatrix();
    const model = buildHeatmapModel(matrix, { ...all, topN: 10 });
    expect(model.teams).toHaveLength(11);
    // team-01 both depends (58) and is depended on (60); team-00 only depends (60).
    expect(model.teams.slice(0, 3).map(team => team.key)).toEqual([
      'group:default/team-01',
      'group:default/team-02',
      'group:default/team-03',
    ]);
    expect(model.teams[0].edgeCount).toBe(118);
    const other = model.teams[10];
    expect(other.key).toBe(OTHER_TEAMS);
    expect(other.members).toHaveLength(20);
    expect(other.members[0]).toBe('group:default/team-00');
    const total = [...model.counts.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBe(matrix.cells.reduce((sum, cell) => sum + cell.count, 0));
  });

  it('keeps only teams matching the filter, the others going to "other teams"', () => {
    const { matrix } = largeMatrix();
    const model = buildHeatmapModel(matrix, { ...all, filter: 'TEAM-2' });
    expect(model.matchingTeams).toBe(10);
    expect(model.teams.filter(team => team.kind === 'team')).toHaveLength(10);
    expect(model.teams.every(team => team.kind === 'other' || team.key.includes('team-2'))).toBe(
      true,
    );
    // team-19 → team-20 crosses from the hidden teams into a shown one.
    expect(model.counts.get(cellKey(OTHER_TEAMS, 'group:default/team-20'))).toBe(60 - 2 * 19);
  });
});
