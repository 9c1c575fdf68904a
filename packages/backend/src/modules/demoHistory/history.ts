import {
  DemoHistory,
  HistoryTrain,
  approve,
  at,
  deploy,
  failed,
  passed,
  reject,
} from './definition';

/**
 * Train 14, about sixteen weeks ago: the first train run through the portal. Owners took days
 * to notice gates waiting for them, four checks failed before they passed, two teams reported
 * their rollback rehearsals only when the gate asked for them, card-vault went into deployment
 * on a waiver after its rehearsal failed, a go/no-go was rejected, a production deployment
 * failed and another needed a hotfix the next morning.
 */
const train14: HistoryTrain = {
  key: 'train-14',
  name: 'Train 14: Saved cards at checkout',
  objective:
    'Returning customers pay with a saved card in one click: card-vault keeps the tokens, ' +
    'payment-gateway charges them, fraud-scorer scores saved-card payments and checkout offers them.',
  ambassador: 'alice',
  createdAt: at(-112, '09:00'),
  participants: [
    {
      component: 'card-vault',
      owner: 'team-payments-core',
      version: '2.1.0',
      rollbackPlan: { by: 'ivan', at: at(-110, '10:00') },
    },
    {
      component: 'auth-service',
      owner: 'team-identity',
      version: '6.3.0',
      rollbackPlan: { by: 'frank', at: at(-110, '15:00') },
    },
    {
      component: 'payment-gateway',
      owner: 'team-payments-core',
      version: '7.4.0',
      rollbackPlan: { by: 'bob', at: at(-109, '11:30') },
    },
    {
      component: 'fraud-scorer',
      owner: 'team-fraud',
      version: '4.6.0',
      rollbackPlan: { by: 'mallory', at: at(-108, '10:15') },
    },
    {
      component: 'checkout-api',
      owner: 'team-checkout',
      version: '3.8.0',
      rollbackPlan: { by: 'grace', at: at(-111, '11:00') },
    },
    {
      component: 'checkout-web',
      owner: 'team-checkout',
      version: '5.2.0',
      rollbackPlan: { by: 'heidi', at: at(-110, '16:50') },
    },
  ],
  stages: {
    planning: {
      window: [at(-112, '09:00'), at(-106, '17:00')],
      approvals: {
        'checkout-api': [approve('alice', at(-111, '10:05'), 'Saved cards ship behind a flag')],
        'checkout-web': [approve('heidi', at(-110, '16:40'))],
        'payment-gateway': [approve('bob', at(-109, '11:15'))],
        'card-vault': [approve('ivan', at(-109, '11:30'))],
        'fraud-scorer': [approve('erin', at(-108, '09:50'))],
        'auth-service': [
          reject(
            'frank',
            at(-108, '15:20'),
            '6.3.0 changes the token format and session-cache is not migrated yet',
          ),
          approve(
            'frank',
            at(-105, '10:10'),
            'Scoped down to refresh-token rotation; the token format stays as it is',
          ),
        ],
      },
      // The planned end: auth-service was not confirmed yet.
      blockedAdvances: [at(-106, '17:00')],
      leftAt: at(-104, '16:00'),
    },
    integration: {
      window: [at(-106, '17:00'), at(-99, '17:00')],
      checks: {
        'card-vault': [passed(at(-103, '14:00'))],
        'auth-service': [passed(at(-103, '16:20'))],
        'payment-gateway': [
          // The charge request lacks the token schema version.
          failed(at(-102, '11:40')),
          passed(at(-100, '15:10')),
        ],
        'fraud-scorer': [passed(at(-102, '13:05'))],
        'checkout-api': [
          // Saved-card payloads fail the payment-api consumer contract.
          failed(at(-101, '10:30')),
          passed(at(-97, '09:45')),
        ],
        'checkout-web': [passed(at(-99, '14:00'))],
      },
      leftAt: at(-96, '15:30'),
    },
    validation: {
      window: [at(-99, '17:00'), at(-94, '17:00')],
      checks: {
        'card-vault': [
          // p99 latency of tokenize up 40% against the baseline.
          failed(at(-95, '10:20')),
          passed(at(-93, '12:00')),
        ],
        'auth-service': [passed(at(-95, '11:00'))],
        'payment-gateway': [passed(at(-94, '15:00'))],
        'fraud-scorer': [
          // False-positive rate 2.1% on saved-card payments, budget 1%.
          failed(at(-94, '16:30')),
          passed(at(-92, '10:40')),
        ],
        'checkout-api': [passed(at(-93, '14:20'))],
        'checkout-web': [passed(at(-92, '09:30'))],
      },
      // The planned end: card-vault and fraud-scorer were still failing their canaries, and
      // fraud-scorer and checkout-web had not rehearsed their rollback yet.
      blockedAdvances: [at(-94, '17:00')],
      leftAt: at(-91, '11:00'),
    },
    deployment: {
      window: [at(-94, '17:00'), at(-90, '17:00')],
      waivers: {
        // Given in validation: the rehearsal guards the way into deployment.
        'card-vault': {
          gate: 'deployment-rollback-rehearsed',
          by: 'alice',
          at: at(-91, '10:30'),
          reason:
            'The rollback rehearsal failed on the staging connection pool, not on the rollback ' +
            'itself; team-payments-core redeploys 2.0.x by the runbook and watches tokenize errors',
          until: at(-84, '17:00'),
        },
      },
      approvals: {
        'card-vault': [approve('judy', at(-90, '10:00'))],
        'auth-service': [approve('walter', at(-90, '10:30'))],
        'payment-gateway': [approve('bob', at(-90, '11:45'))],
        'fraud-scorer': [
          reject('erin', at(-90, '14:00'), 'Hold until the saved-card rules are tuned for the weekend peak'),
          approve('erin', at(-89, '09:15'), 'Rules tuned and replayed against last weekend; go'),
        ],
        'checkout-api': [approve('grace', at(-89, '10:00'))],
        'checkout-web': [approve('heidi', at(-89, '10:20'))],
      },
      leftAt: at(-86, '17:30'),
    },
  },
  deployments: {
    'card-vault': [
      deploy('staging', at(-96, '16:00'), 20),
      deploy('staging', at(-93, '10:00'), 20),
      deploy('production', at(-89, '13:00'), 25, { result: 'failed' }),
      deploy('production', at(-89, '16:30'), 20),
    ],
    'auth-service': [
      deploy('staging', at(-96, '16:30'), 15),
      deploy('production', at(-89, '11:00'), 15),
    ],
    'payment-gateway': [
      deploy('staging', at(-95, '09:00'), 30),
      deploy('production', at(-88, '10:00'), 30),
    ],
    'fraud-scorer': [
      deploy('staging', at(-95, '09:30'), 20),
      deploy('staging', at(-92, '09:00'), 20),
      deploy('production', at(-88, '11:30'), 20),
    ],
    'checkout-api': [
      deploy('staging', at(-95, '10:00'), 25),
      deploy('production', at(-87, '10:00'), 25),
    ],
    'checkout-web': [
      deploy('staging', at(-95, '11:00'), 15),
      deploy('production', at(-87, '14:00'), 15),
      deploy('production', at(-86, '09:30'), 15, { version: '5.2.1', hotfix: true }),
    ],
  },
  flags: [
    {
      component: 'checkout-web',
      key: 'saved-cards-checkout',
      ownerRef: 'group:default/team-checkout',
      purpose: 'Offer saved cards at checkout while the rollout ramps up',
      createdBy: 'alice',
      at: at(-110, '11:00'),
      expiresAt: at(-50, '17:00'),
      changes: [{ state: 'removed', by: 'heidi', at: at(-72, '10:00') }],
    },
    {
      component: 'payment-gateway',
      key: 'card-token-charges',
      ownerRef: 'group:default/team-payments-core',
      purpose: 'Charge saved-card tokens through the new token API',
      createdBy: 'bob',
      at: at(-109, '12:00'),
      expiresAt: at(-60, '17:00'),
      changes: [{ state: 'removed', by: 'judy', at: at(-80, '15:00') }],
    },
  ],
  retrospective: {
    notes: [
      {
        column: 'went-well',
        by: 'grace',
        at: at(-85, '10:05'),
        text: 'Saved cards reached every shopper within a day of the go decision.',
      },
      {
        column: 'went-well',
        by: 'bob',
        at: at(-85, '10:10'),
        text: 'Contract tests caught the token schema mismatch in payment-gateway before staging.',
      },
      {
        column: 'to-improve',
        by: 'alice',
        at: at(-85, '10:15'),
        text: 'Approvals took up to three days: owners did not notice gates waiting for them.',
      },
      {
        column: 'to-improve',
        by: 'ivan',
        at: at(-85, '10:20'),
        text: 'The card-vault production deployment failed on a connection pool limit we never rehearsed.',
      },
      {
        column: 'to-improve',
        by: 'heidi',
        at: at(-85, '10:30'),
        text: 'The Safari 3-D Secure redirect loop needed a hotfix the morning after.',
      },
    ],
    actionItems: [
      {
        title: 'Run the payment-gateway contract tests on every merge, not only during integration',
        ownerRef: 'group:default/team-payments-core',
        at: at(-85, '11:30'),
        dueAt: at(-70, '17:00'),
        // Before train 15, whose planning waits for team-payments-core's open items, was left.
        closed: { status: 'done', by: 'judy', at: at(-81, '15:00') },
      },
      {
        title: 'Rehearse the card-vault rollback before every train',
        ownerRef: 'component:default/card-vault',
        at: at(-85, '11:32'),
        dueAt: at(-75, '17:00'),
        closed: { status: 'done', by: 'ivan', at: at(-71, '11:00'), comment: 'Rehearsed; it passed' },
      },
      {
        title: 'Publish the fraud-scorer canary thresholds in its runbook',
        ownerRef: 'group:default/team-fraud',
        at: at(-85, '11:34'),
        dueAt: at(-70, '17:00'),
        closed: {
          status: 'dropped',
          by: 'mallory',
          at: at(-74, '09:30'),
          comment: 'Superseded: the thresholds now live in the shared canary configuration',
        },
      },
      {
        title: 'Test 3-D Secure redirects on Safari before go/no-go',
        ownerRef: 'group:default/team-checkout',
        at: at(-85, '11:36'),
        dueAt: at(-78, '17:00'),
        closed: { status: 'done', by: 'heidi', at: at(-80, '14:00') },
      },
    ],
  },
};

