/**
 * The standup tab of a train: `standup.*`.
 */
export const standupMessages = {
  title: 'Standup',
  subheader: 'What changed since {{since}}, team by team',
  loadError: 'Could not load the standup',
  period: 'Changes since',
  periods: {
    '24': 'the last 24 hours',
    '72': 'the last 3 days',
    '168': 'the last week',
  },
  stage: 'In {{stage}}',
  late: 'late: its window ended {{end}}',
  ended: 'The train has ended: only its decisions are shown.',
  teamTitle: 'Team',
  participants: 'Participants',
  holding: 'Holding the train ({{count}})',
  nothingHolding: 'Nothing of this team holds the train.',
  becameBlocking: 'new',
  becameBlockingLabel: 'Began to hold the train since then',
  failedChecks: 'Checks failed since then ({{count}})',
  evidence: 'evidence',
  decisions_one: '{{count}} decision about its participants',
  decisions_other: '{{count}} decisions about its participants',
  trainGates: 'Gates of the whole train ({{count}})',
  newCollisions: 'New collisions',
  decisionsTitle: 'Decisions since then ({{count}})',
  noDecisions: 'No decision was logged since then.',
  moreDecisions:
    'The first {{shown}} of {{count}} are shown; the Decision log tab has them all.',
  columns: { when: 'When', who: 'Who', action: 'Action', subject: 'Subject' },
  theTrain: 'the train',
} as const;
