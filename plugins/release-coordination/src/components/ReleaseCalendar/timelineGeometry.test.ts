import { placeOnTimeline, weekTicks } from './timelineGeometry';

const period = {
  from: '2027-03-01T00:00:00.000Z',
  to: '2027-03-29T00:00:00.000Z',
};

describe('timeline geometry', () => {
  it('places a window by its share of the period, cut at both ends', () => {
    expect(
      placeOnTimeline(
        { start: '2027-03-08T00:00:00Z', end: '2027-03-15T00:00:00Z' },
        period,
      ),
    ).toEqual({
      left: 25,
      width: 25,
    });
    expect(
      placeOnTimeline(
        { start: '2027-02-01T00:00:00Z', end: '2027-03-08T00:00:00Z' },
        period,
      ),
    ).toEqual({
      left: 0,
      width: 25,
    });
    expect(
      placeOnTimeline(
        { start: '2027-03-22T00:00:00Z', end: '2027-05-01T00:00:00Z' },
        period,
      ),
    ).toEqual({
      left: 75,
      width: 25,
    });
  });

  it('leaves out a window outside the period', () => {
    expect(
      placeOnTimeline(
        { start: '2027-04-01T00:00:00Z', end: '2027-04-02T00:00:00Z' },
        period,
      ),
    ).toBeUndefined();
    expect(
      placeOnTimeline(
        { start: '2027-02-01T00:00:00Z', end: '2027-03-01T00:00:00Z' },
        period,
      ),
    ).toBeUndefined();
  });

  it('ticks each week', () => {
    expect(weekTicks(period).map(tick => tick.slice(0, 10))).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
      '2027-03-22',
    ]);
  });
});