/**
 * Train 15, about twelve weeks ago: faster approvals and fewer failed checks, but the ledger
 * booked converted amounts with the wrong rounding. ledger-service and currency-service were
 * rolled back in production and the train was marked rolled back; the fix rode train 16.
 */
const train15: HistoryTrain = {
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
          reject('ivan', at(-69, '10:00'), 'The exchange-rate feed still points at the sandbox provider'),
          approve('ivan', at(-68, '15:00'), 'Feed switched to the production provider'),
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
      deploy('production', at(-67, '10:00'), 20, { rollback: { at: at(-66, '15:20'), minutes: 28 } }),
    ],
    'ledger-service': [
      deploy('staging', at(-73, '13:30'), 25),
      deploy('production', at(-67, '11:00'), 25, { rollback: { at: at(-66, '14:40'), minutes: 35 } }),
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
        title: 'Add property tests for half-even rounding of converted amounts to ledger-service',
        ownerRef: 'group:default/team-payments-core',
        at: at(-63, '11:00'),
        dueAt: at(-52, '17:00'),
        closed: { status: 'done', by: 'judy', at: at(-53, '16:00') },
      },
      {
        // Action items go to teams that took part: team-checkout owns the pricing path that
        // was rolled back.
        title: 'Allow hotfix deployments outside a train for rolled-back participants',
        ownerRef: 'group:default/team-checkout',
        at: at(-63, '11:02'),
        dueAt: at(-49, '17:00'),
        closed: { status: 'done', by: 'grace', at: at(-44, '12:00') },
      },
      {
        title: 'Cache price lists in storefront-bff while the currency switches',
        ownerRef: 'component:default/storefront-bff',
        at: at(-63, '11:04'),
        dueAt: at(-45, '17:00'),
        closed: { status: 'done', by: 'trent', at: at(-47, '11:00') },
      },
    ],
  },
};

