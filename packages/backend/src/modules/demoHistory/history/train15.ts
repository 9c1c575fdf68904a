import {
  HistoryTrain,
  approve,
  at,
  deploy,
  failed,
  passed,
  reject,
} from '../definition';

/**
 * Train 15, about twelve weeks ago: faster approvals and fewer failed checks, but the ledger
 * booked converted amounts with the wrong rounding. ledger-service and currency-service were
 * rolled back in production and the train was marked rolled back; the fix rode train 16.
 */
export const train15: HistoryTrain = {
  key: 'train-15',
  name: 'Train 15: Multi-currency pricing',
  objective:
    'Shoppers see and pay prices in their own currency: pricing-service publishes price lists ' +
    'per currency, currency-service converts, ledger-service books both amounts, and cart and ' +
    'storefront show them.',
  ambassador: 'bob',
  createdAt: at(-84, '09:30'),
  participants: [
    {
      component: 'currency-service',
      owner: 'team-payments-core',
      version: '1.9.0',
      rollbackPlan: { by: 'ivan', at: at(-83, '10:30') },
    },
    {
      component: 'ledger-service',
      owner: 'team-payments-core',
      version: '4.3.0',
      rollbackPlan: { by: 'judy', at: at(-83, '11:00') },
    },
    {
      component: 'pricing-service',
      owner: 'team-catalog',
      version: '8.0.0',
      rollbackPlan: { by: 'olivia', at: at(-83, '14:30') },
    },
    {
      component: 'cart-service',
      owner: 'team-checkout',
      version: '6.5.0',
      rollbackPlan: { by: 'grace', at: at(-82, '11:30') },
    },
    {
      component: 'storefront-bff',
      owner: 'team-storefront',
      version: '3.4.0',
      rollbackPlan: { by: 'trent', at: at(-82, '16:00') },
    },
    {
      component: 'storefront-web',
      owner: 'team-storefront',
      version: '9.1.0',
      rollbackPlan: { by: 'rupert', at: at(-81, '10:30') },
    },
  ],
  stages: {
    planning: {
      window: [at(-84, '09:30'), at(-79, '17:00')],
      approvals: {
        'currency-service': [approve('ivan', at(-83, '10:00'))],
        'ledger-service': [approve('judy', at(-83, '10:20'))],
        'pricing-service': [approve('olivia', at(-83, '14:00'))],
        'cart-service': [approve('grace', at(-82, '11:00'))],
        'storefront-bff': [approve('trent', at(-82, '15:30'))],
        'storefront-web': [approve('rupert', at(-81, '10:00'))],
      },
      leftAt: at(-79, '16:00'),
    },
    integration: {
      window: [at(-79, '17:00'), at(-74, '17:00')],
      checks: {
        'currency-service': [passed(at(-78, '11:00'))],
        'ledger-service': [passed(at(-78, '11:30'))],
        'pricing-service': [
          // Price list schema v3 drops the currency field storefront-bff reads.
          failed(at(-77, '10:00')),
          passed(at(-75, '16:00')),
        ],
        'cart-service': [passed(at(-76, '13:00'))],
        'storefront-bff': [passed(at(-75, '17:20'))],
        'storefront-web': [passed(at(-74, '10:15'))],
      },
      leftAt: at(-73, '11:00'),
    },
    validation: {
      window: [at(-74, '17:00'), at(-70, '17:00')],
      checks: {
        'currency-service': [passed(at(-72, '10:00'))],
        'ledger-service': [
          // Error budget burn of the booking endpoint at 3x.
          failed(at(-72, '11:00')),
          passed(at(-71, '09:30')),
        ],
        'pricing-service': [passed(at(-72, '14:00'))],
        'cart-service': [passed(at(-71, '11:00'))],
        'storefront-bff': [passed(at(-71, '13:00'))],
        // Too little canary traffic for a verdict.
        'storefront-web': [failed(at(-71, '15:00'))],
      },
      waivers: {
        'storefront-web': {
          gate: 'validation-canary-analysis',
          by: 'bob',
          at: at(-71, '16:30'),
          reason:
            'Canary traffic on the web tier is too low for a verdict; team-storefront watches ' +
            'the dashboards during the rollout',
          until: at(-66, '17:00'),
        },
      },
      leftAt: at(-70, '10:00'),
    },
    deployment: {
      window: [at(-70, '17:00'), at(-67, '17:00')],
      approvals: {
        'currency-service': [
          reject(
            'ivan',
            at(-69, '10:00'),
            'The exchange-rate feed still points at the sandbox provider',
          ),
          approve(
            'ivan',
            at(-68, '15:00'),
            'Feed switched to the production provider',
          ),
        ],
        'ledger-service': [approve('judy', at(-69, '10:30'))],
        'pricing-service': [approve('niaj', at(-69, '11:00'))],
        'cart-service': [approve('heidi', at(-69, '14:00'))],
        'storefront-bff': [approve('trent', at(-69, '16:00'))],
        'storefront-web': [approve('rupert', at(-68, '16:00'))],
      },
    },
  },
  deployments: {
    'currency-service': [
      deploy('staging', at(-73, '13:00'), 15),
      deploy('production', at(-67, '10:00'), 20, {
        rollback: { at: at(-66, '15:20'), minutes: 28 },
      }),
    ],
    'ledger-service': [
      deploy('staging', at(-73, '13:30'), 25),
      deploy('production', at(-67, '11:00'), 25, {
        rollback: { at: at(-66, '14:40'), minutes: 35 },
      }),
    ],
    'pricing-service': [
      deploy('staging', at(-73, '14:00'), 20),
      deploy('production', at(-67, '13:00'), 20),
    ],
    'cart-service': [
      deploy('staging', at(-73, '14:30'), 15),
      deploy('production', at(-67, '14:30'), 15, { result: 'failed' }),
      deploy('production', at(-67, '16:30'), 15),
    ],
    'storefront-bff': [
      deploy('staging', at(-73, '15:00'), 20),
      deploy('production', at(-66, '09:30'), 20),
    ],
    'storefront-web': [
      deploy('staging', at(-73, '15:30'), 15),
      deploy('production', at(-66, '10:30'), 15),
    ],
  },
  rolledBack: {
    at: at(-66, '16:30'),
    reason:
      'ledger-service booked converted amounts with half-up rounding; ledger-service and ' +
      'currency-service are rolled back and multi-currency prices are off until the fix ships',
  },
  flags: [
    {
      component: 'pricing-service',
      key: 'multi-currency-prices',
      ownerRef: 'group:default/team-catalog',
      purpose: "Show prices in the shopper's currency",
      createdBy: 'olivia',
      at: at(-80, '10:00'),
      expiresAt: at(-20, '17:00'),
      changes: [
        { state: 'off', by: 'olivia', at: at(-66, '14:20') },
        { state: 'removed', by: 'niaj', at: at(-36, '10:00') },
      ],
    },
  ],
  retrospective: {
    notes: [
      {
        column: 'went-well',
        by: 'ivan',
        at: at(-63, '10:05'),
        text: 'Rolling back ledger-service and currency-service took under 40 minutes each, as rehearsed.',
      },
      {
        column: 'went-well',
        by: 'olivia',
        at: at(-63, '10:10'),
        text: 'Turning the multi-currency-prices flag off hid the feature within minutes.',
      },
      {
        column: 'to-improve',
        by: 'judy',
        at: at(-63, '10:15'),
        text: 'No test covered half-even rounding of converted amounts: finance found it, not CI.',
      },
      {
        column: 'to-improve',
        by: 'bob',
        at: at(-63, '10:20'),
        text: 'The fix had to wait for the next train: there is no way to ship a hotfix outside one.',
      },
      {
        column: 'to-improve',
        by: 'trent',
        at: at(-63, '10:25'),
        text: 'storefront-bff showed stale prices for a few minutes while the currency switched back.',
      },
    ],
    actionItems: [
      {
        title:
          'Add property tests for half-even rounding of converted amounts to ledger-service',
        ownerRef: 'group:default/team-payments-core',
        at: at(-63, '11:00'),
        dueAt: at(-52, '17:00'),
        closed: { status: 'done', by: 'judy', at: at(-53, '16:00') },
      },
      {
        // Action items go to teams that took part: team-checkout owns the pricing path that
        // was rolled back.
        title:
          'Allow hotfix deployments outside a train for rolled-back participants',
        ownerRef: 'group:default/team-checkout',
        at: at(-63, '11:02'),
        dueAt: at(-49, '17:00'),
        closed: { status: 'done', by: 'grace', at: at(-44, '12:00') },
      },
      {
        title:
          'Cache price lists in storefront-bff while the currency switches',
        ownerRef: 'component:default/storefront-bff',
        at: at(-63, '11:04'),
        dueAt: at(-45, '17:00'),
        closed: { status: 'done', by: 'trent', at: at(-47, '11:00') },
      },
    ],
  },
};
