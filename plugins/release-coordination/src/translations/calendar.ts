/**
 * The release calendar page and the collisions card of a train: `calendar.*`.
 */
export const calendarMessages = {
  pageTitle: 'Release calendar',
  pageSubtitle:
    "Every train's stage windows across teams, the change freezes, and where plans collide",
  loadError: 'Could not load the release calendar',
  filters: {
    label: 'Calendar filters',
    from: 'From',
    weeks: 'Weeks shown',
    weeksOption: '{{count}} weeks',
    team: 'Team',
    system: 'System',
    domain: 'Domain',
    refHelp: 'An entity ref or a name, e.g. {{example}}',
    apply: 'Apply',
    clear: 'Clear filters',
  },
  empty: {
    title: 'No train plans anything in this period',
    description:
      'Trains appear here once their stage windows fall between {{from}} and {{to}}.',
  },
  timeline: {
    label: 'Stage windows of the trains from {{from}} to {{to}}',
    train: 'Train',
    today: 'Today',
    freeze: 'Change freeze: {{reason}} ({{start}} – {{end}})',
    stageWindow: '{{stage}} of {{train}}: {{start}} – {{end}}',
    collisions_one: '{{count}} collision',
    collisions_other: '{{count}} collisions',
    teams: 'Teams:',
    paginationLabel: 'Trains on the calendar',
  },
  freezes: {
    title: 'Change freezes in this period',
    none: 'No change freeze overlaps this period.',
    scopeAll: 'Everything',
    period: '{{start}} – {{end}}',
  },
  collisions: {
    title: 'Collisions',
    trainTitle: 'Collisions with other trains and freezes',
    subheader:
      'Where this plan meets another train or a change freeze, and who to talk to',
    loadError: 'Could not load the collisions',
    none: 'No collision: no participant ships in another active train, no dependency deploys at the same time, no freeze is crossed.',
    hiddenCount_one: '{{count}} collision',
    hiddenCount_other: '{{count}} collisions',
    columns: {
      kind: 'Collision',
      train: 'Train',
      participant: 'Participant',
      with: 'With',
      when: 'Overlap',
      contacts: 'Talk to',
    },
    kinds: {
      'shared-participant': 'Same component in two trains',
      'dependent-deployments': 'Dependent deployments overlap',
      freeze: 'Deploys during a freeze',
    },
    upstream: 'depends on',
    downstream: 'is a dependency of',
    inTrain: 'in {{train}}',
    freezeReason: 'Freeze: {{reason}}',
    noOverlap: 'Whole train',
  },
} as const;