/**
 * Train 16, about seven weeks ago: stock-aware search, and multi-currency bookings again with
 * the rounding fix, which the new property tests checked in integration. search-indexer went
 * into deployment on a waiver after its rollback rehearsal failed; one production deployment
 * failed and was redeployed within the hour.
 */
const train16: HistoryTrain = {
  key: 'train-16',
  name: 'Train 16: Stock-aware search and multi-currency, take two',
  objective:
    'Rank search results by stock and margin, and ship multi-currency bookings again with the ' +
    'half-even rounding fix from train 15.',
  ambassador: 'dave',
  createdAt: at(-50, '09:00'),
  participants: [
    {
      component: 'catalog-service',
      owner: 'team-catalog',
      version: '12.2.0',
      rollbackPlan: { by: 'niaj', at: at(-50, '13:30') },
    },
    {
      component: 'currency-service',
      owner: 'team-payments-core',
      version: '1.9.1',
      rollbackPlan: { by: 'ivan', at: at(-50, '14:40') },
    },
    {
      component: 'ledger-service',
      owner: 'team-payments-core',
      version: '4.3.1',
      rollbackPlan: { by: 'judy', at: at(-50, '15:10') },
    },
    {
      component: 'search-api',
      owner: 'team-search',
      version: '5.0.0',
      rollbackPlan: { by: 'peggy', at: at(-50, '11:20') },
    },
    {
      component: 'search-indexer',
      owner: 'team-search',
      version: '3.7.0',
      rollbackPlan: { by: 'dave', at: at(-50, '11:30') },
    },
  ],
  stages: {
    planning: {
      window: [at(-50, '09:00'), at(-47, '17:00')],
      approvals: {
        'catalog-service': [approve('niaj', at(-50, '13:00'))],
        'currency-service': [approve('ivan', at(-50, '14:30'))],
        'ledger-service': [approve('judy', at(-50, '15:00'), '4.3.1 carries the half-even rounding fix')],
        'search-api': [approve('peggy', at(-50, '11:00'))],
        'search-indexer': [approve('dave', at(-50, '11:05'))],
      },
      leftAt: at(-47, '10:00'),
    },
    integration: {
      window: [at(-47, '17:00'), at(-43, '17:00')],
      checks: {
        'catalog-service': [passed(at(-46, '10:00'))],
        'currency-service': [passed(at(-46, '10:30'))],
        'ledger-service': [
          // The half-even property tests found a mismatch for amounts in JPY.
          failed(at(-46, '11:00')),
          passed(at(-45, '09:40')),
        ],
        'search-api': [passed(at(-45, '14:00'))],
        'search-indexer': [passed(at(-45, '15:00'))],
      },
      leftAt: at(-44, '10:00'),
    },
    validation: {
      window: [at(-43, '17:00'), at(-40, '17:00')],
      checks: {
        'catalog-service': [passed(at(-43, '10:00'))],
        'currency-service': [passed(at(-43, '11:00'))],
        'ledger-service': [passed(at(-43, '11:30'))],
        'search-api': [
          // Zero-result rate up 3% for out-of-stock queries.
          failed(at(-43, '15:00')),
          passed(at(-42, '12:00')),
        ],
        'search-indexer': [passed(at(-42, '13:00'))],
      },
      leftAt: at(-41, '10:00'),
    },
    deployment: {
      window: [at(-40, '17:00'), at(-37, '17:00')],
      waivers: {
        // Given in validation: the rehearsal guards the way into deployment.
        'search-indexer': {
          gate: 'deployment-rollback-rehearsed',
          by: 'dave',
          at: at(-41, '09:30'),
          reason:
            'The staging rehearsal failed restoring an index snapshot; team-search rolls back ' +
            'by pointing the search alias at the previous index by hand',
          until: at(-36, '17:00'),
        },
      },
      approvals: {
        'catalog-service': [approve('olivia', at(-40, '10:00'))],
        'currency-service': [approve('bob', at(-40, '10:30'))],
        'ledger-service': [approve('judy', at(-40, '10:40'))],
        'search-api': [approve('sybil', at(-40, '11:00'))],
        'search-indexer': [approve('peggy', at(-40, '11:10'))],
      },
      leftAt: at(-37, '16:00'),
    },
  },
  deployments: {
    'catalog-service': [
      deploy('staging', at(-44, '11:00'), 20),
      deploy('production', at(-39, '10:00'), 20),
    ],
    'currency-service': [
      deploy('staging', at(-44, '11:30'), 15),
      deploy('production', at(-39, '11:00'), 15),
    ],
    'ledger-service': [
      deploy('staging', at(-44, '12:00'), 25),
      deploy('production', at(-39, '11:30'), 25),
    ],
    'search-api': [
      deploy('staging', at(-44, '13:00'), 15),
      deploy('staging', at(-42, '10:30'), 15),
      deploy('production', at(-38, '10:00'), 15),
    ],
    'search-indexer': [
      deploy('staging', at(-44, '13:30'), 30),
      deploy('production', at(-38, '11:00'), 30, { result: 'failed' }),
      deploy('production', at(-38, '11:50'), 25),
    ],
  },
  flags: [
    {
      component: 'search-api',
      key: 'stock-aware-ranking',
      ownerRef: 'group:default/team-search',
      purpose: 'Rank in-stock products first while relevance is measured',
      createdBy: 'peggy',
      at: at(-49, '10:00'),
      expiresAt: at(-5, '17:00'),
      changes: [{ state: 'removed', by: 'dave', at: at(-25, '11:00') }],
    },
    {
      component: 'currency-service',
      key: 'multi-currency-bookings',
      ownerRef: 'group:default/team-payments-core',
      purpose: 'Book converted amounts in both currencies',
      createdBy: 'ivan',
      at: at(-49, '11:00'),
      expiresAt: at(-9, '17:00'),
      changes: [{ state: 'removed', by: 'bob', at: at(-30, '10:00') }],
    },
  ],
  retrospective: {
    notes: [
      {
        column: 'went-well',
        by: 'judy',
        at: at(-36, '10:05'),
        text: 'The new rounding property tests failed in integration, where they should.',
      },
      {
        column: 'went-well',
        by: 'peggy',
        at: at(-36, '10:10'),
        text: 'Canary analysis caught the zero-result regression for out-of-stock queries.',
      },
      {
        column: 'to-improve',
        by: 'dave',
        at: at(-36, '10:15'),
        text: 'The search-indexer alias swap timed out in production; no rehearsal had covered it.',
      },
      {
        column: 'to-improve',
        by: 'niaj',
        at: at(-36, '10:20'),
        text: 'catalog-service schema migrations are still checked by hand before every deployment.',
      },
    ],
    actionItems: [
      {
        title: 'Rehearse rolling back the search-indexer alias swap in staging',
        ownerRef: 'component:default/search-indexer',
        at: at(-36, '11:00'),
        dueAt: at(-25, '17:00'),
        closed: { status: 'done', by: 'peggy', at: at(-26, '15:00') },
      },
      {
        title: 'Automate the catalog-service schema migration checks in CI',
        ownerRef: 'group:default/team-catalog',
        at: at(-36, '11:02'),
        dueAt: at(-20, '17:00'),
      },
    ],
  },
};

