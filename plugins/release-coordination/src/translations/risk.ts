/**
 * The risk score card of a train: `risk.*`.
 */
export const riskMessages = {
  title: 'Risk score',
  subheader:
    'Each factor with what was measured, its weight and the points it adds',
  loadError: 'Could not load the risk score',
  score: '{{score}} of 100',
  levels: { low: 'Low risk', medium: 'Medium risk', high: 'High risk' },
  chartLabel: 'Points per factor, {{score}} in all',
  segment: '{{factor}}: {{points}} points',
  columns: {
    factor: 'Factor',
    measured: 'Measured',
    share: 'Share of its weight',
    weight: 'Weight',
    points: 'Points',
  },
  share: '{{percent}}% (full at {{fullAt}})',
  factors: {
    'blast-radius': 'Blast radius',
    'cross-team-edges': 'Cross-team edges',
    cycles: 'Dependency cycles',
    'dependency-drift': 'Drift since planning',
    'change-failure-rate': 'Recent change failure rate',
    'open-action-items': 'Open action items',
    'failing-checks': 'Failing checks',
    collisions: 'Collisions',
    'freeze-proximity': 'Freeze proximity',
  },
} as const;
