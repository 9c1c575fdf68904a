/**
 * Messages of the scorecards page: tiles, charts, the period and scope pickers and the units
 * values are written in: `scorecards.<key>`. Metric names and definitions and the DORA
 * reference bands come from the common package and are shown as they are.
 */
export const scorecardsMessages = {
  pageTitle: 'Scorecards',
  pageSubtitle: 'What actually happened to releases, across trains and teams',
  loadError: 'Could not load the scorecard',
  settings:
    '{{period}} · deployments to {{environment}} count for delivery · a hotfix within {{hours}} h marks a change failure · computed {{computedAt}}',
  /** A scope in a sentence: "Nothing was counted for team checkout in …". */
  scopeText: {
    organization: 'the organization',
    thisTrain: 'this train',
    entity: '{{kind}} {{name}}',
  },
  /** The kind of a scope, as a small word before its name. */
  scopeKinds: {
    organization: 'organization',
    team: 'team',
    system: 'system',
    domain: 'domain',
    train: 'train',
    component: 'component',
  },
  breadcrumbs: {
    label: 'Scorecard scope',
    organization: 'Organization',
    train: 'train {{id}}',
    inCatalog: '{{name}} in the catalog',
  },
  period: {
    label: 'Period',
    lastDays: 'Last {{count}} days',
    custom: 'Custom dates',
    firstDay: 'First day (UTC)',
    lastDay: 'Last day (UTC)',
    bothIncluded: 'Both days included',
    /** A period for people: "23 Aug 2026 – 20 Nov 2026 (UTC)". */
    range: '{{from}} – {{to}} (UTC)',
    errors: {
      firstDay: 'Enter the first day of the period.',
      lastDay: 'Enter the last day of the period.',
      reversed: 'The last day must not be before the first.',
      tooLong: 'A scorecard covers at most {{count}} days.',
    },
  },
  empty: {
    title: 'No trains or deployments in this period',
    description:
      'Nothing was counted for {{scope}} in {{period}}: no release train ran, no gate was decided and CI reported no production deployment. Choose a longer period, or have your pipelines report their deployments to the train they ship in.',
    ciIntro:
      "CI reports a deployment with a static access token (see the API section of the plugin's README), once when the rollout starts and again when it finishes:",
    ciCommandLabel: 'Report a deployment from CI',
  },
  /** How values are written in their unit. */
  units: {
    minutes: '{{value}} min',
    hours: '{{value}} h',
    days: '{{value}} d',
    percent: '{{value}}%',
    perWeek: '{{value}} per week',
    noData: 'no data',
    ratioDetail: '{{numerator}} of {{denominator}}',
    rateDetail: '{{numerator}} in {{weeks}} weeks',
    p90: 'p90 {{value}}',
  },
  /** What the samples of a metric are; `{{amount}}` is the count as written for people. */
  samples: {
    shippedTrains_one: '{{amount}} shipped train',
    shippedTrains_other: '{{amount}} shipped trains',
    trains_one: '{{amount}} train',
    trains_other: '{{amount}} trains',
    deployments_one: '{{amount}} deployment',
    deployments_other: '{{amount}} deployments',
    rollbacks_one: '{{amount}} rollback',
    rollbacks_other: '{{amount}} rollbacks',
    recoveredFailures_one: '{{amount}} recovered failure',
    recoveredFailures_other: '{{amount}} recovered failures',
    gatesDecided_one: '{{amount}} gate decided',
    gatesDecided_other: '{{amount}} gates decided',
    approvalGates_one: '{{amount}} approval gate',
    approvalGates_other: '{{amount}} approval gates',
    itemsDue_one: '{{amount}} item due',
    itemsDue_other: '{{amount}} items due',
    openItems_one: '{{amount}} open item',
    openItems_other: '{{amount}} open items',
    incidents_one: '{{amount}} incident',
    incidents_other: '{{amount}} incidents',
    resolvedIncidents_one: '{{amount}} resolved incident',
    resolvedIncidents_other: '{{amount}} resolved incidents',
    mergedChanges_one: '{{amount}} merged change',
    mergedChanges_other: '{{amount}} merged changes',
    tests_one: '{{amount}} test',
    tests_other: '{{amount}} tests',
    samples_one: '{{amount}} sample',
    samples_other: '{{amount}} samples',
  },
  /** How the facts behind a metric reach the scorecard, shown where its value is missing. */
  sources: {
    cycleTime:
      'CI reports production deployments with POST {{endpoint}}, once when a rollout starts and again when it finishes with its result. A train counts once it is released or rolled back.',
    deployments:
      'CI reports production deployments with POST {{endpoint}}, once when a rollout starts and again when it finishes with its result.',
    rollbacks:
      'CI reports rollbacks with POST {{endpoint}}: the result rolled-back with rollbackStartedAt and rollbackFinishedAt.',
    stages:
      "Stage times are recorded when the release ambassador advances a train on the train's page.",
    gates:
      "Gates are decided by their approvers on the train's page, waived by the ambassador, or satisfied by CI check results sent with POST {{endpoint}}.",
    approvals:
      "Approval gates are decided by the members of their approver Group on the train's page.",
    actionItems:
      "Action items come from a train's retrospective; give them an owner and a due date there.",
    incidents:
      'Incident tools report incidents with POST {{endpoint}} (or the CLI: release-coordination report-incident), with users affected and minutes of impact.',
    indicators:
      'CI reports review coverage, test runs and merge times per component with POST {{endpoint}} (or the CLI: release-coordination report-indicators).',
    incidentCauses:
      "An owner confirms which deployment caused an incident in the incident's candidate causes, on the train or entity page.",
  },
  definition: {
    numerator: 'Numerator:',
    denominator: 'Denominator:',
    anchor: 'Time anchor:',
  },
  tiles: {
    notComputed: 'Not computed for this scope',
    from: 'from {{samples}}',
    /** A figure behind a value, e.g. "failed: 4"; the label comes from the backend. */
    figure: '{{label}}: {{value}}',
    /** The groups of tiles, in the order a reader scans them. */
    sections: {
      delivery: 'Delivery',
      stability: 'Stability',
      gates: 'Gates',
      followThrough: 'Retrospective follow-through',
      incidents: 'Incidents',
      leading: 'Leading indicators',
      other: 'Other',
    },
  },
  /** The narrower scopes of a scorecard side by side. */
  children: {
    kinds: {
      team: 'Team',
      component: 'Component',
      system: 'System',
      domain: 'Domain',
      train: 'Train',
    },
    kindsPlural: {
      team: 'Teams',
      component: 'Components',
      system: 'Systems',
      domain: 'Domains',
      train: 'Trains',
    },
    kindsPluralLower: {
      team: 'teams',
      component: 'components',
      system: 'systems',
      domain: 'domains',
      train: 'trains',
    },
    /** "Teams and components". */
    and: '{{first}} and {{second}}',
    title: '{{children}}: comparison',
    subheaderOrganization: 'Open one to see its own scorecard',
    subheader:
      'Each row counts only what belongs to this scope too; open one to see its own scorecard',
    perWeek: 'per week',
    deploymentsPerWeek: 'Deployments per week',
    changeFailureRate: 'Change failure rate (%)',
    tableLabel: '{{children}} compared',
    open: 'Open',
    openScorecard: 'Open the scorecard of {{name}}',
    scorecard: 'Scorecard',
    summary: 'Comparison of {{children}}: {{rows}}.',
    summaryRow:
      '{{name}}: deployment frequency {{frequency}}, change failure rate {{changeFailureRate}}',
  },
  trend: {
    title: 'Trend across trains',
    subheaderLatest:
      'The latest {{shown}} of {{total}} trains in the period, each with its own figures, ordered by planning start',
    subheader:
      "Each train's own figures in the period, ordered by planning start",
    empty: 'No train of this scope has anything counted in the period.',
    days: 'days',
    cycleTimeDays: 'Cycle time (days)',
    changeFailureRate: 'Change failure rate (%)',
    gateFirstPassRate: 'Gate first-pass rate (%)',
    tableLabel: 'Trend across trains as a table',
    columns: {
      train: 'Train',
      started: 'Started',
      status: 'Status',
    },
    openScorecard: 'Open the scorecard of {{name}}',
    trainPageOf: 'Train page of {{name}}',
    trainPage: 'train page',
    summary_one: 'Trend across {{count}} train, ordered by start. {{trains}}.',
    summary_other:
      'Trend across {{count}} trains, ordered by start. {{trains}}.',
    summaryTrain: '{{train}}: {{metrics}}',
    summaryMetric: '{{metric}} {{value}}',
  },
  stageTime: {
    title: 'Time per stage',
    subheader:
      'Median hours trains spent in each stage they left in the period',
    empty: 'No train of this scope entered a stage.',
    hours: 'hours',
    medianHours: 'Median hours',
    tableLabel: 'Time per stage as a table',
    columns: {
      stage: 'Stage',
      median: 'Median',
      p90: 'p90',
      trains: 'Trains',
      stillInStage: 'Still in it',
    },
    summary: 'Median time per stage: {{stages}}.',
    summaryStage: '{{stage}} {{value}}',
  },
  dora: {
    /** E.g. "DORA 2024 reference": the year says which report, "reference" that it is no rating. */
    title: '{{label}} reference',
    tableLabel: '{{title}} table',
    columnLabel: '{{title}} for {{metric}}: {{column}}',
    columnHeading: '{{title}}: {{column}}',
    note: '{{column}}: {{note}}',
    tier: 'Tier',
  },
} as const;
