/** Messages of the train's compatibility matrix (Deployments tab): `compatibility.<key>`. */
export const compatibilityMessages = {
  title: 'Compatibility',
  subheader:
    'Which versions were tested together along the dependency edges among the participants, from check reports that name their counterpart',
  loadError: 'Could not load the compatibility matrix',
  empty: 'No participant of this train depends on another one.',
  summary_one:
    '{{count}} dependency edge has no passing check against the target version.',
  summary_other:
    '{{count}} dependency edges have no passing check against the target version.',
  allTested: 'Every dependency edge was tested against the target versions.',
  tableLabel: 'Compatibility matrix',
  columns: {
    consumer: 'Consumer',
    provider: 'Provider',
    via: 'Via',
    state: 'Tested together',
    evidence: 'Newest evidence',
  },
  states: {
    tested: 'tested',
    failed: 'failed',
    otherVersion: 'only other versions',
    untested: 'no evidence',
  },
  evidence: '{{check}} {{status}} against {{version}}, {{date}}',
  evidenceLink: 'run',
  none: 'None yet: report a check with its counterpart (against)',
} as const;
