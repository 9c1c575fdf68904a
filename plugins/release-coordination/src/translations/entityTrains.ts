/** Messages of an entity's Release trains tab and its overview card: `entityTrains.<key>`. */
export const entityTrainsMessages = {
  card: {
    title: 'Release train',
    loadError: 'Could not load the release trains',
    stage: 'stage: {{stage}}',
    late: 'late',
    until: 'until {{date}}',
    ambassador: 'Ambassador: {{ambassador}}',
    waitingOn: 'Waiting on',
    alsoIn_one: 'Also in {{count}} other active train: ',
    alsoIn_other: 'Also in {{count}} other active trains: ',
    noActive: 'In no active release train. Last: {{train}} ({{status}}).',
    none: 'Not in any release train yet.',
  },
  wave: {
    term: 'Deployment wave',
    loading: '{{term}}: loading…',
    unknown: '{{term}} unknown: {{reason}}',
    notInGraph: '{{term}} unknown: not in the dependency graph yet',
    position: '{{term}} {{index}} of {{total}}',
    positionInCycle:
      '{{term}} {{index}} of {{total}} (ships together with a dependency cycle)',
  },
  waitsOn: {
    heading: 'Waits on',
    nothing: 'Nothing: all its gates are passed or {{waived}}.',
    waivedTerm: 'waived',
    decidedBy: ' — decided by {{approver}}',
    noApprover: ' — no approver resolved',
    ciCheck: ' — CI check {{check}}',
  },
  participation: {
    headingOwn: 'Its {{gates}} by {{stage}}',
    heading: '{{gates}} by {{stage}}',
    gatesTermOwn: 'gates',
    gatesTerm: 'Gates',
    stageTerm: 'stage',
    targetVersion: 'Target version {{version}}',
    noGates: 'No gates for this entity.',
    gatesLabelOwn: 'Gates in {{train}}',
    gatesLabel: 'Gates of {{name}} in {{train}}',
  },
  trainCard: {
    ambassadorTerm: 'Ambassador',
    ambassador: '{{term}}: {{ambassador}}',
  },
  content: {
    loadError: 'Could not load release trains',
    hiddenItems_one: '{{count}} participation of a component',
    hiddenItems_other: '{{count}} participations of components',
    emptyTitle: '{{name}} is in no release train',
    emptySystem:
      'None of the components of this system takes part in a release train. A release ambassador adds components when creating a train or later on its page.',
    emptyComponent:
      'A release ambassador adds components to a train when creating it or later on its page.',
    paginationLabel: 'train participations',
  },
} as const;
