import {
  HistoryTrain,
  approve,
  at,
  deploy,
  failed,
  passed,
} from '../definition';

/**
 * Train 16, about seven weeks ago: stock-aware search, and multi-currency bookings again with
 * the rounding fix, which the new property tests checked in integration. search-indexer went
 * into deployment on a waiver after its rollback rehearsal failed; one production deployment
 * failed and was redeployed within the hour.
 */
export const train16: HistoryTrain = {
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
        'ledger-service': [
          approve(
            'judy',
            at(-50, '15:00'),
            '4.3.1 carries the half-even rounding fix',
          ),
        ],
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
  // Search results went stale right after search-api's second production deployment; nobody
  // has said yet what caused it, so the portal still suggests it.
  incidents: [
    {
      id: 'INC-2107',
      title: 'Search shows products out of stock',
      component: 'search-api',
      severity: 'medium',
      at: at(-38, '12:40'),
      minutesToRestore: 50,
      usersAffected: 400,
      impactMinutes: 50,
    },
  ],
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
