import { useApi } from '@backstage/core-plugin-api';
import { DialogContentText } from '@material-ui/core';
import {
  TrainDetail,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
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
  const [errors, setErrors] = useState<{ entityRef?: string; targetVersion?: string }>({});
  const { busy, error, send } = useBackendRequest();

  async function add() {
    const found: typeof errors = {};
    if (!entityRef) found.entityRef = 'Pick the component that joins the train.';
    if (!targetVersion.trim()) found.targetVersion = 'Give the version this train ships.';
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
      title={`Add a participant to ${train.name}`}
      error={error}
      busy={busy}
      submitLabel="Add participant"
      onSubmit={add}
      onClose={onClose}
    >
      <DialogContentText>
        It gets the gates of the current and the later stages; stages the train has left are not
        reopened.
      </DialogContentText>
      <CatalogEntityPicker
        id="add-participant-component"
        label="Component"
        kind="Component"
        value={entityRef}
        onChange={setEntityRef}
        exclude={train.participants.map(p => p.entityRef)}
        error={errors.entityRef}
        helperText="Components already in the train are not offered"
        required
      />
      <FormTextField
        id="add-participant-version"
        label="Target version"
        value={targetVersion}
        onChange={setTargetVersion}
        error={errors.targetVersion}
        helperText="The version this train ships, e.g. 4.3.0"
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
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, send } = useBackendRequest();

  async function save() {
    const version = targetVersion.trim();
    if (!version) {
      setFieldError('Give the version this train ships.');
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
      title={`Target version of ${shortRef(participant.entityRef)}`}
      error={error}
      busy={busy}
      submitLabel="Save"
      onSubmit={save}
      onClose={onClose}
    >
      <FormTextField
        id="target-version-input"
        label="Target version"
        value={targetVersion}
        onChange={setTargetVersion}
        error={fieldError}
        helperText={`Now ${participant.targetVersion}`}
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

  async function remove() {
    if (!reason.trim()) {
      setFieldError('Say why it leaves the train: a reason is required.');
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
      title={`Remove ${name} from ${train.name}?`}
      error={error}
      busy={busy}
      submitLabel="Remove"
      onSubmit={remove}
      onClose={onClose}
    >
      <DialogContentText>
        {name} will no longer ship in this train. The removal and its reason are kept in the
        decision log.
      </DialogContentText>
      <FormTextField
        id="remove-participant-reason"
        label="Reason"
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
