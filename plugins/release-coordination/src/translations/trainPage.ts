/** Messages of a train's page: header, tabs' cards, dialogs and the decision log: `trainPage.<key>`. */
export const trainPageMessages = {
  page: {
    title: 'Release train',
    type: 'Release coordination',
    loadError: 'Could not load the release train',
    sections: 'Sections of the train',
  },
  gates: {
    title: 'Gates',
    subheader: 'Select a gate for its evidence and decisions',
    boardLabel: 'Gates board',
    participant: 'Participant',
    trainWide: 'Train-wide',
    gateLabel: '{{gate}}: {{state}}',
  },
  stages: {
    title: 'Stages',
    advance: 'Advance to {{stage}}',
    current: 'current',
    done: 'done',
    late: 'late',
    window: '{{start}} – {{end}}',
    noWindow: 'No window planned',
  },
  waves: {
    title: 'Deployment waves',
    subheader: 'Providers ship before their consumers',
    noParticipants: 'The train has no participants yet.',
    notInGraph:
      'None of the participants is in the dependency graph yet, so there is no order to show.',
  },
  header: {
    late: 'late',
    markRolledBack: 'Mark rolled back',
    edit: 'Edit',
    ambassador: 'Ambassador: {{ambassador}} · stage {{stage}}',
  },
  rollBack: {
    title: 'Mark {{train}} rolled back?',
    submit: 'Mark rolled back',
    explanation:
      'The train ends as rolled back: it still counts as shipped in the scorecards, the owners of its participants are notified, and it can no longer change. The reason is kept in the decision log.',
    reason: 'Reason',
    reasonHelp:
      'What went wrong in production, e.g. the error rate after the deploy',
    reasonRequired: 'Say what was rolled back and why: a reason is required.',
  },
  decisions: {
    title: 'Decision log',
    loadError: 'Could not load the decision log',
    empty: 'No decisions logged yet.',
    columns: {
      time: 'Time',
      actor: 'Actor',
      action: 'Action',
      subject: 'Subject',
      reason: 'Reason',
    },
  },
} as const;
