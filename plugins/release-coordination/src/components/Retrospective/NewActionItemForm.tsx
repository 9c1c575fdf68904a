import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Button, TextField } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { FormEvent, useId, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  endOfDay,
  PermissionGuard,
  RequestErrorAlert,
  useBackendRequest,
  useRetrospectiveManagement,
} from '../shared';

/** A ref the backend can take as an owner: `kind:name` or `kind:namespace/name`. */
const OWNER_REF = /^(group|user|component):([^:/\s]+\/)?[^:/\s]+$/i;

/**
 * Adds an action item, for the ambassador and release managers only (also after the train was
 * released: that is when its retrospective runs).
 */
export function NewActionItemForm(props: { train: TrainDetail; onCreated: () => void }) {
  const { train, onCreated } = props;
  const api = useApi(releaseCoordinationApiRef);
  const permission = useRetrospectiveManagement(train.id);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  const id = useId();
  const [title, setTitle] = useState('');
  const [ownerRef, setOwnerRef] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, send } = useBackendRequest();
  const ownerProblem =
    ownerRef.trim() && !OWNER_REF.test(ownerRef.trim())
      ? t('retrospectives.newItem.ownerInvalid')
      : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim() || !ownerRef.trim() || ownerProblem) return;
    await send(
      () =>
        api.createActionItem({
          trainId: train.id,
          title: title.trim(),
          ownerRef: ownerRef.trim(),
          // Due means "by the end of that day", in the viewer's time zone.
          ...(due ? { dueAt: endOfDay(due).toISOString() } : {}),
        }),
      () => {
        setTitle('');
        setOwnerRef('');
        setDue('');
        onCreated();
      },
    );
  }

  return (
    <PermissionGuard
      {...permission}
      checkingLabel={t('retrospectives.newItem.checking')}
      denied={t('retrospectives.newItem.denied')}
    >
      <Box
        component="form"
        onSubmit={submit}
        aria-label={t('retrospectives.newItem.formLabel')}
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        gridGap={16}
      >
        <TextField
          id={`${id}-title`}
          label={t('retrospectives.newItem.title')}
          value={title}
          onChange={event => setTitle(event.target.value)}
          inputProps={{ maxLength: 500 }}
          margin="dense"
          style={{ flex: '2 1 280px' }}
        />
        <TextField
          id={`${id}-owner`}
          label={t('retrospectives.newItem.owner')}
          value={ownerRef}
          onChange={event => setOwnerRef(event.target.value)}
          error={Boolean(ownerProblem)}
          helperText={ownerProblem ?? t('retrospectives.newItem.ownerHelp')}
          margin="dense"
          style={{ flex: '1 1 240px' }}
        />
        <TextField
          id={`${id}-due`}
          label={t('retrospectives.newItem.due')}
          type="date"
          value={due}
          onChange={event => setDue(event.target.value)}
          InputLabelProps={{ shrink: true }}
          margin="dense"
        />
        <Box paddingTop={2}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy || !title.trim() || !ownerRef.trim() || Boolean(ownerProblem)}
          >
            {t('retrospectives.newItem.submit')}
          </Button>
        </Box>
      </Box>
      <RequestErrorAlert error={error} />
    </PermissionGuard>
  );
}
