import { useApi } from '@backstage/core-plugin-api';
import { DialogContentText } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { FormDialog, FormTextField, useBackendRequest } from '../shared';

/**
 * Records that the train's release had to be rolled back in production. It cannot be undone,
 * so it asks for confirmation together with the reason the decision log keeps.
 */
export function RollBackTrainDialog(props: {
  train: TrainDetail;
  onClose: () => void;
  /** Called with the train as the backend returns it after the change. */
  onRolledBack: (train: TrainDetail) => void;
}) {
  const { train, onClose, onRolledBack } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, send } = useBackendRequest();

  async function rollBack() {
    if (!reason.trim()) {
      setFieldError('Say what was rolled back and why: a reason is required.');
      return;
    }
    setFieldError(undefined);
    await send(
      () => api.rollBackTrain({ trainId: train.id, reason: reason.trim() }),
      rolledBack => {
        onRolledBack(rolledBack);
        onClose();
      },
    );
  }

  return (
    <FormDialog
      id="roll-back-train"
      title={`Mark ${train.name} rolled back?`}
      error={error}
      busy={busy}
      submitLabel="Mark rolled back"
      onSubmit={rollBack}
      onClose={onClose}
    >
      <DialogContentText>
        The train ends as rolled back: it still counts as shipped in the scorecards, the owners of
        its participants are notified, and it can no longer change. The reason is kept in the
        decision log.
      </DialogContentText>
      <FormTextField
        id="roll-back-train-reason"
        label="Reason"
        value={reason}
        onChange={setReason}
        error={fieldError}
        helperText="What went wrong in production, e.g. the error rate after the deploy"
        multiline
        required
        // A dialog opened for this one field moves focus into it, as the WAI-ARIA dialog
        // pattern asks; the rule is about focus moved when a page loads.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
    </FormDialog>
  );
}
