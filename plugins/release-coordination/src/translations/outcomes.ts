/**
 * Messages of a train's outcomes: environments, deployments, rollback readiness and feature
 * flags: `outcomes.<key>`.
 */
export const outcomesMessages = {
  days_one: '{{count}} day',
  days_other: '{{count}} days',
  deployments: {
    title: 'Deployments',
    subheader:
      'Rollouts per participant and environment, as CI reported them; newest first',
    loadError: 'Could not load the deployments',
    empty:
      'No deployments reported yet. CI reports each rollout when it starts and when it ends.',
    paginationLabel: 'deployments',
    ofParticipant: 'Deployments of {{name}}',
    columns: {
      environment: 'Environment',
      deployment: 'Deployment',
      started: 'Started',
      duration: 'Duration',
      result: 'Result',
      rollback: 'Rollback',
    },
    version: 'version {{version}}',
    running: 'running',
    hotfix: 'hotfix',
    rolledBack: 'rolled back',
    restoringSince: 'restoring since {{time}}',
    restoredIn: 'restored in {{duration}}',
    rollbackStarted: 'started {{time}}',
  },
  environments: {
    title: 'Environments',
    subheader:
      "The version each participant runs in each environment, from CI's deployment reports",
    loadError: 'Could not load the environment matrix',
    empty: 'The train has no participants yet.',
    summary:
      '{{shipped}} of {{total}} participant(s) run their target version in {{environment}}.',
    tableLabel: 'Environment matrix',
    participant: 'Participant',
    target: 'Target',
    atTarget: '{{version}} (target)',
    offTarget: '{{version}}, target {{target}}',
    noVersion: 'no version reported',
    notDeployed: 'Not deployed',
    since: 'since {{date}}',
    newestResult: 'newest: {{version}} {{result}} on {{date}}',
    newestRunning: 'newest: {{version}} running since {{date}}',
    aDeployment: 'a deployment',
  },
} as const;
