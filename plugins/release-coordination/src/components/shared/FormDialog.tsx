import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@material-ui/core';
import { ReactNode } from 'react';
import { RequestErrorAlert } from './RequestErrorAlert';
import { usePluginTranslation } from './translation';

/**
 * A dialog around a form that sends one request: the title, the backend's refusal above the
 * fields, Cancel, and the action, disabled while the request runs so that it is not sent twice.
 * Pair it with `useBackendRequest`, whose `busy` and `error` it shows.
 */
export function FormDialog(props: {
  /** Unique on the page; the title gets `<id>-title` and labels the dialog. */
  id: string;
  title: ReactNode;
  /** Dialogs that are mounted only while shown leave it out. */
  open?: boolean;
  maxWidth?: 'xs' | 'sm' | 'md';
  busy: boolean;
  error?: string;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { id, title, open = true, maxWidth = 'sm', busy, error, submitLabel } = props;
  const { onSubmit, onClose, children } = props;
  const { t } = usePluginTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth={maxWidth}
      aria-labelledby={`${id}-title`}
    >
      <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
      <DialogContent>
        <RequestErrorAlert error={error} gutterBottom />
        {children}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('shared.formDialog.cancel')}</Button>
        <Button color="primary" variant="contained" disabled={busy} onClick={onSubmit}>
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
