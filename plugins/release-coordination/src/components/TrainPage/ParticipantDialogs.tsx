import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useApi } from '@backstage/core-plugin-api';
import { DialogContentText } from '@material-ui/core';
import {
  TrainDetail,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogEntityPicker,
  FormDialog,
  FormTextField,
  shortRef,
  useBackendRequest,
} from '../shared';

type ParticipantDialogProps = {
  train: TrainDetail;
  onClose: () => void;
  /** Called with the train as the backend returns it after the change. */
  onChanged: (train: TrainDetail) => void;
};

/** Once the backend accepted a change: the page takes the train it returned, the dialog closes. */
function changedAndClosed(props: ParticipantDialogProps) {
  return (train: TrainDetail) => {
    props.onChanged(train);
    props.onClose();
  };
}

/** A catalog component joins the train with the version the train ships of it. */
export function AddParticipantDialog(props: ParticipantDialogProps) {
  const { train, onClose } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [entityRef, setEntityRef] = useState('');
  const [targetVersion, setTargetVersion] = useState('');
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [errors, setErrors] = useState<{ entityRef?: string; targetVersion?: string }>({});
  const { busy, error, send } = useBackendRequest();

  async function add() {
    const found: typeof errors = {};
    if (!entityRef) found.entityRef = t('trainPage.participantDialogs.componentRequired');
    if (!targetVersion.trim()) found.targetVersion = t('trainPage.participantDialogs.versionRequired');
    setErrors(found);
    if (found.entityRef || found.targetVersion) return;
    await send(
      () =>
        api.addParticipant({ trainId: train.id, entityRef, targetVersion: targetVersion.trim() }),
      changedAndClosed(props),
    );
  }

  return (
    <FormDialog
      id="add-participant"
      title={t('trainPage.participantDialogs.addTitle', { train: train.name })}
      error={error}
      busy={busy}
      submitLabel={t('trainPage.participantDialogs.addSubmit')}
      onSubmit={add}
      onClose={onClose}
    >
      <DialogContentText>
        {t('trainPage.participantDialogs.addExplanation')}
      </DialogContentText>
      <CatalogEntityPicker
        id="add-participant-component"
        label={t('trainPage.participantDialogs.component')}
        kind="Component"
        value={entityRef}
        onChange={setEntityRef}
        exclude={train.participants.map(p => p.entityRef)}
        error={errors.entityRef}
        helperText={t('trainPage.participantDialogs.componentHelp')}
        required
      />
      <FormTextField
        id="add-participant-version"
        label={t('trainPage.participantDialogs.targetVersion')}
        value={targetVersion}
        onChange={setTargetVersion}
        error={errors.targetVersion}
        helperText={t('trainPage.participantDialogs.targetVersionHelp')}
        required
      />
    </FormDialog>
  );
}

/** Changes the version the train ships of a participant. */
export function TargetVersionDialog(
  props: ParticipantDialogProps & { participant: TrainParticipant },
) {
  const { train, participant, onClose } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [targetVersion, setTargetVersion] = useState(participant.targetVersion);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, send } = useBackendRequest();

  async function save() {
    const version = targetVersion.trim();
    if (!version) {
      setFieldError(t('trainPage.participantDialogs.versionRequired'));
      return;
    }
    setFieldError(undefined);
    if (version === participant.targetVersion) {
      onClose();
      return;
    }
    await send(
      () =>
        api.updateParticipant({
          trainId: train.id,
          entityRef: participant.entityRef,
          targetVersion: version,
        }),
      changedAndClosed(props),
    );
  }

  return (
    <FormDialog
      id="target-version"
      title={t('trainPage.participantDialogs.versionTitle', { name: shortRef(participant.entityRef) })}
      error={error}
      busy={busy}
      submitLabel={t('trainPage.participantDialogs.save')}
      onSubmit={save}
      onClose={onClose}
    >
      <FormTextField
        id="target-version-input"
        label={t('trainPage.participantDialogs.targetVersion')}
        value={targetVersion}
        onChange={setTargetVersion}
        error={fieldError}
        helperText={t('trainPage.participantDialogs.now', { version: participant.targetVersion })}
        required
        // A dialog opened for this one field moves focus into it, as the WAI-ARIA dialog
        // pattern asks; the rule is about focus moved when a page loads.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
    </FormDialog>
  );
}

/** Takes a participant out of the train, with the reason the decision log keeps. */
export function RemoveParticipantDialog(
  props: ParticipantDialogProps & { participant: TrainParticipant },
) {
  const { train, participant, onClose } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, send } = useBackendRequest();
  const name = shortRef(participant.entityRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  async function remove() {
    if (!reason.trim()) {
      setFieldError(t('trainPage.participantDialogs.reasonRequired'));
      return;
    }
    setFieldError(undefined);
    await send(
      () =>
        api.removeParticipant({
          trainId: train.id,
          entityRef: participant.entityRef,
          reason: reason.trim(),
        }),
      changedAndClosed(props),
    );
  }

  return (
    <FormDialog
      id="remove-participant"
      title={t('trainPage.participantDialogs.removeTitle', { name, train: train.name })}
      error={error}
      busy={busy}
      submitLabel={t('trainPage.participantDialogs.removeSubmit')}
      onSubmit={remove}
      onClose={onClose}
    >
      <DialogContentText>
        {t('trainPage.participantDialogs.removeExplanation', { name })}
      </DialogContentText>
      <FormTextField
        id="remove-participant-reason"
        label={t('trainPage.participantDialogs.reason')}
        value={reason}
        onChange={setReason}
        error={fieldError}
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
