import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  ParticipantRollbackReadiness,
  TrainDetail,
  daysSince,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { CatalogRefLink, errorMessage, shortRef } from '../shared';
import { days, formatDate, isHttpUrl } from './format';
import { useRollbackReadiness } from './useTrainOutcomes';

const useStyles = makeStyles(theme => ({
  ready: { backgroundColor: theme.palette.success.main, color: theme.palette.success.contrastText },
  stale: { backgroundColor: theme.palette.warning.main, color: theme.palette.warning.contrastText },
  never: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  criteria: { whiteSpace: 'pre-wrap', maxWidth: 360 },
}));

/**
 * How long ago the participant last passed a rehearsal, as a chip: green within the allowed
 * age, amber when too old, red when never. The words always say it, so color is never the only
 * cue.
 */
export function RehearsalChip(props: { participant: ParticipantRollbackReadiness }) {
  const { participant } = props;
  const classes = useStyles();
  if (!participant.lastPassedDrillAt) {
    return <Chip size="small" label="never rehearsed" className={classes.never} />;
  }
  const age = daysSince(participant.lastPassedDrillAt, new Date());
  const label = age === 0 ? 'rehearsed today' : `rehearsed ${days(age)} ago`;
  return (
    <Chip
      size="small"
      label={participant.rehearsedWithinDays ? label : `${label}, too long ago`}
      className={participant.rehearsedWithinDays ? classes.ready : classes.stale}
    />
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
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function save() {
    const found: typeof errors = {};
    if (!criteria.trim()) found.criteria = 'Say when the team rolls back.';
    if (!isHttpUrl(procedureUrl.trim())) {
      found.procedureUrl = 'Link the written procedure, e.g. https://runbooks.example.com/…';
    }
    setErrors(found);
    if (found.criteria || found.procedureUrl) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.saveRollbackPlan({
        trainId,
        entityRef: participant.entityRef,
        criteria: criteria.trim(),
        procedureUrl: procedureUrl.trim(),
      });
      onSaved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="rollback-plan-title">
      <DialogTitle id="rollback-plan-title">
        Rollback plan of {shortRef(participant.entityRef)}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Box marginBottom={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
        <TextField
          id="rollback-plan-criteria"
          label="Criteria"
          value={criteria}
          onChange={e => setCriteria(e.target.value)}
          error={Boolean(errors.criteria)}
          helperText={
            errors.criteria ?? 'When do you roll back? e.g. error rate above 2% for 5 minutes'
          }
          multiline
          minRows={3}
          fullWidth
          margin="dense"
          variant="outlined"
        />
        <TextField
          id="rollback-plan-procedure"
          label="Procedure link"
          value={procedureUrl}
          onChange={e => setProcedureUrl(e.target.value)}
          error={Boolean(errors.procedureUrl)}
          helperText={errors.procedureUrl ?? 'Where the steps are written down'}
          fullWidth
          margin="dense"
          variant="outlined"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" disabled={busy} onClick={save}>
          Save plan
        </Button>
      </DialogActions>
    </Dialog>
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

/**
 * Per participant of a train: its rollback plan, its last rehearsal and whether it is ready to
 * be rolled back, with a form for the plan for those who may change it (the ambassador, the
 * owning team, release managers).
 */
export function RollbackReadinessCard(props: { train: TrainDetail }) {
  const { train } = props;
  const { value, loading, error, retry } = useRollbackReadiness(train.id);
  const [editing, setEditing] = useState<string>();

  let content;
  // Keep showing the table while a refetch runs, so an open dialog stays open.
  if (loading && !value) {
    content = <Progress />;
  } else if (error && !value) {
    content = <ResponseErrorPanel error={error} title="Could not load the rollback readiness" />;
  } else if (!value || value.participants.length === 0) {
    content = <Typography variant="body2">The train has no participants yet.</Typography>;
  } else {
    const ready = value.participants.filter(p => p.ready).length;
    content = (
      <>
        <Typography variant="body2" gutterBottom>
          {ready} of {value.participants.length} participant(s) ready to roll back.
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
            {value.participants.map(participant => (
              <ReadinessRow
                key={participant.entityRef}
                participant={participant}
                onEdit={() => setEditing(participant.entityRef)}
              />
            ))}
          </TableBody>
        </Table>
      </>
    );
  }
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
      {content}
      {editedParticipant && (
        <EditPlanDialog
          trainId={train.id}
          participant={editedParticipant}
          onClose={() => setEditing(undefined)}
          onSaved={retry}
        />
      )}
    </InfoCard>
  );
}
