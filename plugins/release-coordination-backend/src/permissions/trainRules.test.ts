import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { trainManagePermission } from '@release-coordination/plugin-release-coordination-common';
import {
  createReleaseCoordinationTrainConditionalDecision,
  releaseCoordinationTrainConditions,
} from './conditions';
import { builtInTrainRuleset, createTrainConditions } from './trainConditions';
import { TrainResource, createTrainResourceLoader } from './trainResource';
import { hasParticipantOwnedBy, isAmbassador } from './trainRules';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';

/** Alice runs the checkout train; team-web's storefront and team-pay's payments take part. */
const checkoutTrain: TrainResource = {
  id: 'a2b5c3d4-1111-4222-8333-944455566677',
  name: '2026.12',
  status: 'active',
  currentStage: 'planning',
  ambassadorRef: 'user:default/alice',
  participants: [
    { entityRef: 'component:default/storefront', ownerRef: 'group:default/team-web' },
    { entityRef: 'component:default/payments', ownerRef: 'group:default/team-pay' },
    // Not in the catalog's ownership any more: owned by nobody.
    { entityRef: 'component:default/legacy' },
  ],
};

describe('IS_AMBASSADOR', () => {
  it("passes when one of the claims is the train's ambassador, and only then", () => {
    expect(isAmbassador.apply(checkoutTrain, { claims: ['user:default/alice'] })).toBe(true);
    expect(
      isAmbassador.apply(checkoutTrain, {
        claims: ['user:default/bob', 'group:default/team-web'],
      }),
    ).toBe(false);
    expect(isAmbassador.apply(checkoutTrain, { claims: [] })).toBe(false);
  });

  it('compares refs as the catalog does: case-insensitive, default namespace', () => {
    expect(isAmbassador.apply(checkoutTrain, { claims: ['User:Alice'] })).toBe(true);
    // A Group of the same name is not the User.
    expect(isAmbassador.apply(checkoutTrain, { claims: ['group:default/alice'] })).toBe(false);
  });

  it('filters trains by ambassador, with normalised refs', () => {
    expect(isAmbassador.toQuery({ claims: ['User:Alice'] })).toEqual({
      key: 'ambassadorRef',
      values: ['user:default/alice'],
    });
  });
});

describe('HAS_PARTICIPANT_OWNED_BY', () => {
  it('passes when a participant is owned by one of the claims', () => {
    const bob = ['user:default/bob', 'group:default/team-pay'];
    expect(hasParticipantOwnedBy.apply(checkoutTrain, { claims: bob })).toBe(true);
    expect(
      hasParticipantOwnedBy.apply(checkoutTrain, { claims: ['Group:Team-Web'] }),
    ).toBe(true);
    expect(
      hasParticipantOwnedBy.apply(checkoutTrain, {
        claims: ['user:default/dora', 'group:default/release-board'],
      }),
    ).toBe(false);
  });

  it('is not met by the ambassador alone, nor by a participant without an owner', () => {
    expect(
      hasParticipantOwnedBy.apply(checkoutTrain, { claims: ['user:default/alice'] }),
    ).toBe(false);
    const unowned = { ...checkoutTrain, participants: [{ entityRef: 'component:default/legacy' }] };
    expect(hasParticipantOwnedBy.apply(unowned, { claims: ['group:default/team-web'] })).toBe(
      false,
    );
  });

  it('filters trains by participant owner, with normalised refs', () => {
    expect(hasParticipantOwnedBy.toQuery({ claims: ['Group:Team-Pay'] })).toEqual({
      key: 'participantOwnerRef',
      values: ['group:default/team-pay'],
    });
  });
});

describe('train condition exports', () => {
  const isAllowed = createConditionAuthorizer(builtInTrainRuleset);
  const ambassador = (claims: string[]) =>
    createReleaseCoordinationTrainConditionalDecision(
      trainManagePermission,
      releaseCoordinationTrainConditions.isAmbassador({ claims }),
    );

  it('build the conditional decision a policy returns for managing trains', () => {
    expect(ambassador(['user:default/alice'])).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'release-coordination',
      resourceType: 'release-coordination-train',
      conditions: {
        rule: 'IS_AMBASSADOR',
        resourceType: 'release-coordination-train',
        params: { claims: ['user:default/alice'] },
      },
    });
  });

  it('allow the ambassador and refuse others, and any missing train', () => {
    expect(isAllowed(ambassador(['user:default/alice']), checkoutTrain)).toBe(true);
    expect(isAllowed(ambassador(['user:default/bob']), checkoutTrain)).toBe(false);
    expect(isAllowed(ambassador(['user:default/alice']), undefined)).toBe(false);
  });

  it('combine: the ambassador or a team taking part', () => {
    const decision = createReleaseCoordinationTrainConditionalDecision(trainManagePermission, {
      anyOf: [
        releaseCoordinationTrainConditions.isAmbassador({ claims: ['user:default/bob'] }),
        releaseCoordinationTrainConditions.hasParticipantOwnedBy({
          claims: ['user:default/bob', 'group:default/team-pay'],
        }),
      ],
    });
    expect(isAllowed(decision, checkoutTrain)).toBe(true);
    expect(isAllowed(decision, { ...checkoutTrain, participants: [] })).toBe(false);
  });

  it('refuse conditions whose parameters do not fit the rule', () => {
    const malformed = createReleaseCoordinationTrainConditionalDecision(trainManagePermission, {
      rule: 'HAS_PARTICIPANT_OWNED_BY',
      resourceType: 'release-coordination-train',
      params: { claims: 'group:default/team-pay' } as any,
    });
    expect(() => isAllowed(malformed, checkoutTrain)).toThrow(/Parameters to rule are invalid/);
  });
});

describe('train resources', () => {
  it('are loaded in the order asked, with their participants; unknown ids as undefined', async () => {
    const train = {
      id: checkoutTrain.id,
      name: '2026.12',
      objective: 'Ship one-click checkout',
      ambassadorRef: 'user:default/alice',
      status: 'active' as const,
      currentStage: 'planning',
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      version: 2,
      stagePlan: [{ name: 'planning', title: 'Planning' }],
    };
    const participants = [
      { entityRef: 'component:default/storefront', targetVersion: '2.0.0', ownerRef: 'group:default/team-web' },
      { entityRef: 'component:default/payments', targetVersion: '5.1.0', ownerRef: 'group:default/team-pay' },
      { entityRef: 'component:default/legacy', targetVersion: '1.0.0' },
    ];
    const store = {
      getTrain: async (id: string) => (id === train.id ? train : undefined),
      listParticipants: async () => participants,
    };
    expect(await createTrainResourceLoader(store)(['missing', train.id])).toEqual([
      undefined,
      checkoutTrain,
    ]);
    // Conditions are applied to the train as stored: a stranger is refused, not an error.
    const conditions = createTrainConditions(store);
    const [stored] = await conditions.getResources([train.id]);
    const decision = createReleaseCoordinationTrainConditionalDecision(
      trainManagePermission,
      releaseCoordinationTrainConditions.isAmbassador({ claims: ['user:default/alice'] }),
    );
    expect(conditions.isAllowed(decision, stored)).toBe(true);
  });
});
