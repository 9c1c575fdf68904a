/**
 * Messages of the building blocks every view shares (`components/shared`): ref names, snapshot
 * age, hidden-entity notes, dependency problems, forms and lists: `shared.<key>`.
 */
export const sharedMessages = {
  /** An entity without an owner, where its owner would be named. */
  noOwner: 'No owner',
  /** Two or more items of a list in a sentence: "2 participants, 3 gates and 1 problem". */
  list: {
    separator: ', ',
    last: '{{items}} and {{last}}',
  },
  snapshotAge: {
    lessThanAMinute: 'less than a minute ago',
    minutes_one: '{{count}} minute ago',
    minutes_other: '{{count}} minutes ago',
    hours_one: '{{count}} hour ago',
    hours_other: '{{count}} hours ago',
    days_one: '{{count}} day ago',
    days_other: '{{count}} days ago',
    derived: 'Derived from the catalog {{age}} {{details}}',
    details:
      '(snapshot {{version}}: {{nodeCount}} entities, {{edgeCount}} dependencies, {{problemCount}} problems)',
  },
  hidden: {
    participants_one: '{{count}} participant',
    participants_other: '{{count}} participants',
    gates_one: '{{count}} gate',
    gates_other: '{{count}} gates',
    items_one: '{{count}} item',
    items_other: '{{count}} items',
    problems_one: '{{count}} problem',
    problems_other: '{{count}} problems',
    candidates_one: '{{count}} candidate cause',
    candidates_other: '{{count}} candidate causes',
    children_one: '{{count}} scope',
    children_other: '{{count}} scopes',
    note: '{{hidden}} you cannot see in the catalog',
  },
  notDerivedYet: {
    title: 'No dependencies derived yet — the graph refreshes on a schedule',
    description:
      'The dependency graph is derived from catalog relations (dependsOn, providesApi/consumesApi, ownedBy) by a scheduled task. Come back after its first run.',
  },
  notInGraph: {
    title: '{{name}} is not in the dependency graph yet',
    description:
      'The graph is a snapshot of the catalog, refreshed on a schedule: entities registered or renamed since the last refresh appear after the next one.',
  },
  problems: {
    cycle: {
      title: 'Dependency cycle',
      text: '{{members}} depend on each other in a circle, so no deployment order can ship one before the others: they must be released together, or the cycle broken.',
    },
    missingOwner: {
      title: 'Missing owner',
      named:
        '{{entity}} names the owner {{owner}}, which is not a known group or user. Nobody can approve its gates.',
      none: '{{entity}} has no owner. Nobody can approve its gates.',
    },
    unknownRef: {
      title: 'Unknown entity',
      text: '{{entity}} has a {{relation}} relation to {{target}}, which is not in the catalog; that dependency is left out of the graph.',
    },
    selfReference: {
      title: 'Self-reference',
      text: '{{entity}} depends on itself ({{relation}}); the relation is ignored.',
    },
    apiWithoutProvider: {
      title: 'API without provider',
      text: '{{entity}} consumes {{api}}, which no entity provides.',
    },
  },
  /** The states of a gate, as its chip says them. */
  gateStates: {
    pending: 'pending',
    passed: 'passed',
    failed: 'failed',
    waived: 'waived',
  },
  /** The tabs of a train's page. */
  trainTabs: {
    overview: 'Overview',
    standup: 'Standup',
    review: 'Review',
    deployments: 'Deployments',
    rollback: 'Rollback & flags',
    retrospective: 'Retrospective',
    decisionLog: 'Decision log',
  },
  /** The checks of a train's plan, shown under the field they concern. */
  plan: {
    nameRequired: 'Give the train a name.',
    objectiveRequired: 'Say what the release is for.',
    ambassadorRef: 'The ambassador is a User ref, e.g. user:default/alice.',
    windowIncomplete: 'Give both a start and an end date, or neither.',
    windowReversed: 'The start must not be after the end.',
    windowOverlaps: 'A stage cannot start before the previous one ends.',
  },
  stageWindows: {
    title: 'Stage windows',
    start: '{{stage}} start',
    end: '{{stage}} end',
  },
  formDialog: {
    cancel: 'Cancel',
  },
  permissionGuard: {
    checking: '{{label}}…',
  },
  catalogPicker: {
    loadError: 'Could not load from the catalog: {{error}}',
  },
  pagination: {
    label: 'Pages of {{label}}',
    rowsPerPage: 'Rows per page:',
    displayedRows: '{{from}}-{{to}} of {{total}}',
    previousPage: 'Previous page',
    nextPage: 'Next page',
  },
} as const;