/**
 * Train 17, finished a week ago: every approval within hours, one failed contract test, and
 * all production deployments succeeded. team-catalog's open item from train 16 held planning
 * until the ambassador waived it for catalog-service. One feature flag is still on while its
 * rollout ramps up.
 */
const train17: HistoryTrain = {
  key: 'train-17',
  name: 'Train 17: Faster product pages',
  objective:
    'Cut product page load time by a third: lazy-loaded images in storefront-web, leaner ' +
    'catalog payloads, cached review summaries and feature flags served from config-service.',
  ambassador: 'rupert',
  createdAt: at(-17, '09:30'),
  participants: [
    {
      component: 'catalog-service',
      owner: 'team-catalog',
      version: '12.4.0',
      rollbackPlan: { by: 'olivia', at: at(-17, '11:10') },
    },
    {
      component: 'config-service',
      owner: 'team-platform-infra',
      version: '2.8.0',
      rollbackPlan: { by: 'carol', at: at(-17, '12:40') },
    },
    {
      component: 'reviews-service',
      owner: 'team-storefront',
      version: '1.12.0',
      rollbackPlan: { by: 'trent', at: at(-17, '10:50') },
    },
    {
      component: 'storefront-bff',
      owner: 'team-storefront',
      version: '3.6.0',
      rollbackPlan: { by: 'sybil', at: at(-17, '13:20') },
    },
    {
      component: 'storefront-web',
      owner: 'team-storefront',
      version: '9.4.0',
      rollbackPlan: { by: 'rupert', at: at(-17, '10:05') },
    },
  ],
  stages: {
    planning: {
      window: [at(-17, '09:30'), at(-15, '17:00')],
      approvals: {
        'catalog-service': [approve('olivia', at(-17, '11:00'))],
        'config-service': [approve('carol', at(-17, '12:30'))],
        'reviews-service': [approve('trent', at(-17, '10:45'))],
        'storefront-bff': [approve('sybil', at(-17, '13:10'))],
        'storefront-web': [approve('rupert', at(-17, '10:00'))],
      },
      // team-catalog's schema migration checks from train 16 were still open.
      blockedAdvances: [at(-16, '09:00')],
      waivers: {
        'catalog-service': {
          gate: 'planning-lessons-acted-on',
          by: 'rupert',
          at: at(-15, '09:30'),
          reason:
            'team-catalog automates the schema migration checks after this train; until then ' +
            'niaj checks the catalog-service migrations by hand before each deployment',
          until: at(-7, '17:00'),
        },
      },
      leftAt: at(-15, '10:00'),
    },
    integration: {
      window: [at(-15, '17:00'), at(-13, '17:00')],
      checks: {
        'catalog-service': [passed(at(-15, '14:00'))],
        'config-service': [passed(at(-15, '14:30'))],
        'reviews-service': [passed(at(-14, '10:00'))],
        'storefront-bff': [
          // reviews-service 1.12 renamed the review summary field.
          failed(at(-14, '11:00')),
          passed(at(-14, '16:00')),
        ],
        'storefront-web': [passed(at(-13, '10:00'))],
      },
      leftAt: at(-13, '14:00'),
    },
    validation: {
      window: [at(-13, '17:00'), at(-11, '17:00')],
      checks: {
        'catalog-service': [passed(at(-12, '11:00'))],
        'config-service': [passed(at(-12, '11:30'))],
        'reviews-service': [passed(at(-12, '13:00'))],
        'storefront-bff': [passed(at(-12, '14:00'))],
        'storefront-web': [passed(at(-11, '10:00'))],
      },
      leftAt: at(-11, '12:00'),
    },
    deployment: {
      window: [at(-11, '17:00'), at(-8, '17:00')],
      approvals: {
        'catalog-service': [approve('niaj', at(-11, '14:00'))],
        'config-service': [approve('victor', at(-11, '14:20'))],
        'reviews-service': [approve('trent', at(-11, '15:00'))],
        'storefront-bff': [approve('sybil', at(-11, '15:30'))],
        'storefront-web': [approve('rupert', at(-11, '16:00'))],
      },
      leftAt: at(-7, '10:00'),
    },
  },
  deployments: {
    'catalog-service': [
      deploy('staging', at(-13, '15:00'), 20),
      deploy('production', at(-9, '10:00'), 20),
    ],
    'config-service': [
      deploy('staging', at(-13, '15:30'), 15),
      deploy('production', at(-9, '11:00'), 15),
    ],
    'reviews-service': [
      deploy('staging', at(-13, '16:00'), 15),
      deploy('production', at(-9, '14:00'), 15),
    ],
    'storefront-bff': [
      deploy('staging', at(-13, '16:30'), 20),
      deploy('production', at(-8, '10:00'), 20),
    ],
    'storefront-web': [
      deploy('staging', at(-13, '17:00'), 15),
      deploy('production', at(-8, '14:00'), 15),
    ],
  },
  flags: [
    {
      component: 'storefront-web',
      key: 'lazy-product-images',
      ownerRef: 'group:default/team-storefront',
      purpose: 'Lazy-load product images below the fold while the rollout ramps up',
      createdBy: 'rupert',
      at: at(-16, '10:00'),
      expiresAt: at(30, '17:00'),
      changes: [],
    },
    {
      component: 'config-service',
      key: 'flags-edge-cache',
      ownerRef: 'group:default/team-platform-infra',
      purpose: 'Serve flag values from the edge cache',
      createdBy: 'carol',
      at: at(-16, '11:00'),
      expiresAt: at(14, '17:00'),
      changes: [{ state: 'removed', by: 'victor', at: at(-5, '10:00') }],
    },
  ],
  retrospective: {
    notes: [
      {
        column: 'went-well',
        by: 'sybil',
        at: at(-6, '10:05'),
        text: 'Every approval came within hours: owners saw on the portal what waited for them.',
      },
      {
        column: 'went-well',
        by: 'olivia',
        at: at(-6, '10:10'),
        text: 'Leaner catalog payloads cut product page time by 38%.',
      },
      {
        column: 'to-improve',
        by: 'trent',
        at: at(-6, '10:15'),
        text:
          'Renaming the review summary field broke storefront-bff; rename with a deprecation ' +
          'period next time.',
      },
    ],
    actionItems: [
      {
        title: 'Remove the lazy-product-images flag from storefront-web once it is on for everyone',
        ownerRef: 'component:default/storefront-web',
        at: at(-6, '11:00'),
        dueAt: at(21, '17:00'),
      },
      {
        title: 'Document the config-service edge cache purge in its runbook',
        ownerRef: 'group:default/team-platform-infra',
        at: at(-6, '11:02'),
        dueAt: at(-2, '17:00'),
        closed: { status: 'done', by: 'victor', at: at(-3, '11:00') },
      },
    ],
  },
};

