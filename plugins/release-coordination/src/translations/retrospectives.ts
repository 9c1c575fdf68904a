/**
 * Messages of a train's retrospective: the board of notes, the action items and what earlier
 * trains carried over: `retrospectives.<key>`.
 */
export const retrospectivesMessages = {
  title: 'Retrospective',
  subheader:
    'Blameless: describe what happened and what to change, not who is to blame',
  loadError: 'Could not load the retrospective',
  board: {
    /** The columns of the board. */
    columns: {
      wentWell: 'What went well',
      toImprove: 'What to improve',
    },
    /** What the pages of a column are of, naming their navigation ("Pages of …"). */
    pages: {
      wentWell: 'what went well',
      toImprove: 'what to improve',
    },
    addLabel: {
      wentWell: 'Add to what went well',
      toImprove: 'Add to what to improve',
    },
    columnHeading: '{{title}} ({{count}})',
    noNotes: 'No notes yet.',
    deleteNote: 'Delete note: {{text}}',
    add: 'Add',
  },
  actionItems: {
    title: 'Action items',
    pages: 'action items',
    empty: 'No action items yet.',
    heading: '{{title}} ({{count}})',
    columns: {
      item: 'Action item',
      owner: 'Owner',
      fromTrain: 'From train',
      due: 'Due',
      status: 'Status',
    },
    statusLabel: 'Status of {{title}}',
    /** The statuses of an action item, as its select offers them. */
    statuses: {
      open: 'open',
      done: 'done',
      dropped: 'dropped',
    },
    noDueDate: 'No due date',
    overdue: 'overdue',
  },
  carriedOver: {
    intro:
      'Open action items of earlier trains that a participant of this train or its owner still has to close.',
    title: 'Carried over',
    pages: 'carried-over action items',
    empty:
      'Nothing carried over: earlier trains left no open action items for these participants.',
  },
  newItem: {
    formLabel: 'New action item',
    checking: 'Checking whether you may add action items',
    denied: 'The ambassador or a release manager adds action items.',
    title: 'Action item',
    owner: 'Owner',
    ownerHelp: 'A Group, User or Component, e.g. group:default/team-pay',
    ownerInvalid:
      'The ref of a Group, User or Component, e.g. group:default/team-pay',
    due: 'Due',
    submit: 'Add action item',
  },
} as const;
