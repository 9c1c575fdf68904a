import { render, screen } from '@testing-library/react';
import { snapshot } from '../../__testUtils__/dependencyFixtures';
import { formatSnapshotAge, SnapshotAge } from './SnapshotAge';

describe('SnapshotAge', () => {
  it.each([
    [12, 'less than a minute ago'],
    [60, '1 minute ago'],
    [180, '3 minutes ago'],
    [7200, '2 hours ago'],
    [3 * 86400 + 5, '3 days ago'],
  ])('says %s seconds as "%s"', (seconds, text) => {
    expect(formatSnapshotAge(seconds)).toBe(text);
  });

  it('says how old the data is and which snapshot it comes from', () => {
    render(<SnapshotAge snapshot={snapshot} />);
    expect(screen.getByTestId('snapshot-age')).toHaveTextContent(
      'Derived from the catalog 3 minutes ago ' +
        '(snapshot 7: 58 entities, 131 dependencies, 3 problems)',
    );
  });
});
