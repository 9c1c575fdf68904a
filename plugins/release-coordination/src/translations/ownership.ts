/**
 * Messages of the Ownership tab: owner, members, escalation path and the teams an entity
 * depends on and that depend on it: `ownership.<key>`.
 */
export const ownershipMessages = {
  loadError: 'Could not load the ownership',
  warningTitle: 'Ownership problem',
  owner: {
    title: 'Owner',
    notInCatalog: 'Not in the catalog',
    group: 'group',
    groupSummary: '{{type}} with {{count}} member(s)',
    groupSummaryTitled: '{{title}} · {{type}} with {{count}} member(s)',
    isTeam: 'This is the team itself.',
    none: 'The catalog names no owner for this entity.',
  },
  members: {
    title: 'Members ({{count}})',
    subheader: 'Who can approve for {{owner}}',
    listLabel: 'Owner group members',
    noMembers:
      'The owning group has no members in the catalog: nobody can approve its gates.',
    noGroup: 'No known owner group, so no members to contact.',
    noEmail: 'no email in the catalog',
  },
  escalation: {
    title: 'Escalation path',
    subheader: 'The owning team, then its parent groups, nearest first',
    listLabel: 'Escalation path, nearest first',
    none: 'No owning group in the catalog, so there is nobody to escalate to.',
    noParent: 'The owning group has no parent group in the catalog.',
  },
  teams: {
    dependencies_one: '{{count}} dependency',
    dependencies_other: '{{count}} dependencies',
    dependsOn: {
      title: 'Depends on teams',
      titleWithCount: 'Depends on teams ({{count}})',
      subheader: 'Teams whose entities {{name}} needs',
      empty: '{{name}} depends on no other team.',
    },
    dependedOnBy: {
      title: 'Depended on by teams',
      titleWithCount: 'Depended on by teams ({{count}})',
      subheader: 'Teams whose entities need {{name}}',
      empty: 'No other team depends on {{name}}.',
    },
  },
  owns: {
    title: 'Owns ({{count}})',
    subheader: 'Components and resources in the dependency graph',
    none: 'This group owns no components or resources.',
  },
} as const;
