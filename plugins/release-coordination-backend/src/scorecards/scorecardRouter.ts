import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import {
  scorecardReadPermission,
  ScorecardPeriod,
  ScorecardScope,
  entityRefKind,
} from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createContractRouter } from '../http/contractRouter';
import { z } from 'zod';
import { ScorecardService } from './ScorecardService';
import { createReaderOf } from '../access';
import { entityRef, parseInput } from '../http/validation';
import { VisibilityResolver } from '../access';
import { requireVisibleScope, visibleScorecard } from './visibleScorecard';

const DAY_MS = 24 * 3_600_000;
/**
 * The longest period a scorecard covers: two years (and a leap day). Longer periods say little
 * a trend of shorter ones would not, and cost a scan of every deployment ever made.
 */
export const MAX_SCORECARD_PERIOD_DAYS = 731;

/** Why a read of scorecards is refused: the same words for the route and the action. */
export const SCORECARD_READ_REFUSAL = 'You are not allowed to read scorecards';

const SCOPE_KINDS = ['organization', 'team', 'system', 'domain', 'train', 'component'] as const;

/** The catalog kinds a scope's ref may name. */
const REF_KINDS: Record<'team' | 'system' | 'domain' | 'component', string[]> = {
  team: ['group'],
  system: ['system'],
  domain: ['domain'],
  // A participant may be a Resource as well as a Component.
  component: ['component', 'resource'],
};

const isoTime = z.iso.datetime({ offset: true });

/** A scorecard's scope and period, as the route's query and the get-scorecard action take them. */
export const scorecardQuery = z
  .object({
    scope: z.enum(SCOPE_KINDS),
    ref: z.string().trim().min(1).max(512).optional(),
    from: isoTime,
    to: isoTime,
  })
  .strict()
  .transform((query, ctx): { scope: ScorecardScope; period: ScorecardPeriod } => {
    const issue = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [path], message });
      return z.NEVER;
    };
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (!(from < to)) return issue('to', 'to must be after from');
    if (to - from > MAX_SCORECARD_PERIOD_DAYS * DAY_MS) {
      return issue('to', `a scorecard period spans at most ${MAX_SCORECARD_PERIOD_DAYS} days`);
    }
    const period = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };

    if (query.scope === 'organization') {
      if (query.ref !== undefined) return issue('ref', 'the organization scope takes no ref');
      return { scope: { kind: 'organization' }, period };
    }
    if (query.ref === undefined) return issue('ref', `ref is required for scope '${query.scope}'`);
    if (query.scope === 'train') {
      if (!z.uuid().safeParse(query.ref).success) return issue('ref', 'a train ref is the id of a train');
      return { scope: { kind: 'train', id: query.ref.toLowerCase() }, period };
    }
    const parsed = entityRef.safeParse(query.ref);
    if (!parsed.success) return issue('ref', parsed.error.issues[0].message);
    const kinds = REF_KINDS[query.scope];
    const kind = entityRefKind(parsed.data);
    if (!kinds.includes(kind)) {
      return issue(
        'ref',
        `scope '${query.scope}' needs the ref of a ${kinds.join(' or ')}, not of a ${kind}`,
      );
    }
    return { scope: { kind: query.scope, ref: parsed.data }, period };
  });

/** The scorecard route: metrics of a scope over a period, computed from what happened. */
export function createScorecardRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  scorecards: ScorecardService;
  /** What each caller may see of the catalog: drill-down rows leave out the rest. */
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, scorecards, visibility } = options;
  const router = createContractRouter();
  const readerOf = createReaderOf({
    httpAuth,
    permissions,
    permission: scorecardReadPermission,
    refusal: SCORECARD_READ_REFUSAL,
  });

  router.get('/scorecards', async (req, res) => {
    const credentials = await readerOf(req);
    const { scope, period } = parseInput(scorecardQuery, req.query, 'query');
    const caller = visibility.forCaller(credentials);
    await requireVisibleScope(scope, caller);
    res.json(await visibleScorecard(await scorecards.getScorecard(scope, period), caller));
  });

  return router;
}
