/**
 * The release cadences page: the list, a cadence's next train, its ambassador rotation, its
 * history and their dialogs: `cadences.*`.
 */
export const cadencesMessages = {
  pageTitle: 'Release cadences',
  pageSubtitle:
    'Recurring trains with shared stage windows and a rotating ambassador',
  loadError: 'Could not load the release cadences',
  empty: {
    title: 'No release cadences yet',
    description:
      'A release manager creates a cadence: how often its trains run, their stage windows and the teams taking part.',
  },
  list: {
    title: 'Cadences ({{count}})',
    paginationLabel: 'Cadences',
    interval_one: 'every day',
    interval_other: 'every {{count}} days',
    nextOccurrence: '#{{occurrence}} from {{date}}',
    columns: {
      name: 'Cadence',
      interval: 'Interval',
      teams: 'Teams',
      next: 'Next occurrence',
    },
  },
  view: {
    back: 'All cadences',
    loadError: 'Could not load the cadence',
    summary: '{{interval}}, the first train from {{date}}',
    teams: 'Teams:',
  },
  next: {
    title: 'Next train',
    subheader:
      'Occurrence #{{occurrence}}, from {{date}}, pre-filled by the cadence',
    windowsLabel: 'Stage windows of the next train',
    noWindows: 'The cadence plans no stage windows.',
    columns: {
      stage: 'Stage',
      start: 'Start',
      end: 'End',
    },
    suggested: 'Suggested ambassador',
    reason: 'Why: {{reason}}',
    noSuggestion:
      'The roster suggests nobody: it is empty, or every member skips this occurrence.',
    handover: 'Latest handover note',
    handoverBy: 'By {{author}} on {{date}}',
    noHandover: 'No handover note yet.',
    create: 'Create next train',
  },
  createDialog: {
    title: 'Create train #{{occurrence}} of {{cadence}}',
    submit: 'Create train',
    name: 'Name',
    objective: 'Objective',
    objectiveHelp: 'What this train ships, in a sentence',
    ambassador: 'Ambassador',
    ambassadorSuggested: 'Suggested by the rotation: {{reason}}',
    ambassadorHelp: 'A User entity ref, e.g. user:default/alice',
    participants: 'Participants',
    participant: 'Participant {{index}}',
    participantHelp:
      'An entity ref, e.g. component:default/checkout; a bare name is a Component',
    targetVersion: 'Target version {{index}}',
    addParticipant: 'Add participant',
    removeParticipant: 'Remove participant {{index}}',
    participantsRequired:
      'Add at least one participant, with the version this train ships.',
    participantRefRequired: 'Name the entity that takes part.',
    participantRefInvalid: 'Not an entity ref: {{message}}',
    versionRequired: 'Give the version this train ships.',
  },
  rotation: {
    title: 'Rotation',
    subheader:
      'The roster in rotation order: the member with the fewest trains of the series runs the next',
    tableLabel: 'Ambassador roster',
    emptyRoster: 'No roster yet: a release manager sets who rotates.',
    suggested: 'Suggested next',
    never: 'Not yet',
    lastRun: '#{{occurrence}} {{name}}',
    runsLabel_one: '{{member}}: {{count}} train run',
    runsLabel_other: '{{member}}: {{count}} trains run',
    columns: {
      position: '#',
      member: 'Member',
      runs: 'Trains run',
      lastRun: 'Last run',
    },
    skip: 'Skip',
    swap: 'Swap',
    changes: {
      title: 'Skips and swaps',
      tableLabel: 'Skips and swaps of the rotation',
      none: 'No skip or swap recorded.',
      columns: {
        occurrence: 'Occurrence',
        change: 'Change',
        member: 'Member',
        reason: 'Reason',
        recorded: 'Recorded',
      },
      kinds: {
        skip: 'Skip',
        swap: 'Swap',
      },
      substitute: 'runs it instead: {{substitute}}',
      recordedBy: '{{who}} on {{date}}',
    },
  },
  changeDialog: {
    skipTitle: 'Skip a turn of {{cadence}}',
    swapTitle: 'Swap a turn of {{cadence}}',
    skipSubmit: 'Record skip',
    swapSubmit: 'Record swap',
    skipExplanation:
      'The member sits the occurrence out; the rotation suggests the next member instead.',
    swapExplanation:
      'The substitute runs the occurrence in the member’s place; both are told.',
    member: 'Member',
    substitute: 'Substitute',
    substituteRequired: 'Pick who runs the occurrence instead.',
    occurrence: 'Occurrence',
    occurrenceHelp: 'Leave empty for the next one, #{{next}}',
    occurrenceInvalid: 'An occurrence from #{{next}} on.',
    reason: 'Reason',
    reasonHelp: 'Why, for the roster and the release managers',
    reasonRequired: 'Say why.',
  },
  history: {
    title: 'History',
    subheader: 'The trains of the series, the newest first: who ran which',
    tableLabel: 'Trains of the cadence',
    paginationLabel: 'Trains of the cadence',
    loadError: 'Could not load the trains of the cadence',
    none: 'No train of this cadence yet.',
    columns: {
      occurrence: 'Occurrence',
      train: 'Train',
      ambassador: 'Ambassador',
      status: 'Status',
      created: 'Created',
      actions: 'Actions',
    },
    handover: 'Handover notes',
    handoverOf: 'Handover notes of {{train}}',
  },
  handoverDialog: {
    title: 'Handover notes of {{train}}',
    submit: 'Save notes',
    explanation:
      'What whoever runs the next train of the series should know: what went well, what to watch, what is left over.',
    note: 'Notes',
    noteRequired: 'Write the notes.',
  },
} as const;
