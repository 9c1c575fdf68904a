/**
 * Messages of the release dictionary page and of the linked terms on other pages:
 * `dictionary.<key>`. The terms, roles and escalation paths themselves come from app-config.
 */
export const dictionaryMessages = {
  pageTitle: 'Release dictionary',
  pageSubtitle:
    'The words of release coordination, who is responsible for what, and whom to escalate to',
  loadError: 'Could not load the dictionary',
  empty: {
    title: 'The release dictionary is empty',
    description:
      'Add terms, responsibilities and escalation paths under releaseCoordination.dictionary in app-config.',
  },
  search: {
    label: 'Search the dictionary',
    noMatchTitle: 'Nothing in the dictionary matches “{{query}}”',
    noMatchDescription: 'Try another word, or fewer words.',
  },
  terms: {
    title: 'Terms ({{count}})',
    noMatch: 'No term matches.',
    aliases: 'Also: {{aliases}}',
    seeAlso: 'See also: {{terms}}',
  },
  responsibilities: {
    title: 'Responsibilities',
    noMatch: 'No responsibility matches.',
    escalation: 'Escalation: {{path}}',
  },
  escalationPaths: {
    title: 'Escalation paths',
    noMatch: 'No escalation path matches.',
    step: '{{title}}: {{contact}}',
  },
  /** The tooltip of a linked term on other pages. */
  termTooltip: '{{term}}: {{definition}}',
} as const;
