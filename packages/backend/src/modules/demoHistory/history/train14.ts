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
 * Train 14, about sixteen weeks ago: the first train run through the portal. Owners took days
 * to notice gates waiting for them, four checks failed before they passed, two teams reported
 * their rollback rehearsals only when the gate asked for them, card-vault went into deployment
 * on a waiver after its rehearsal failed, a go/no-go was rejected, a production deployment
 * failed and another needed a hotfix the next morning.
 */
export const train14: HistoryTrain = {
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
        'checkout-api': [
          approve('alice', at(-111, '10:05'), 'Saved cards ship behind a flag'),
        ],
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
          reject(
            'erin',
            at(-90, '14:00'),
            'Hold until the saved-card rules are tuned for the weekend peak',
          ),
          approve(
            'erin',
            at(-89, '09:15'),
            'Rules tuned and replayed against last weekend; go',
          ),
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
      deploy('production', at(-86, '09:30'), 15, {
        version: '5.2.1',
        hotfix: true,
      }),
    ],
  },
  // payment-gateway 7.4.0 reached production at 10:30; checkout-api, which depends on it, began
  // failing saved-card payments at 12:10. bob (team-payments-core) confirmed the cause.
  incidents: [
    {
      id: 'INC-2041',
      title: 'Saved-card payments fail at checkout',
      component: 'checkout-api',
      severity: 'high',
      at: at(-88, '12:10'),
      minutesToRestore: 95,
      usersAffected: 1800,
      impactMinutes: 95,
      confirmed: {
        by: 'bob',
        at: at(-88, '15:00'),
        component: 'payment-gateway',
        n: 1,
        comment:
          'Card tokens were sent in the new format before card-vault accepted it',
      },
    },
  ],
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
        title:
          'Run the payment-gateway contract tests on every merge, not only during integration',
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
        closed: {
          status: 'done',
          by: 'ivan',
          at: at(-71, '11:00'),
          comment: 'Rehearsed; it passed',
        },
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
          comment:
            'Superseded: the thresholds now live in the shared canary configuration',
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
