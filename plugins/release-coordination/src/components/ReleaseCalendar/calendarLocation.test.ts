import {
  calendarPeriod,
  calendarSearch,
  parseCalendarSearch,
  startOfWeek,
} from './calendarLocation';

const NOW = new Date('2027-01-14T15:00:00Z'); // a Thursday

describe('calendar location', () => {
  it('starts on the Monday two weeks before this one, for a quarter, by default', () => {
    expect(startOfWeek(NOW)).toBe('2027-01-11');
    expect(startOfWeek(NOW, 2)).toBe('2026-12-28');
    expect(parseCalendarSearch(new URLSearchParams(), NOW)).toEqual({
      from: '2026-12-28',
      weeks: 13,
    });
  });

  it('reads the period and filters of a link, and ignores what is malformed', () => {
    const params = new URLSearchParams(
      'from=2027-03-01&weeks=4&team=team-pay&system=+&domain=commerce',
    );
    expect(parseCalendarSearch(params, NOW)).toEqual({
      from: '2027-03-01',
      weeks: 4,
      team: 'team-pay',
      domain: 'commerce',
    });
    expect(
      parseCalendarSearch(new URLSearchParams('from=March&weeks=5'), NOW),
    ).toEqual({
      from: '2026-12-28',
      weeks: 13,
    });
  });

  it('writes a location back the way it reads it', () => {
    const location = {
      from: '2027-03-01',
      weeks: 8,
      system: 'system:default/billing',
    };
    expect(parseCalendarSearch(calendarSearch(location), NOW)).toEqual(
      location,
    );
  });

  it('asks the API for whole days from the first one', () => {
    expect(calendarPeriod({ from: '2027-03-01', weeks: 4 })).toEqual({
      from: '2027-03-01T00:00:00.000Z',
      to: '2027-03-29T00:00:00.000Z',
    });
  });
});
