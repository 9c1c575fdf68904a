/** Messages of the trains list, its timeline and the "New train" dialog: `trains.<key>`. */
export const trainsMessages = {
  pageTitle: 'Release coordination',
  pageSubtitle:
    'Releases that many teams ship together, from planning to deployment',
  listTitle: 'Release trains',
  tableTitle: 'Release trains ({{count}})',
  refresh: 'Refresh',
  newTrain: 'New train',
  loadError: 'Could not load release trains',
  empty: {
    title: 'No release trains yet',
    description:
      'A release train groups the services that many teams ship together. Trains appear here once a release ambassador starts one.',
  },
  columns: {
    train: 'Train',
    objective: 'Objective',
    ambassador: 'Ambassador',
    stage: 'Stage',
    status: 'Status',
    started: 'Started',
  },
  late: 'late',
  timeline: {
    title: 'Timeline',
    subheader: 'Planned stage windows',
    subheaderNewest: 'Planned stage windows of the {{count}} newest trains',
  },
} as const;
