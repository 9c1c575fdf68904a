import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The plugin's root page, `/release-coordination`: the list of trains. */
export const rootRouteRef = createRouteRef({ id: 'release-coordination' });

/** One train, `/release-coordination/trains/:trainId`, routed inside the root page. */
export const trainRouteRef = createSubRouteRef({
  id: 'release-coordination/train',
  parent: rootRouteRef,
  path: '/trains/:trainId',
});

/**
 * The gates waiting for the signed-in user's groups, `/release-coordination/approvals`: a page
 * of its own so that apps can put it in their navigation.
 */
export const approvalsRouteRef = createRouteRef({ id: 'release-coordination/approvals' });

/**
 * The release calendar, `/release-coordination/calendar`: every train's stage windows across
 * teams, the change freezes and the collisions. Period and filters live in its query string.
 */
export const calendarRouteRef = createRouteRef({ id: 'release-coordination/calendar' });

/**
 * The release cadences, `/release-coordination/cadences`: recurring series of trains with shared
 * stage windows and a rotating ambassador roster. The cadence shown lives in its query string.
 */
export const cadencesRouteRef = createRouteRef({ id: 'release-coordination/cadences' });

/**
 * The scorecards, `/release-coordination/scorecards`: a page of its own so that leadership
 * finds it in the navigation. Scope and period live in its query string.
 */
export const scorecardsRouteRef = createRouteRef({ id: 'release-coordination/scorecards' });

/**
 * The release dictionary, `/release-coordination/dictionary`: terms, responsibilities and
 * escalation paths. Dictionary links elsewhere in the plugin resolve through it.
 */
export const dictionaryRouteRef = createRouteRef({ id: 'release-coordination/dictionary' });