/**
 * The history the demo portal starts with: four release trains of the demo organisation over
 * the last sixteen weeks, and the rollback rehearsals between them. Told as a story: cycle time
 * shrinks from train to train, the rolled-back train 15 is followed by trains with fewer
 * failed deployments, and more gates pass at the first attempt.
 *
 * Every train went through the default gates: earlier trains' action items closed before
 * planning was left, rollback plans and passed rehearsals before deployment, no expired flags;
 * where one did not hold, the ambassador waived it with a reason.
 *
 * Nothing stays active, and the action items still open belong to team-catalog and a
 * team-storefront component only, so that journeys tried on a fresh portal (e.g. a train with
 * checkout-api, payment-gateway and search-api) meet no earlier train's leftovers.
 */
export const DEMO_HISTORY: DemoHistory = {
  trains: [train14, train15, train16, train17],
  drills: [
    { component: 'checkout-api', result: 'passed', at: at(-107, '15:00') },
    { component: 'auth-service', result: 'passed', at: at(-101, '10:00') },
    { component: 'payment-gateway', result: 'passed', at: at(-100, '11:00') },
    { component: 'card-vault', result: 'failed', at: at(-98, '14:00') },
    { component: 'fraud-scorer', result: 'passed', at: at(-93, '11:00') },
    { component: 'checkout-web', result: 'passed', at: at(-92, '15:00') },
    { component: 'ledger-service', result: 'passed', at: at(-76, '11:00') },
    { component: 'currency-service', result: 'passed', at: at(-76, '14:00') },
    { component: 'pricing-service', result: 'passed', at: at(-75, '11:00') },
    { component: 'cart-service', result: 'passed', at: at(-74, '15:00') },
    { component: 'storefront-bff', result: 'passed', at: at(-72, '16:00') },
    { component: 'storefront-web', result: 'passed', at: at(-72, '17:00') },
    { component: 'card-vault', result: 'passed', at: at(-71, '10:00') },
    { component: 'search-api', result: 'passed', at: at(-44, '15:00') },
    { component: 'ledger-service', result: 'passed', at: at(-42, '10:00') },
    { component: 'catalog-service', result: 'passed', at: at(-42, '11:00') },
    { component: 'search-indexer', result: 'failed', at: at(-42, '16:00') },
    { component: 'search-indexer', result: 'passed', at: at(-27, '14:00') },
    { component: 'storefront-bff', result: 'passed', at: at(-13, '16:00') },
    { component: 'catalog-service', result: 'passed', at: at(-12, '10:00') },
    { component: 'reviews-service', result: 'passed', at: at(-12, '14:30') },
    { component: 'storefront-web', result: 'passed', at: at(-12, '15:00') },
    { component: 'config-service', result: 'passed', at: at(-12, '16:00') },
  ],
  rollbackProcedures: {
    'auth-service': {
      criteria: 'Login error rate above 1% or token refresh failures above 0.5% for 5 minutes',
      procedureUrl: 'https://runbooks.example.com/identity/auth-service#rollback',
    },
    'card-vault': {
      criteria: 'Tokenize or detokenize errors above 0.1%, or p99 latency above 300 ms for 5 minutes',
      procedureUrl: 'https://runbooks.example.com/payments/card-vault#rollback',
    },
    'cart-service': {
      criteria: 'Add-to-cart errors above 1% or cart totals differing from pricing-service',
      procedureUrl: 'https://runbooks.example.com/checkout/cart-service#rollback',
    },
    'catalog-service': {
      criteria: 'Product reads failing above 0.5% or p95 latency above 400 ms for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/catalog/catalog-service#rollback',
    },
    'checkout-api': {
      criteria: 'Checkout error rate above 2% or p95 latency above 800 ms for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/checkout/checkout-api#rollback',
    },
    'checkout-web': {
      criteria: 'Checkout conversion down 5% against the same hour last week, or JavaScript errors doubled',
      procedureUrl: 'https://runbooks.example.com/checkout/checkout-web#rollback',
    },
    'config-service': {
      criteria: 'Flag evaluations failing above 0.1% or served values differing from the source',
      procedureUrl: 'https://runbooks.example.com/platform/config-service#rollback',
    },
    'currency-service': {
      criteria: 'Conversion errors above 0.1% or rates older than 15 minutes',
      procedureUrl: 'https://runbooks.example.com/payments/currency-service#rollback',
    },
    'fraud-scorer': {
      criteria: 'False-positive rate above 1% or scoring p99 above 150 ms for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/fraud/fraud-scorer#rollback',
    },
    'ledger-service': {
      criteria: 'Any booking that does not reconcile, or booking errors above 0.05%',
      procedureUrl: 'https://runbooks.example.com/payments/ledger-service#rollback',
    },
    'payment-gateway': {
      criteria: 'Authorisation rate down 2 points or charge errors above 0.5% for 5 minutes',
      procedureUrl: 'https://runbooks.example.com/payments/payment-gateway#rollback',
    },
    'pricing-service': {
      criteria: 'Price reads failing above 0.5% or price lists older than one hour',
      procedureUrl: 'https://runbooks.example.com/catalog/pricing-service#rollback',
    },
    'reviews-service': {
      criteria: 'Review reads failing above 1% or summaries missing on more than 5% of products',
      procedureUrl: 'https://runbooks.example.com/storefront/reviews-service#rollback',
    },
    'search-api': {
      criteria: 'Zero-result rate up 2 points or p95 latency above 300 ms for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/search/search-api#rollback',
    },
    'search-indexer': {
      criteria: 'Index lag above 10 minutes or the alias pointing at an incomplete index',
      procedureUrl: 'https://runbooks.example.com/search/search-indexer#rollback',
    },
    'storefront-bff': {
      criteria: 'Page API errors above 1% or p95 latency above 500 ms for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/storefront/storefront-bff#rollback',
    },
    'storefront-web': {
      criteria: 'Largest contentful paint up 20% or JavaScript errors doubled for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/storefront/storefront-web#rollback',
    },
  },
};
