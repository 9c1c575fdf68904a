import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { responseError } from '../../__testUtils__/trainFixtures';
import { FormDialog } from './FormDialog';
import { FormTextField } from './FormTextField';
import { useBackendRequest } from './useBackendRequest';

/** A form as the plugin's dialogs are built: one field, one request, the answer handed on. */
function TargetVersionForm(props: {
  save: (version: string) => Promise<string>;
  onSaved: (version: string) => void;
  onClose: () => void;
}) {
  const [version, setVersion] = useState('4.2.0');
  const [problem, setProblem] = useState<string>();
  const { busy, error, send } = useBackendRequest();
  async function save() {
    const found = version.trim() ? undefined : 'Give the version this train ships.';
    setProblem(found);
    if (!found) await send(() => props.save(version.trim()), props.onSaved);
  }
  return (
    <FormDialog
      id="target-version"
      title="Target version of checkout-api"
      busy={busy}
      error={error}
      submitLabel="Save"
      onSubmit={save}
      onClose={props.onClose}
    >
      <FormTextField
        id="target-version-input"
        label="Target version"
        value={version}
        onChange={setVersion}
        error={problem}
        helperText="Now 4.2.0"
      />
    </FormDialog>
  );
}

/** A request the test answers when it wants, to look at the dialog while it runs. */
function pendingRequest() {
  let settle: { resolve: (v: string) => void; reject: (e: Error) => void } | undefined;
  const save = vi.fn(
    () =>
      new Promise<string>((resolve, reject) => {
        settle = { resolve, reject };
      }),
  );
  return { save, resolve: (v: string) => settle!.resolve(v), reject: (e: Error) => settle!.reject(e) };
}

describe('FormDialog with useBackendRequest', () => {
  it('is labelled by its title and offers Cancel', async () => {
    const onClose = vi.fn();
    render(<TargetVersionForm save={async v => v} onSaved={() => {}} onClose={onClose} />);
    expect(screen.getByRole('dialog', { name: 'Target version of checkout-api' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("shows a field's problem in place of its hint, and sends nothing", async () => {
    const save = vi.fn(async (version: string) => version);
    render(<TargetVersionForm save={save} onSaved={() => {}} onClose={() => {}} />);
    const field = screen.getByRole('textbox', { name: 'Target version' });
    expect(screen.getByText('Now 4.2.0')).toBeInTheDocument();
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Give the version this train ships.')).toBeInTheDocument();
    expect(screen.queryByText('Now 4.2.0')).not.toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(save).not.toHaveBeenCalled();

    await userEvent.type(field, ' 4.3.0 ');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(save).toHaveBeenCalledWith('4.3.0');
  });

  it('disables the action while the request runs, then hands on what the backend answered', async () => {
    const request = pendingRequest();
    const onSaved = vi.fn();
    render(<TargetVersionForm save={request.save} onSaved={onSaved} onClose={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(request.save).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    request.resolve('4.3.0');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled());
    expect(onSaved).toHaveBeenCalledWith('4.3.0');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows the backend's own message when it refuses, and hands nothing on", async () => {
    const request = pendingRequest();
    const onSaved = vi.fn();
    render(<TargetVersionForm save={request.save} onSaved={onSaved} onClose={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    request.reject(responseError(409, 'ConflictError', 'The train left integration meanwhile'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The train left integration meanwhile',
    );
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
    expect(onSaved).not.toHaveBeenCalled();

    // The next attempt starts without the old refusal.
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    request.resolve('4.2.0');
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('4.2.0'));
  });
});
