import { parseScorecardSearch, scopeKey, scorecardSearch } from './scorecardLocation';

const parse = (search: string) => parseScorecardSearch(new URLSearchParams(search));

describe('scorecard location in the query string', () => {
  it('opens the organisation over the last 90 days without parameters', () => {
    expect(parse('')).toEqual({
      scope: { kind: 'organization' },
      trail: [],
      period: { kind: 'preset', preset: '90d' },
    });
  });

  it('reads a drill-down with its trail and writes it back the same way', () => {
    const search =
      'scope=component&ref=component%3Adefault%2Fcheckout-api&period=custom&from=2026-09-01&to=2026-09-30' +
      '&trail=team%3Agroup%3Adefault%2Fcommerce-dept&trail=team%3Agroup%3Adefault%2Fteam-checkout';
    const location = parse(search);
    expect(location).toEqual({
      scope: { kind: 'component', ref: 'component:default/checkout-api' },
      trail: [
        { kind: 'team', ref: 'group:default/commerce-dept' },
        { kind: 'team', ref: 'group:default/team-checkout' },
      ],
      period: { kind: 'custom', fromDay: '2026-09-01', toDay: '2026-09-30' },
    });
    expect(scorecardSearch(location).toString()).toBe(search);
  });

  it('takes a train by its id', () => {
    const location = parse('scope=train&ref=0c7d2f4e-8a6b-4e1d-b3c2-9d8e7f6a5b4c&period=30d');
    expect(location.scope).toEqual({ kind: 'train', id: '0c7d2f4e-8a6b-4e1d-b3c2-9d8e7f6a5b4c' });
    expect(location.period).toEqual({ kind: 'preset', preset: '30d' });
  });

  it('falls back to the defaults for what it cannot read', () => {
    // No ref, an unknown kind, a period that is not one.
    expect(parse('scope=team').scope).toEqual({ kind: 'organization' });
    expect(parse('scope=galaxy&ref=x').scope).toEqual({ kind: 'organization' });
    expect(parse('period=7d').period).toEqual({ kind: 'preset', preset: '90d' });
    expect(parse('period=custom&from=2026-09-30&to=2026-09-01').period).toEqual({
      kind: 'preset',
      preset: '90d',
    });
    // The organisation has no trail; trail entries without a ref are dropped.
    expect(parse('trail=team%3Agroup%3Adefault%2Fx').trail).toEqual([]);
    expect(parse('scope=team&ref=group:default/a&trail=team&trail=organization:x').trail).toEqual([]);
  });

  it('compares scopes by their ref, whatever its case', () => {
    expect(scopeKey({ kind: 'team', ref: 'group:default/Team-Checkout' })).toBe(
      scopeKey({ kind: 'team', ref: 'group:default/team-checkout' }),
    );
    expect(scopeKey({ kind: 'organization' })).toBe('organization');
  });
});
