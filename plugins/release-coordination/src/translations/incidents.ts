/** Messages of incidents and their causes (train and entity pages): `incidents.<key>`. */
export const incidentsMessages = {
  title: 'Incidents',
  trainSubheader:
    "Incidents caused by this train's production deployments, confirmed or still suggested",
  entitySubheader:
    'Incidents reported for this entity, and the deployments that caused them',
  loadError: 'Could not load the incidents',
  emptyTrain: 'No incident is attributed to a deployment of this train.',
  emptyEntity: 'No incident was reported for this entity.',
  tableLabel: 'Incidents',
  paginationLabel: 'incidents',
  columns: {
    started: 'Started',
    incident: 'Incident',
    affected: 'Affected',
    cause: 'Cause',
    restored: 'Time to restore',
    impact: 'Customer impact',
  },
  severity: {
    critical: 'critical',
    high: 'high',
    medium: 'medium',
    low: 'low',
  },
  cause: {
    confirmed: 'confirmed',
    suggested: 'suggested',
    none: 'no deployment',
    unknown: 'not known yet',
    deployment: '{{entity}} {{version}} in {{train}}',
  },
  open: 'open',
  impact: '{{users}} users × {{minutes}} min',
  usersOnly: '{{users}} users',
  minutesOnly: '{{minutes}} min',
  review: 'Review cause',
  dialog: {
    title: 'What caused "{{title}}"?',
    intro:
      'Candidates are production deployments of {{entity}} and of what it depends on that finished within {{hours}} hours before the incident started, the likeliest first.',
    loadError: 'Could not load the candidate causes',
    noCandidates:
      'No production deployment of this entity or of what it depends on finished in the window.',
    current: 'Decided: {{decision}} by {{by}}',
    rank: '#{{rank}}',
    distanceSelf: 'the entity itself',
    distance_one: '{{count}} hop away',
    distance_other: '{{count}} hops away',
    confirm: 'Confirm as cause',
    confirmed: 'Confirmed cause',
    comment: 'Comment (optional for a cause, required for "no deployment")',
    noDeployment: 'No deployment caused it',
    close: 'Close',
    commentRequired: 'Say why no deployment caused it.',
  },
} as const;
