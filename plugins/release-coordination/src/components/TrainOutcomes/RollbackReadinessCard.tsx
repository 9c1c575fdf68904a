import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  ParticipantRollbackReadiness,
  TrainDetail,
  TrainRollbackReadiness,
  daysSince,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  formatDate,
  FormDialog,
  FormTextField,
  LoadedContent,
  shortRef,
  StatusChip,
  useBackendRequest,
} from '../shared';
import { days, isHttpUrl } from './format';
import { useRollbackReadiness } from './useTrainOutcomes';

const useStyles = makeStyles({
  criteria: { whiteSpace: 'pre-wrap', maxWidth: 360 },
});

/**
 * How long ago the participant last passed a rehearsal, as a chip: green within the allowed
 * age, amber when too old, red when never. The words always say it, so color is never the only
 * cue.
 */
export function RehearsalChip(props: { participant: ParticipantRollbackReadiness }) {
  const { participant } = props;
  if (!participant.lastPassedDrillAt) {
    return <StatusChip label="never rehearsed" tone="error" />;
  }
  const age = daysSince(participant.lastPassedDrillAt, new Date());
  const label = age === 0 ? 'rehearsed today' : `rehearsed ${days(age)} ago`;
  return participant.rehearsedWithinDays ? (
    <StatusChip label={label} tone="success" />
  ) : (
    <StatusChip label={`${label}, too long ago`} tone="warning" />
  );
}

/** The form for a participant's rollback criteria and procedure link. */
function EditPlanDialog(props: {
  trainId: string;
  participant: ParticipantRollbackReadiness;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { trainId, participant, onClose, onSaved } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [criteria, setCriteria] = useState(participant.plan?.criteria ?? '');
  const [procedureUrl, setProcedureUrl] = useState(participant.plan?.procedureUrl ?? '');
  const [errors, setErrors] = useState<{ criteria?: string; procedureUrl?: string }>({});
  const { busy, error, send } = useBackendRequest();

  async function save() {
    const found: typeof errors = {};
    if (!criteria.trim()) found.criteria = 'Say when the team rolls back.';
    if (!isHttpUrl(procedureUrl.trim())) {
      found.procedureUrl = 'Link the written procedure, e.g. https://runbooks.example.com/…';
    }
    setErrors(found);
    if (found.criteria || found.procedureUrl) return;
    await send(
      () =>
        api.saveRollbackPlan({
          trainId,
          entityRef: participant.entityRef,
          criteria: criteria.trim(),
          procedureUrl: procedureUrl.trim(),
        }),
      () => {
        onSaved();
        onClose();
      },
    );
  }

  return (
    <FormDialog
      id="rollback-plan"
      title={`Rollback plan of ${shortRef(participant.entityRef)}`}
      busy={busy}
      error={error}
      submitLabel="Save plan"
      onSubmit={save}
      onClose={onClose}
    >
      <FormTextField
        id="rollback-plan-criteria"
        label="Criteria"
        value={criteria}
        onChange={setCriteria}
        error={errors.criteria}
        helperText="When do you roll back? e.g. error rate above 2% for 5 minutes"
        multiline
        minRows={3}
        variant="outlined"
      />
      <FormTextField
        id="rollback-plan-procedure"
        label="Procedure link"
        value={procedureUrl}
        onChange={setProcedureUrl}
        error={errors.procedureUrl}
        helperText="Where the steps are written down"
        variant="outlined"
      />
    </FormDialog>
  );
}

function ReadinessRow(props: {
  participant: ParticipantRollbackReadiness;
  onEdit: () => void;
}) {
  const { participant, onEdit } = props;
  const classes = useStyles();
  const { plan, lastDrill } = participant;
  return (
    <TableRow>
      <TableCell>
        <EntityRefLink entityRef={participant.entityRef} defaultKind="component" />
        {participant.ownerRef && (
          <Typography variant="caption" component="div" color="textSecondary">
            Owner: <CatalogRefLink entityRef={participant.ownerRef} />
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {plan ? (
          <>
            <Typography variant="body2" className={classes.criteria}>
              {plan.criteria}
            </Typography>
            <Link to={plan.procedureUrl}>Procedure</Link>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No plan yet
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {lastDrill ? (
          <Typography variant="body2">
            {lastDrill.result} on {formatDate(lastDrill.rehearsedAt)}
            {lastDrill.evidenceUrl && (
              <>
                {' '}
                (<Link to={lastDrill.evidenceUrl}>evidence</Link>)
              </>
            )}
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            None reported
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <RehearsalChip participant={participant} />
        <Typography variant="caption" component="div" color="textSecondary">
          {participant.ready ? 'Ready: ' : 'Not ready: '}
          {participant.reason}
        </Typography>
      </TableCell>
      <TableCell>
        {participant.canEditPlan && (
          <Button
            size="small"
            variant="outlined"
            onClick={onEdit}
            aria-label={`Edit rollback plan of ${shortRef(participant.entityRef)}`}
          >
            {plan ? 'Edit plan' : 'Add plan'}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

/** How many participants could be rolled back, then each one's plan and rehearsal. */
function ReadinessTable(props: {
  readiness: TrainRollbackReadiness;
  onEdit: (entityRef: string) => void;
}) {
  const { participants } = props.readiness;
  const ready = participants.filter(p => p.ready).length;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {ready} of {participants.length} participant(s) ready to roll back.
      </Typography>
      <Table size="small" aria-label="Rollback readiness">
        <TableHead>
          <TableRow>
            <TableCell>Participant</TableCell>
            <TableCell>Plan</TableCell>
            <TableCell>Last rehearsal</TableCell>
            <TableCell>Status</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {participants.map(participant => (
            <ReadinessRow
              key={participant.entityRef}
              participant={participant}
              onEdit={() => props.onEdit(participant.entityRef)}
            />
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * Per participant of a train: its rollback plan, its last rehearsal and whether it is ready to
 * be rolled back, with a form for the plan for those who may change it (the ambassador, the
 * owning team, release managers).
 */
export function RollbackReadinessCard(props: { train: TrainDetail }) {
  const { train } = props;
  const state = useRollbackReadiness(train.id);
  const { value } = state;
  const [editing, setEditing] = useState<string>();
  const editedParticipant = value?.participants.find(p => p.entityRef === editing);
  return (
    <InfoCard
      title="Rollback readiness"
      subheader={
        value
          ? `A plan, and a passed rehearsal within ${days(value.maxAgeDays)}`
          : 'A plan, and a recent passed rehearsal'
      }
    >
      <LoadedContent
        state={state}
        errorTitle="Could not load the rollback readiness"
        isEmpty={readiness => readiness.participants.length === 0}
        empty={<Typography variant="body2">The train has no participants yet.</Typography>}
      >
        {readiness => <ReadinessTable readiness={readiness} onEdit={setEditing} />}
      </LoadedContent>
      {editedParticipant && (
        <EditPlanDialog
          trainId={train.id}
          participant={editedParticipant}
          onClose={() => setEditing(undefined)}
          onSaved={state.retry}
        />
      )}
    </InfoCard>
  );
}
