import { useApi } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import { CadenceTrain } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { FormDialog, FormTextField, useBackendRequest } from '../shared';
import { usePluginTranslation } from '../shared/translation';

/**
 * The handover notes of a train of a cadence, for whoever runs the next train of the series:
 * its ambassador and release managers write them; the newest shows on the next train's card.
 */
export function HandoverDialog(props: {
  cadenceId: string;
  train: CadenceTrain;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { cadenceId, train, onClose, onSaved } = props;
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const { busy, error, send } = useBackendRequest();

  async function submit() {
    if (!note.trim()) {
      setNoteError(t('cadences.handoverDialog.noteRequired'));
      return;
    }
    setNoteError(undefined);
    await send(
      () =>
        api.addCadenceHandover({
          cadenceId,
          trainId: train.trainId,
          note: note.trim(),
        }),
      () => onSaved(),
    );
  }

  return (
    <FormDialog
      id="cadence-handover"
      title={t('cadences.handoverDialog.title', { train: train.name })}
      busy={busy}
      error={error}
      submitLabel={t('cadences.handoverDialog.submit')}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography variant="body2" color="textSecondary">
        {t('cadences.handoverDialog.explanation')}
      </Typography>
      <FormTextField
        id="cadence-handover-note"
        label={t('cadences.handoverDialog.note')}
        value={note}
        onChange={setNote}
        error={noteError}
        multiline
        minRows={4}
        required
      />
    </FormDialog>
  );
}
