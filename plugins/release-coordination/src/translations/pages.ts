/**
 * Titles of the plugin's pages, sub-pages (tabs of its page) and entity tabs, as the app's
 * navigation and headers show them: `pages.<key>`.
 */
export const pagesMessages = {
  // Short enough for a sidebar item.
  root: 'Releases',
  trains: 'Release trains',
  approvals: 'My approvals',
  calendar: 'Calendar',
  cadences: 'Cadences',
  scorecards: 'Scorecards',
  dictionary: 'Release dictionary',
  entityReleaseTrains: 'Release trains',
  entityDependencyMatrix: 'Dependency matrix',
  entityOwnership: 'Ownership',
} as const;
