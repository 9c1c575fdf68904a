import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  TrainDetail,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { ReactNode, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { CatalogEntityPicker, shortRef } from '../shared';
import { useTrainChangeRequest } from './useTrainChangeRequest';

type ParticipantDialogProps = {
  train: TrainDetail;
  onClose: () => void;
  /** Called with the train as the backend returns it after the change. */
  onChanged: (train: TrainDetail) => void;
};

/** What every participant dialog shares: title, the backend's refusal, Cancel, the action. */
function ChangeDialog(props: {
  id: string;
  title: string;
  error?: string;
  busy: boolean;
  actionLabel: string;
  onAction: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { id, title, error, busy, actionLabel, onAction, onClose, children } = props;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={`${id}-title`}>
      <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
      <DialogContent>
        {error && (
          <Box marginBottom={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
        {children}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={onAction} disabled={busy}>
          {actionLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** A catalog component joins the train with the version the train ships of it. */
export function AddParticipantDialog(props: ParticipantDialogProps) {
  const { train, onClose, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [entityRef, setEntityRef] = useState('');
  const [targetVersion, setTargetVersion] = useState('');
  const [errors, setErrors] = useState<{ entityRef?: string; targetVersion?: string }>({});
  const { busy, error, send } = useTrainChangeRequest();

  async function add() {
    const found: typeof errors = {};
    if (!entityRef) found.entityRef = 'Pick the component that joins the train.';
    if (!targetVersion.trim()) found.targetVersion = 'Give the version this train ships.';
    setErrors(found);
    if (found.entityRef || found.targetVersion) return;
    const updated = await send(() =>
      api.addParticipant({ trainId: train.id, entityRef, targetVersion: targetVersion.trim() }),
    );
    if (updated) {
      onChanged(updated);
      onClose();
    }
  }

  return (
    <ChangeDialog
      id="add-participant"
      title={`Add a participant to ${train.name}`}
      error={error}
      busy={busy}
      actionLabel="Add participant"
      onAction={add}
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
      <TextField
        id="add-participant-version"
        label="Target version"
        value={targetVersion}
        onChange={e => setTargetVersion(e.target.value)}
        error={Boolean(errors.targetVersion)}
        helperText={errors.targetVersion ?? 'The version this train ships, e.g. 4.3.0'}
        fullWidth
        margin="dense"
        required
      />
    </ChangeDialog>
  );
}

/** Changes the version the train ships of a participant. */
export function TargetVersionDialog(
  props: ParticipantDialogProps & { participant: TrainParticipant },
) {
  const { train, participant, onClose, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [targetVersion, setTargetVersion] = useState(participant.targetVersion);
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, send } = useTrainChangeRequest();

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
    const updated = await send(() =>
      api.updateParticipant({
        trainId: train.id,
        entityRef: participant.entityRef,
        targetVersion: version,
      }),
    );
    if (updated) {
      onChanged(updated);
      onClose();
    }
  }

  return (
    <ChangeDialog
      id="target-version"
      title={`Target version of ${shortRef(participant.entityRef)}`}
      error={error}
      busy={busy}
      actionLabel="Save"
      onAction={save}
      onClose={onClose}
    >
      <TextField
        id="target-version-input"
        label="Target version"
        value={targetVersion}
        onChange={e => setTargetVersion(e.target.value)}
        error={Boolean(fieldError)}
        helperText={fieldError ?? `Now ${participant.targetVersion}`}
        fullWidth
        margin="dense"
        required
        autoFocus
      />
    </ChangeDialog>
  );
}

/** Takes a participant out of the train, with the reason the decision log keeps. */
export function RemoveParticipantDialog(
  props: ParticipantDialogProps & { participant: TrainParticipant },
) {
  const { train, participant, onClose, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, send } = useTrainChangeRequest();
  const name = shortRef(participant.entityRef);

  async function remove() {
    if (!reason.trim()) {
      setFieldError('Say why it leaves the train: a reason is required.');
      return;
    }
    setFieldError(undefined);
    const updated = await send(() =>
      api.removeParticipant({
        trainId: train.id,
        entityRef: participant.entityRef,
        reason: reason.trim(),
      }),
    );
    if (updated) {
      onChanged(updated);
      onClose();
    }
  }

  return (
    <ChangeDialog
      id="remove-participant"
      title={`Remove ${name} from ${train.name}?`}
      error={error}
      busy={busy}
      actionLabel="Remove"
      onAction={remove}
      onClose={onClose}
    >
      <DialogContentText>
        {name} will no longer ship in this train. The removal and its reason are kept in the
        decision log.
      </DialogContentText>
      <TextField
        id="remove-participant-reason"
        label="Reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        error={Boolean(fieldError)}
        helperText={fieldError}
        fullWidth
        multiline
        margin="dense"
        required
        autoFocus
      />
    </ChangeDialog>
  );
}
