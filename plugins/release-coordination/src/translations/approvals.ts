/** Messages of My approvals, its page and its home-page widget: `approvals.<key>`. */
export const approvalsMessages = {
  pageTitle: 'My approvals',
  pageSubtitle: 'Release gates waiting for a team you belong to',
  loadError: 'Could not load your approvals',
  empty: {
    title: 'Nothing waits for your approval',
    description:
      'Approval gates of release trains appear here when a team you belong to has to decide them.',
  },
  tableTitle: 'Waiting for your decision ({{count}})',
  refresh: 'Refresh',
  paginationLabel: 'approvals',
  columns: {
    train: 'Train',
    gate: 'Gate',
    participant: 'Participant',
    stage: 'Stage',
    state: 'State',
    decide: 'Decide',
  },
  trainWide: 'Train-wide',
  subject: '{{gate}} of {{train}}',
  checking: 'Checking whether you may decide {{subject}}',
  open: 'Open',
  openLabel: 'Open {{subject}}',
  approve: 'Approve',
  approveLabel: 'Approve {{subject}}',
  reject: 'Reject',
  rejectLabel: 'Reject {{subject}}',
  homeCard: {
    none: 'No gate is waiting for your teams.',
    count_one: '{{count}} gate waiting for your teams',
    count_other: '{{count}} gates waiting for your teams',
    listLabel: 'Gates waiting for your teams',
    forApprover: ' · for ',
    all: 'All {{count}} in My approvals',
  },
} as const;
