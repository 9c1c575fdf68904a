/**
 * The runbook of a train: `runbook.*`.
 */
export const runbookMessages = {
  title: 'Runbook',
  subheader:
    'Assembled from the catalog and the train: how to roll back, who to call, what to decide',
  loadError: 'Could not load the runbook',
  rollbackTitle: 'Rollback steps (last wave first)',
  columns: {
    order: 'Step',
    participant: 'Participant',
    wave: 'Wave',
    version: 'Version',
    criteria: 'Roll back when',
    procedure: 'Procedure',
    owner: 'Team',
  },
  noPlan: 'No rollback plan saved',
  procedure: 'procedure',
  escalationTitle: 'Escalation contacts',
  owner: 'owning team',
  parent: 'escalate to',
  onCall: 'On call: {{annotation}} {{value}}',
  noContacts: 'The catalog names nobody the caller may see.',
  treeTitle: 'Incident during deploy: what to do',
  restart: 'Start again',
  back: 'Back',
  treeLabel: 'Decision tree, step {{step}}',
  incident: {
    open: 'Declare incident during deploy',
    title: 'Incident during deploy',
    participants: 'Participants concerned',
    summary: 'What happened',
    submit: 'Tell their escalation contacts',
    missing: 'Choose the participants concerned and say what happened.',
    declared: 'Declared: {{notified}} were told.',
  },
} as const;
