import { useApi } from '@backstage/core-plugin-api';
import { MenuItem, TextField, Typography } from '@material-ui/core';
import {
  CadenceDetail,
  RecordRotationChangeRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  FormDialog,
  FormTextField,
  PlanErrors,
  shortRef,
  useBackendRequest,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';

/** The kind of a change of the rotation. */
export type RotationChangeKind = RecordRotationChangeRequest['kind'];

/**
 * Records a skip (the member sits an occurrence out) or a swap (the substitute runs it in the
 * member's place) with its reason, for the next occurrence unless one is given. `members` are
 * those the viewer may record for: themselves, or the whole roster for a release manager.
 */
export function RotationChangeDialog(props: {
  kind: RotationChangeKind;
  cadence: CadenceDetail;
  members: string[];
  /** Who is picked at first: the viewer when on the roster. */
  member?: string;
  onClose: () => void;
  onRecorded: () => void;
}) {
  const { kind, cadence, members, onClose, onRecorded } = props;
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const next = cadence.next.occurrence;
  const [memberRef, setMemberRef] = useState(
    props.member && members.includes(props.member)
      ? props.member
      : (members[0] ?? ''),
  );
  const [substituteRef, setSubstituteRef] = useState('');
  const [occurrence, setOccurrence] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();
  const substitutes = cadence.roster
    .map(member => member.memberRef)
    .filter(ref => ref !== memberRef);

  async function submit() {
    const found: PlanErrors = {};
    const typedOccurrence = occurrence.trim();
    const occurrenceNumber = Number(typedOccurrence);
    if (
      typedOccurrence &&
      (!Number.isInteger(occurrenceNumber) || occurrenceNumber < next)
    ) {
      found.occurrence = t('cadences.changeDialog.occurrenceInvalid', {
        next: String(next),
      });
    }
    if (kind === 'swap' && !substituteRef) {
      found.substituteRef = t('cadences.changeDialog.substituteRequired');
    }
    if (!reason.trim()) {
      found.reason = t('cadences.changeDialog.reasonRequired');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await send(
      () =>
        api.recordRotationChange({
          cadenceId: cadence.id,
          kind,
          memberRef,
          ...(kind === 'swap' ? { substituteRef } : {}),
          ...(typedOccurrence ? { occurrence: occurrenceNumber } : {}),
          reason: reason.trim(),
        }),
      () => onRecorded(),
    );
  }

  const skip = kind === 'skip';
  return (
    <FormDialog
      id="rotation-change"
      title={t(
        skip
          ? 'cadences.changeDialog.skipTitle'
          : 'cadences.changeDialog.swapTitle',
        { cadence: cadence.name },
      )}
      busy={busy}
      error={error}
      submitLabel={t(
        skip
          ? 'cadences.changeDialog.skipSubmit'
          : 'cadences.changeDialog.swapSubmit',
      )}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography variant="body2" color="textSecondary">
        {t(
          skip
            ? 'cadences.changeDialog.skipExplanation'
            : 'cadences.changeDialog.swapExplanation',
        )}
      </Typography>
      <FormTextField
        id="rotation-change-member"
        label={t('cadences.changeDialog.member')}
        value={memberRef}
        onChange={value => {
          setMemberRef(value);
          if (value === substituteRef) setSubstituteRef('');
        }}
        select
        required
      >
        {members.map(ref => (
          <MenuItem key={ref} value={ref}>
            {shortRef(ref, t)}
          </MenuItem>
        ))}
      </FormTextField>
      {!skip && (
        <FormTextField
          id="rotation-change-substitute"
          label={t('cadences.changeDialog.substitute')}
          value={substituteRef}
          onChange={setSubstituteRef}
          error={errors.substituteRef}
          select
          required
        >
          {substitutes.map(ref => (
            <MenuItem key={ref} value={ref}>
              {shortRef(ref, t)}
            </MenuItem>
          ))}
        </FormTextField>
      )}
      <TextField
        id="rotation-change-occurrence"
        label={t('cadences.changeDialog.occurrence')}
        type="number"
        value={occurrence}
        onChange={event => setOccurrence(event.target.value)}
        error={Boolean(errors.occurrence)}
        helperText={
          errors.occurrence ??
          t('cadences.changeDialog.occurrenceHelp', { next: String(next) })
        }
        inputProps={{ min: next, step: 1 }}
        margin="dense"
        fullWidth
      />
      <FormTextField
        id="rotation-change-reason"
        label={t('cadences.changeDialog.reason')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        helperText={t('cadences.changeDialog.reasonHelp')}
        multiline
        required
      />
    </FormDialog>
  );
}
