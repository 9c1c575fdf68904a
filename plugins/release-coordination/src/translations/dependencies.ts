/**
 * Messages of the Dependency matrix tab: an entity's dependencies, blast radius and deployment
 * waves, and the team matrix of a scope: `dependencies.<key>`.
 */
export const dependenciesMessages = {
  noMatrix: {
    title: 'No dependency matrix for a {{kind}}',
    description:
      'Dependencies are derived for Components and Resources, and rolled up for Systems, Domains and Groups.',
  },
  entity: {
    loadError: 'Could not load the dependencies',
    loading: 'Loading dependencies',
    depth: 'Depth',
    depthOption: 'Depth {{depth}}',
    depthAll: 'All',
    anyHops: 'any number of hops',
    hops_one: '{{count}} hop',
    hops_other: '{{count}} hops',
    wavesTerm: 'Deployment waves',
    wavesSubheader:
      '{{term}} for {{name}} and its upstream within {{depth}}: each wave ships after the ones before it',
  },
  tables: {
    columns: {
      entity: 'Entity',
      owner: 'Owner',
      via: 'Via',
      depth: 'Depth',
      through: 'Through',
      reachesThrough: 'Reaches it through',
    },
    crossTeam: 'Cross-team',
    direct: 'direct',
    upstreamTitle: 'Depends on (upstream): {{count}}',
    downstreamTitle: 'Depended on by (downstream): {{count}}',
    upstreamSubtitle:
      'What {{name}} needs deployed and healthy first; {{count}} other team(s) involved',
    downstreamSubtitle:
      'What {{name}} must not break; {{count}} other team(s) involved',
    upstreamEmpty:
      '{{name}} depends on nothing in the catalog within {{depth}}.',
    downstreamEmpty:
      'Nothing in the catalog depends on {{name}} within {{depth}}.',
  },
  via: {
    dependsOnTooltip: 'Declared with dependsOn / dependencyOf in the catalog',
  },
  blastRadius: {
    title: 'Blast radius',
    subheader:
      'Who is affected when this changes: direct and transitive dependents by team',
    notInGraph: '{{name}} is not in the dependency graph yet.',
    loadError: 'Could not load the blast radius',
    emptyTitle: 'No blast radius',
    emptyDescription:
      'Nothing depends on {{name}}: a change to it affects no other entity.',
    summary:
      'A change to {{name}} can affect {{entities}} entities of {{teams}} other team(s).',
    listLabel: 'Affected entities by team',
    teamLabel: '{{team}}: {{count}}',
    owningTeam: '(owning team)',
    andMore: '{{entities}} and {{count}} more',
  },
  waves: {
    title: 'Deployment order',
    empty:
      'None of these entities is in the dependency graph yet, so there is no order to show.',
    loadError: 'Could not load the deployment order',
    listLabel: 'Deployment waves, first to last',
    wave: 'Wave {{number}}',
    waveWithCycle: 'Wave {{number}} (cycle)',
    cycle: 'Cycle',
    cycleNote: 'These depend on each other in a circle: ship them together.',
    thisEntity: '(this entity)',
    cycleAlert: {
      title: 'Cycle: no order can satisfy these dependencies',
      text: '{{members}} depend on each other in a circle. They are grouped into one wave and must be deployed together, with backward-compatible changes; or break the cycle by removing one of the dependencies in the catalog.',
    },
    unknownAlert: {
      title: 'Not in the dependency graph',
      text: '{{members}} could not be placed in a wave: the graph does not know them (yet).',
    },
  },
  scope: {
    loadError: 'Could not load the dependency matrix',
    title: 'Team dependency matrix',
    subheader:
      'Which teams of {{scope}} depend on which, by number of dependencies',
    emptyTitle: 'No dependencies in this scope',
    emptyDescription:
      'The entities of {{scope}} neither depend on anything nor are depended on, as far as the catalog says (dependsOn, providesApi/consumesApi).',
    summary:
      '{{entities}} entities of {{teams}} teams, {{dependencies}} dependencies of which {{crossTeam}} cross team boundaries. Showing {{shown}} of {{total}} teams.',
    crossTeamOnly: 'Cross-team only',
    teamsShown: 'Teams shown',
    teamsShownHelp: 'Busiest teams; the rest are summed',
    topTeams: 'Top {{count}}',
    filter: 'Filter teams',
    filterHelp: '{{matching}} of {{total}} teams match',
    noMatch: 'No team matches “{{filter}}”.',
    noCrossTeamMatch:
      'No team matches “{{filter}}” with cross-team dependencies.',
    cycle: {
      title: 'Dependency cycle',
      text: '{{members}} depend on each other in a circle: no deployment order ships one before the others, so they must be released together or the cycle broken.',
    },
    unowned: {
      title: '{{count}} entities without a known owner',
      text: '{{members}}: their dependencies count under “No owner”, and nobody can approve their gates until the catalog names an owner that exists.',
    },
  },
  heatmap: {
    label: 'Team dependency matrix',
    caption:
      "Rows depend on columns: the cell at row A, column B counts the dependencies of A's entities on B's.",
    corner: 'team ↓ depends on →',
    otherTeams: 'Other teams ({{count}})',
    cell_one: '{{from}} depends on {{to}}: {{count}} dependency',
    cell_other: '{{from}} depends on {{to}}: {{count}} dependencies',
    cellAggregated:
      '{{cell}}. Show more teams, or filter by name, to see the edges behind it.',
    cellSelectable: '{{cell}}. Select to list them.',
    legend: {
      scale: 'fewer to more dependencies (at most {{max}} in one cell)',
      diagonal: 'within a team (diagonal)',
      noOwner: 'no owner',
      otherTeams: '“Other teams” sums the teams not shown on their own.',
    },
  },
  edges: {
    within: 'Dependencies within {{team}}',
    between: '{{from}} depends on {{to}}',
    withCount: '{{title}} ({{count}})',
    loadError: 'Could not load the dependencies: {{title}}',
    refresh: 'Refresh',
    close: 'Close the list',
    columns: {
      dependent: 'Dependent',
      itsTeam: 'Its team',
      dependsOn: 'Depends on',
      via: 'Via',
    },
  },
} as const;
