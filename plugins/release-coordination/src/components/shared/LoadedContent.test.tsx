import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { LoadedContent } from './LoadedContent';

type Flags = { items: string[] };

function renderCardBody(state: { value?: Flags; loading: boolean; error?: Error }) {
  return renderInTestApp(
    <LoadedContent
      state={state}
      errorTitle="Could not load the feature flags"
      isEmpty={flags => flags.items.length === 0}
      empty={<p>No feature flags</p>}
    >
      {flags => <ul aria-label="Flags">{flags.items.map(key => <li key={key}>{key}</li>)}</ul>}
    </LoadedContent>,
  );
}

describe('LoadedContent', () => {
  it('shows a progress on the first load', async () => {
    await renderCardBody({ loading: true });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows the error when nothing could be loaded', async () => {
    await renderCardBody({ loading: false, error: new Error('The backend is not reachable') });
    expect(screen.getByText(/Could not load the feature flags/)).toBeInTheDocument();
  });

  it('says when there is nothing', async () => {
    await renderCardBody({ loading: false, value: { items: [] } });
    expect(screen.getByText('No feature flags')).toBeInTheDocument();
  });

  it('keeps the last answer on screen while a refetch runs', async () => {
    await renderCardBody({ loading: true, value: { items: ['one-click-checkout'] } });
    expect(screen.getByRole('list', { name: 'Flags' })).toHaveTextContent('one-click-checkout');
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('keeps the last answer on screen when a refetch failed', async () => {
    await renderCardBody({
      loading: false,
      value: { items: ['one-click-checkout'] },
      error: new Error('Gateway timeout'),
    });
    expect(screen.getByRole('list', { name: 'Flags' })).toHaveTextContent('one-click-checkout');
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
  });
});
