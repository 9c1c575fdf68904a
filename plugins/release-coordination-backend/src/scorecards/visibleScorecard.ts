import {
  ScorecardResponse,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { CallerVisibility, hiddenCounts } from '../access';
import { unknownScopeError } from './ScorecardService';

const refOf = (scope: ScorecardScope) => ('ref' in scope ? scope.ref : undefined);

/**
 * A scope whose entity the caller may not see in the catalog is answered as an unknown one,
 * before anything is computed for it.
 */
export async function requireVisibleScope(
  scope: ScorecardScope,
  caller: CallerVisibility,
): Promise<void> {
  if (scope.kind === 'organization' || scope.kind === 'train') return;
  const visibility = await caller.of([scope.ref]);
  if (!visibility.isVisible(scope.ref)) throw unknownScopeError(scope);
}

/**
 * The drill-down rows naming entities the caller may not see are left out and counted. Their
 * facts still count in the scope's own metrics: a team's numbers are the team's, whoever reads
 * them.
 */
export async function visibleScorecard(
  scorecard: ScorecardResponse,
  caller: CallerVisibility,
): Promise<ScorecardResponse> {
  const refs = scorecard.children.flatMap(child => refOf(child.scope) ?? []);
  const visibility = await caller.of(refs);
  const children = scorecard.children.filter(child => {
    const ref = refOf(child.scope);
    return ref === undefined || visibility.isVisible(ref);
  });
  return {
    ...scorecard,
    children,
    ...hiddenCounts({ children: scorecard.children.length - children.length }),
  };
}
