import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useApi } from '@backstage/core-plugin-api';
import { DialogContentText } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, send } = useBackendRequest();

  async function rollBack() {
    if (!reason.trim()) {
      setFieldError(t('trainPage.rollBack.reasonRequired'));
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
      title={t('trainPage.rollBack.title', { train: train.name })}
      error={error}
      busy={busy}
      submitLabel={t('trainPage.rollBack.submit')}
      onSubmit={rollBack}
      onClose={onClose}
    >
      <DialogContentText>
        {t('trainPage.rollBack.explanation')}
      </DialogContentText>
      <FormTextField
        id="roll-back-train-reason"
        label={t('trainPage.rollBack.reason')}
        value={reason}
        onChange={setReason}
        error={fieldError}
        helperText={t('trainPage.rollBack.reasonHelp')}
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
