import {
  HistoryTrain,
  approve,
  at,
  deploy,
  failed,
  passed,
} from '../definition';

/**
 * Train 17, finished a week ago: every approval within hours, one failed contract test, and
 * all production deployments succeeded. team-catalog's open item from train 16 held planning
 * until the ambassador waived it for catalog-service. One feature flag is still on while its
 * rollout ramps up.
 */
export const train17: HistoryTrain = {
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
      purpose:
        'Lazy-load product images below the fold while the rollout ramps up',
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
        title:
          'Remove the lazy-product-images flag from storefront-web once it is on for everyone',
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
