/**
 * The joint release review of a train, on its Review tab: `review.*`.
 */
export const reviewMessages = {
  title: 'Release review',
  subheader:
    'The teams go through the agenda together, keep the risk register and sign off',
  loadError: 'Could not load the release review',
  held: 'Review held',
  notHeld: 'Review not held',
  heldText:
    'Every owning team signed off and every open risk has a mitigation.',
  waitingOn_one: 'Waiting for the sign-off of {{teams}}',
  waitingOn_other: 'Waiting for the sign-offs of {{count}} teams: {{teams}}',
  waitingOnHidden:
    'Teams that own participants you cannot see have not signed off yet.',
  unmitigated_one: '{{count}} open risk has no mitigation',
  unmitigated_other: '{{count}} open risks have no mitigation',
  registerCounts: '{{total}} risk(s) registered, {{open}} open',
  signOffs: {
    title: 'Sign-offs',
    subheader:
      'Each team that owns participants signs off once, by one of its members',
    empty: 'No team owns a participant you can see.',
    tableLabel: 'Sign-offs by team',
    columns: {
      team: 'Team',
      participants: 'Participants',
      signOff: 'Sign-off',
    },
    signedOff: 'Signed off',
    waiting: 'Waiting',
    signedBy: 'by {{who}} on {{when}}',
    signOff: 'Sign off',
    dialog: {
      title: 'Sign off the review for {{team}}',
      explanation:
        'The team went through the agenda and the risk register and agrees to ship. A team signs off once.',
      comment: 'Comment (optional)',
      commentHelp: 'What the team agreed to, or what it asks of the others',
      submit: 'Confirm sign-off',
    },
  },
  register: {
    title: 'Risk register',
    subheader:
      'Oldest first; an open risk without a mitigation keeps the review from being held',
    loadError: 'Could not load the risk register',
    empty: 'No risk registered yet.',
    add: 'Register risk',
    change: 'Change',
    changeLabel: 'Change risk {{title}}',
    tableLabel: 'Registered risks',
    paginationLabel: 'risks',
    columns: {
      title: 'Risk',
      owner: 'Owner',
      likelihood: 'Likelihood',
      impact: 'Impact',
      mitigation: 'Mitigation',
      status: 'Status',
    },
    noMitigation: 'None yet',
    needsMitigation: 'needs a mitigation',
    levels: { low: 'Low', medium: 'Medium', high: 'High' },
    statuses: {
      open: 'Open',
      mitigated: 'Mitigated',
      accepted: 'Accepted',
      closed: 'Closed',
    },
    dialog: {
      registerTitle: 'Register a risk',
      changeTitle: 'Change risk',
      title: 'Risk',
      titleHelp: 'What could go wrong during the release',
      titleRequired: 'Say what could go wrong.',
      owner: 'Owner',
      ownerHelp:
        'The Group or User who answers for it, e.g. group:default/team-payments',
      ownerRequired: 'Name the Group or User who answers for the risk.',
      likelihood: 'Likelihood',
      impact: 'Impact',
      mitigation: 'Mitigation',
      mitigationHelp:
        'What lowers its likelihood or impact; leave empty while there is none',
      status: 'Status',
      register: 'Register',
      save: 'Save',
      conflict:
        'Someone changed this risk meanwhile. Reload it to see their change, then make yours again.',
      reload: 'Reload',
    },
  },
  agenda: {
    title: 'Agenda',
    subheader:
      'What the review goes through, from what the train page knows of the train',
    risk: {
      title: 'Risk factors',
      score: 'Risk score {{score}} of 100',
      columns: {
        factor: 'Factor',
        measured: 'Measured',
        value: 'Value',
        weight: 'Weight',
        points: 'Points',
      },
    },
    waves: {
      title: 'Deployment waves',
      label: 'Deployment waves, first to last',
      wave: 'Wave {{number}}',
      empty:
        'No participant you can see is in the dependency graph yet, so there is no order to show.',
    },
    drift: {
      title: 'Dependency drift since planning',
      counts:
        '{{added}} dependencies among the participants appeared and {{removed}} went away since planning.',
      noSteps:
        'The train has not changed stage yet: there is nothing to compare with the plan.',
      none: 'No dependency among the participants changed since planning.',
      label: 'Dependencies changed since planning',
    },
    rollback: {
      title: 'Rollback readiness',
      tableLabel: 'Rollback readiness per participant',
      empty: 'The train has no participant you can see.',
      columns: {
        participant: 'Participant',
        team: 'Team',
        planned: 'Plan saved',
        criteria: 'Roll back when',
        procedure: 'Procedure',
        rehearsed: 'Last rehearsal',
      },
      yes: 'Yes',
      no: 'No',
      procedure: 'procedure',
      never: 'never',
    },
    flags: {
      title: 'Feature flags in use',
      count_one: '{{count}} flag in use',
      count_other: '{{count}} flags in use',
      empty: 'No feature flag in use.',
      more: 'The first {{shown}} of {{count}} are shown; the Rollback & flags tab has them all.',
      expires: 'expires {{date}}',
      label: 'Feature flags in use, those needing attention first',
    },
    actionItems: {
      title: 'Open action items',
      count_one: '{{count}} open action item of earlier trains',
      count_other: '{{count}} open action items of earlier trains',
      empty:
        'No open action item of an earlier train concerns the participants.',
      more: 'The first {{shown}} of {{count}} are shown; the Retrospective tab has them all.',
      fromTrain: 'from {{train}}',
      due: 'due {{date}}',
      label: 'Open action items of earlier trains',
    },
    collisions: {
      title: 'Collisions',
      tableTitle: 'With other trains and freezes ({{count}})',
      empty: 'No collision with other trains or freezes.',
    },
  },
} as const;
