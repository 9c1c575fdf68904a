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
} as const;
