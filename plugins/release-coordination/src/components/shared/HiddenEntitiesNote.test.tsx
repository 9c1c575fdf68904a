import { render, screen } from '@testing-library/react';
import { describeHidden, HiddenEntitiesNote } from './HiddenEntitiesNote';

describe('HiddenEntitiesNote', () => {
  it('counts what was left out, in words', () => {
    expect(describeHidden({ participants: 1 }, ['participants'])).toBe('1 participant');
    expect(describeHidden({ participants: 2, gates: 3 }, ['participants', 'gates'])).toBe(
      '2 participants and 3 gates',
    );
    expect(describeHidden({ items: 2 }, ['items'], ['train', 'trains'])).toBe('2 trains');
    // Only the counts asked for.
    expect(describeHidden({ gates: 3 }, ['participants'])).toBeUndefined();
    expect(describeHidden(undefined, ['participants'])).toBeUndefined();
  });

  it('says nothing when nothing was hidden', () => {
    render(<HiddenEntitiesNote hidden={undefined} keys={['participants']} />);
    expect(screen.queryByTestId('hidden-entities')).not.toBeInTheDocument();
  });

  it('tells how many participants the user cannot see', () => {
    render(
      <HiddenEntitiesNote
        hidden={{ participants: 2, gates: 4 }}
        keys={['participants', 'gates']}
      />,
    );
    expect(screen.getByTestId('hidden-entities')).toHaveTextContent(
      '2 participants and 4 gates you cannot see in the catalog',
    );
  });
});
