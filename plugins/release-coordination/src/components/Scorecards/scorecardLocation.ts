import {
  ScorecardScope,
  ScorecardScopeKind,
} from '@release-coordination/plugin-release-coordination-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  customPeriodError,
  DEFAULT_PERIOD,
  isPresetKey,
  PeriodChoice,
} from './scorecardPeriods';

/**
 * Where a reader is on the scorecards page, kept in the query string so that a drill-down can
 * be linked to and the browser's back button walks back up:
 *
 * `?scope=team&ref=group:default/team-checkout&period=90d&trail=team:group:default/commerce-dept`
 *
 * `scope` and `ref` are those of `GET /scorecards` (a train's ref is its id); `period` is a
 * preset (`30d`, `90d`, `180d`, `365d`) or `custom` with `from` and `to` as UTC days, both
 * included; `trail` lists the scopes drilled through, outermost first, for the breadcrumb.
 */
export interface ScorecardLocation {
  scope: ScorecardScope;
  /** The scopes between the organisation and `scope`, outermost first. */
  trail: ScorecardScope[];
  period: PeriodChoice;
}

const SCOPE_KINDS: readonly ScorecardScopeKind[] = [
  'organization',
  'team',
  'system',
  'domain',
  'train',
  'component',
];

function toScope(kind: string | null, ref: string | null | undefined): ScorecardScope | undefined {
  if (!SCOPE_KINDS.includes(kind as ScorecardScopeKind)) return undefined;
  if (kind === 'organization') return { kind: 'organization' };
  const value = ref?.trim();
  if (!value) return undefined;
  if (kind === 'train') return { kind: 'train', id: value };
  return { kind: kind as 'team' | 'system' | 'domain' | 'component', ref: value };
}

/** The ref of a scope as the API takes it: the train's id, or the entity ref. */
export function scopeRef(scope: ScorecardScope): string | undefined {
  if (scope.kind === 'organization') return undefined;
  return scope.kind === 'train' ? scope.id : scope.ref;
}

/** One string per scope, e.g. `team:group:default/team-checkout`; refs compare case-insensitively. */
export function scopeKey(scope: ScorecardScope): string {
  const ref = scopeRef(scope);
  return ref === undefined ? scope.kind : `${scope.kind}:${ref.toLocaleLowerCase('en-US')}`;
}

function parseTrailEntry(entry: string): ScorecardScope | undefined {
  const colon = entry.indexOf(':');
  if (colon <= 0) return undefined;
  const scope = toScope(entry.slice(0, colon), entry.slice(colon + 1));
  return scope?.kind === 'organization' ? undefined : scope;
}

function trailEntry(scope: ScorecardScope): string {
  return `${scope.kind}:${scopeRef(scope)}`;
}

/** Reads a location from the query string; what it cannot read falls back to the defaults. */
export function parseScorecardSearch(params: URLSearchParams): ScorecardLocation {
  const scope = toScope(params.get('scope'), params.get('ref')) ?? { kind: 'organization' };
  const trail =
    scope.kind === 'organization'
      ? []
      : params
          .getAll('trail')
          .map(parseTrailEntry)
          .filter((s): s is ScorecardScope => s !== undefined);

  const preset = params.get('period');
  let period: PeriodChoice = DEFAULT_PERIOD;
  if (isPresetKey(preset)) {
    period = { kind: 'preset', preset };
  } else if (preset === 'custom') {
    const fromDay = params.get('from') ?? '';
    const toDay = params.get('to') ?? '';
    if (customPeriodError(fromDay, toDay) === undefined) {
      period = { kind: 'custom', fromDay, toDay };
    }
  }
  return { scope, trail, period };
}

/** Writes a location into a query string. */
export function scorecardSearch(location: ScorecardLocation): URLSearchParams {
  const params = new URLSearchParams();
  params.set('scope', location.scope.kind);
  const ref = scopeRef(location.scope);
  if (ref !== undefined) params.set('ref', ref);
  if (location.period.kind === 'custom') {
    params.set('period', 'custom');
    params.set('from', location.period.fromDay);
    params.set('to', location.period.toDay);
  } else {
    params.set('period', location.period.preset);
  }
  if (location.scope.kind !== 'organization') {
    for (const scope of location.trail) params.append('trail', trailEntry(scope));
  }
  return params;
}

/**
 * The page's location in the query string, and the moves a reader makes. Drilling down and
 * choosing a period add a history entry; editing a custom date in place replaces it, so the
 * back button does not step through every keystroke.
 */
export function useScorecardLocation() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const location = useMemo(() => parseScorecardSearch(new URLSearchParams(search)), [search]);

  const go = useCallback(
    (next: ScorecardLocation, options?: { replace?: boolean }) =>
      setParams(scorecardSearch(next), { replace: options?.replace ?? false }),
    [setParams],
  );

  /** Opens a narrower scope; the current one joins the breadcrumb trail. */
  const drillDown = useCallback(
    (scope: ScorecardScope) => {
      if (scopeKey(scope) === scopeKey(location.scope)) return;
      const trail =
        location.scope.kind === 'organization' ? [] : [...location.trail, location.scope];
      go({ ...location, scope, trail });
    },
    [go, location],
  );

  /** Goes back up to a scope of the trail (by its index), or to the organisation (`-1`). */
  const openTrail = useCallback(
    (index: number) => {
      if (index < 0) {
        go({ ...location, scope: { kind: 'organization' }, trail: [] });
      } else {
        go({ ...location, scope: location.trail[index], trail: location.trail.slice(0, index) });
      }
    },
    [go, location],
  );

  const setPeriod = useCallback(
    (period: PeriodChoice, options?: { replace?: boolean }) => go({ ...location, period }, options),
    [go, location],
  );

  return { location, drillDown, openTrail, setPeriod };
}
