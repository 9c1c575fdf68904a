import {
  ActionItem,
  ReleaseTrainSummary,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { refsConcerning } from './carryOver';
import { createPreviousActionItemsClosedRule } from './previousActionItemsClosed';

/** payments moved from team-pay to team-ledger in the catalog after the train was created. */
const index = new DependencyIndex({
  nodes: [
    { ref: 'component:default/payments', kind: 'Component', owner: 'group:default/team-ledger' },
    { ref: 'component:default/storefront', kind: 'Component', owner: 'group:default/team-web' },
  ],
  edges: [],
  scopes: [],
  groups: [],
  users: [],
  problems: [],
});

const participants: TrainParticipant[] = [
  { entityRef: 'component:default/payments', targetVersion: '5', ownerRef: 'group:default/team-pay' },
  { entityRef: 'component:default/storefront', targetVersion: '2', ownerRef: 'group:default/team-web' },
  { entityRef: 'component:default/ledger', targetVersion: '1', ownerRef: 'group:default/team-ledger' },
];

const train: ReleaseTrainSummary = {
  id: 'train-2',
  name: '2026.12',
  objective: 'Ship',
  ambassadorRef: 'user:default/alice',
  status: 'active',
  currentStage: 'planning',
  stages: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

const openItem = (title: string, ownerRef: string, dueAt?: string): ActionItem => ({
  id: title,
  trainId: 'train-1',
  trainName: '2026.11',
  title,
  ownerRef,
  ...(dueAt ? { dueAt } : {}),
  status: 'open',
  createdAt: '2026-10-20T00:00:00.000Z',
  updatedAt: '2026-10-20T00:00:00.000Z',
  version: 0,
});

/** The store's answer: a page of the open items of earlier trains owned by an asked ref. */
function storeWith(items: ActionItem[]) {
  const asked: { trainId: string; ownerRefs: string[]; page: { limit: number; offset: number } }[] =
    [];
  return {
    asked,
    actionItems: {
      async queryCarriedOver(
        trainId: string,
        ownerRefs: string[],
        page: { limit: number; offset: number },
      ) {
        asked.push({ trainId, ownerRefs, page });
        const open = items.filter(item => ownerRefs.includes(item.ownerRef));
        return {
          items: open.slice(page.offset, page.offset + page.limit),
          totalCount: open.length,
        };
      },
    },
  };
}

const context = (participant?: TrainParticipant) => ({
  train,
  stage: 'planning',
  gate: {} as TrainGate,
  ...(participant ? { participant } : {}),
  participants,
  gates: [],
  dependencies: index,
  now: new Date('2026-11-15T00:00:00Z'),
});

describe('refsConcerning', () => {
  it('names each participant and its owner, the newest graph first', () => {
    expect(refsConcerning(participants, index)).toEqual([
      'component:default/ledger',
      'component:default/payments',
      'component:default/storefront',
      'group:default/team-ledger',
      'group:default/team-web',
    ]);
    // Without a graph, the owners the train recorded count.
    expect(refsConcerning([participants[0]])).toEqual([
      'component:default/payments',
      'group:default/team-pay',
    ]);
  });
});

describe('previous-action-items-closed', () => {
  const items = [
    openItem('Rehearse the payments rollback', 'group:default/team-ledger', '2026-10-30T00:00:00Z'),
    openItem('Expire checkout flags', 'component:default/storefront'),
  ];

  it('fails for a participant with open items of earlier trains, naming them', async () => {
    const { actionItems, asked } = storeWith(items);
    const rule = createPreviousActionItemsClosedRule({ actionItems });
    const outcome = await rule.evaluate(context(participants[0]));
    expect(outcome).toEqual({
      passed: false,
      reason:
        '1 open action item(s) from earlier trains concern component:default/payments: ' +
        "'Rehearse the payments rollback' (group:default/team-ledger, from train '2026.11', " +
        'due 2026-10-30)',
    });
    expect(asked).toEqual([
      {
        trainId: 'train-2',
        ownerRefs: ['component:default/payments', 'group:default/team-ledger'],
        page: { limit: 10, offset: 0 },
      },
    ]);
  });

  it('passes for a participant whose items are all closed', async () => {
    const rule = createPreviousActionItemsClosedRule(storeWith([items[1]]));
    expect(await rule.evaluate(context(participants[0]))).toEqual({
      passed: true,
      reason: 'No open action items from earlier trains concern component:default/payments',
    });
  });

  it('asks for every participant when the gate is train-wide', async () => {
    const rule = createPreviousActionItemsClosedRule(storeWith(items));
    const outcome = await rule.evaluate(context());
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toMatch(/^2 open action item\(s\) from earlier trains concern the participants/);
    expect(outcome.reason).toMatch(/'Expire checkout flags' \(component:default\/storefront/);
  });

  it('names the oldest ten open items and counts the rest, however many there are', async () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      openItem(`Lesson ${i + 1}`, 'component:default/storefront'),
    );
    const { actionItems, asked } = storeWith(many);
    const outcome = await createPreviousActionItemsClosedRule({ actionItems }).evaluate(
      context(participants[1]),
    );
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toMatch(
      /^250 open action item\(s\) from earlier trains concern component:default\/storefront: /,
    );
    expect(outcome.reason).toMatch(/'Lesson 10' .*; and 240 more$/);
    expect(outcome.reason).not.toMatch(/'Lesson 11'/);
    // One page is read, whatever the store holds.
    expect(asked.map(ask => ask.page)).toEqual([{ limit: 10, offset: 0 }]);
  });
});
