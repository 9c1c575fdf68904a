import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_DECISION_TREE,
  decisionTreeProblems,
  readRunbookSettings,
} from './config';

describe('runbook settings', () => {
  it('has a default decision tree that can be walked from its start to actions only', () => {
    expect(decisionTreeProblems(DEFAULT_DECISION_TREE)).toEqual([]);
    expect(readRunbookSettings(new ConfigReader({}))).toEqual({
      decisionTree: DEFAULT_DECISION_TREE,
      onCallLinks: {},
    });
  });

  it('reads a tree of the app-config', () => {
    const settings = readRunbookSettings(
      new ConfigReader({
        releaseCoordination: {
          runbook: {
            decisionTree: {
              start: 'sev',
              nodes: [
                {
                  id: 'sev',
                  kind: 'question',
                  text: 'Sev 1?',
                  options: [
                    { label: 'Yes', next: 'page' },
                    { label: 'No', next: 'wait' },
                  ],
                },
                {
                  id: 'page',
                  kind: 'action',
                  text: 'Page the incident commander.',
                },
                { id: 'wait', kind: 'action', text: 'Watch the dashboards.' },
              ],
            },
          },
        },
      }),
    );
    expect(settings.decisionTree.nodes.map(n => n.id)).toEqual([
      'sev',
      'page',
      'wait',
    ]);
  });

  it('fails the start naming every way a tree cannot be walked', () => {
    const read = () =>
      readRunbookSettings(
        new ConfigReader({
          releaseCoordination: {
            runbook: {
              decisionTree: {
                start: 'begin',
                nodes: [
                  { id: 'ask', kind: 'question', text: 'Now?' },
                  {
                    id: 'ask',
                    kind: 'action',
                    text: 'Again',
                    options: [{ label: 'Go', next: 'nowhere' }],
                  },
                ],
              },
            },
          },
        }),
      );
    expect(read).toThrow(
      "Invalid releaseCoordination.runbook.decisionTree: node 'ask' is defined twice; start 'begin' is not a node; question 'ask' has no options; action 'ask' has options; node 'ask': option 'Go' leads to unknown 'nowhere'",
    );
  });
});
