import { Config } from '@backstage/config';
import {
  DecisionTree,
  DecisionTreeNode,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * The decision tree for incidents during a deployment when the app-config has none: is anyone
 * affected, does a participant meet its rollback criteria, can a flag contain it.
 */
export const DEFAULT_DECISION_TREE: DecisionTree = {
  start: 'impact',
  nodes: [
    {
      id: 'impact',
      kind: 'question',
      text: 'Are users affected: errors, latency or wrong data since the deployment began?',
      options: [
        { label: 'Yes', next: 'criteria' },
        { label: 'No', next: 'watch' },
      ],
    },
    {
      id: 'criteria',
      kind: 'question',
      text: 'Does a participant meet its rollback criteria (see the rollback steps)?',
      options: [
        { label: 'Yes', next: 'roll-back' },
        { label: 'No', next: 'flag' },
      ],
    },
    {
      id: 'flag',
      kind: 'question',
      text: 'Can the change be turned off with its feature flag?',
      options: [
        { label: 'Yes', next: 'flag-off' },
        { label: 'No', next: 'escalate' },
      ],
    },
    {
      id: 'roll-back',
      kind: 'action',
      text: 'Stop the deployment, roll back the participants concerned in the order of the rollback steps, and declare an incident during deploy so their escalation contacts know.',
    },
    {
      id: 'flag-off',
      kind: 'action',
      text: 'Turn the flag off, hold the next wave, and note it on the train (Rollback & flags).',
    },
    {
      id: 'escalate',
      kind: 'action',
      text: 'Declare an incident during deploy: the escalation contacts of the participants concerned are told, and the owners decide with the ambassador.',
    },
    {
      id: 'watch',
      kind: 'action',
      text: 'Go on wave by wave and watch the participants; start again here if anything changes.',
    },
  ],
};

/** The on-call annotations a runbook reads from participants and their owners. */
export const ON_CALL_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'opsgenie.com/team',
  'opsgenie.com/component-selector',
];

/** What `releaseCoordination.runbook` configures. */
export interface RunbookSettings {
  decisionTree: DecisionTree;
  /** Per on-call annotation, a link with `{value}` in it, e.g. the schedule's page. */
  onCallLinks: Record<string, string>;
}

/**
 * Reads `releaseCoordination.runbook`: `decisionTree: { start, nodes: [{ id, kind, text,
 * options: [{ label, next }] }] }` and `onCallLinks: [{ annotation, url }]` (`{value}` in the
 * url stands for the annotation's value). A
 * tree that cannot be walked (an unknown start or next, a question without options, an action
 * with options, a repeated id) fails the start with every problem listed.
 */
export function readRunbookSettings(config: Config): RunbookSettings {
  const runbook = config.getOptionalConfig('releaseCoordination.runbook');
  // A list, as config keys cannot hold the dots and slashes of annotations.
  const onCallLinks: Record<string, string> = {};
  for (const link of runbook?.getOptionalConfigArray('onCallLinks') ?? []) {
    onCallLinks[link.getString('annotation')] = link.getString('url');
  }
  const tree = runbook?.getOptionalConfig('decisionTree');
  if (!tree) return { decisionTree: DEFAULT_DECISION_TREE, onCallLinks };
  const nodes: DecisionTreeNode[] = tree.getConfigArray('nodes').map(node => {
    const options = node.getOptionalConfigArray('options')?.map(option => ({
      label: option.getString('label'),
      next: option.getString('next'),
    }));
    return {
      id: node.getString('id'),
      kind: node.getString('kind') as DecisionTreeNode['kind'],
      text: node.getString('text'),
      ...(options ? { options } : {}),
    };
  });
  const decisionTree = { start: tree.getString('start'), nodes };
  const problems = decisionTreeProblems(decisionTree);
  if (problems.length > 0) {
    throw new Error(
      `Invalid releaseCoordination.runbook.decisionTree: ${problems.join('; ')}`,
    );
  }
  return { decisionTree, onCallLinks };
}

/** Why a tree cannot be walked, or nothing. */
export function decisionTreeProblems(tree: DecisionTree): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const node of tree.nodes) {
    if (ids.has(node.id)) problems.push(`node '${node.id}' is defined twice`);
    ids.add(node.id);
  }
  if (!ids.has(tree.start))
    problems.push(`start '${tree.start}' is not a node`);
  for (const node of tree.nodes) {
    if (node.kind !== 'question' && node.kind !== 'action') {
      problems.push(`node '${node.id}': kind must be question or action`);
    } else if (node.kind === 'question' && !node.options?.length) {
      problems.push(`question '${node.id}' has no options`);
    } else if (node.kind === 'action' && node.options?.length) {
      problems.push(`action '${node.id}' has options`);
    }
    for (const option of node.options ?? []) {
      if (!ids.has(option.next))
        problems.push(
          `node '${node.id}': option '${option.label}' leads to unknown '${option.next}'`,
        );
    }
  }
  return problems;
}
