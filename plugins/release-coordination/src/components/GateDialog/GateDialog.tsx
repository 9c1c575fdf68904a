import { Link } from '@backstage/core-components';
import { useAnalytics, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { ReactNode, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  endOfDay,
  formatTime,
  FormTextField,
  GateStateChip,
  PermissionGuard,
  RequestErrorAlert,
  shortRef,
  useBackendRequest,
  useGateDecision,
  useApprovalWaiver,
  useGateWaiver,
} from '../shared';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  list: { margin: theme.spacing(0.5, 0, 0, 0), paddingLeft: theme.spacing(2.5) },
}));

/** What a gate is decided by: approvals, the latest check result, the rule outcome, a waiver. */
export function GateEvidence(props: { gate: TrainGate }) {
  const { gate } = props;
  const classes = useStyles();
  return (
    <div aria-label="Evidence">
      <Typography variant="h6" component="h3">
        Evidence
      </Typography>
      {gate.kind === 'approval' && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            Approvals ({gate.approvals.filter(a => a.decision === 'approve').length} of{' '}
            {gate.quorum} needed)
          </Typography>
          <Typography variant="body2">
            Decided by{' '}
            {gate.approverRef ? (
              <EntityRefLink entityRef={gate.approverRef} defaultKind="group" />
            ) : (
              'nobody: no approver could be resolved from the catalog'
            )}
            {gate.separationOfDuties && ' (the ambassador may not approve)'}
          </Typography>
          {gate.approvals.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No decisions yet.
            </Typography>
          ) : (
            <ul className={classes.list}>
              {gate.approvals.map(approval => (
                <li key={`${approval.userRef}-${approval.decidedAt}`}>
                  <Typography variant="body2" component="span">
                    <CatalogRefLink entityRef={approval.userRef} />{' '}
                    {approval.decision === 'approve' ? 'approved' : 'rejected'} on{' '}
                    {formatTime(approval.decidedAt)}
                    {approval.comment && <>: “{approval.comment}”</>}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {gate.kind === 'check' && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            Check {gate.checkName}
          </Typography>
          {gate.latestCheck ? (
            <Typography variant="body2">
              Latest result: <strong>{gate.latestCheck.status}</strong>, reported by{' '}
              {gate.latestCheck.reporter} on {formatTime(gate.latestCheck.reportedAt)}.{' '}
              {gate.latestCheck.evidenceUrl ? (
                <Link to={gate.latestCheck.evidenceUrl}>Open evidence</Link>
              ) : (
                'No evidence link was reported.'
              )}
            </Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              CI has not reported a result yet.
            </Typography>
          )}
        </div>
      )}
      {gate.kind === 'rule' && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            Rule {gate.rule}
          </Typography>
          <Typography variant="body2">
            {gate.reason ?? 'The rule has not been evaluated yet.'}
          </Typography>
        </div>
      )}
      {gate.waiver && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            Waiver
          </Typography>
          <Typography variant="body2">
            Waived by <CatalogRefLink entityRef={gate.waiver.waivedBy} /> on{' '}
            {formatTime(gate.waiver.waivedAt)} until {formatTime(gate.waiver.until)}: “
            {gate.waiver.reason}”
          </Typography>
        </div>
      )}
    </div>
  );
}

type Action = 'approve' | 'reject' | 'waive';

/** Who may approve a gate, in a sentence for those who may not. */
export function approversSentence(gate: TrainGate): string {
  return gate.approverRef
    ? `Only members of ${shortRef(gate.approverRef)} can approve or reject this gate.`
    : 'Nobody can approve this gate yet: no approver could be resolved from the catalog.';
}

/** The approve and reject actions, offered only when the policy lets the viewer decide the gate. */
function ApproverOnly(props: { gate: TrainGate; children: ReactNode }) {
  const permission = useGateDecision(props.gate.id);
  return (
    <PermissionGuard
      {...permission}
      checkingLabel="Checking whether you may decide this gate"
      denied={approversSentence(props.gate)}
    >
      {props.children}
    </PermissionGuard>
  );
}

/** Who may waive an owner's approval, in a sentence for those who may not. */
export function approvalWaiversSentence(gate: TrainGate): string {
  const team = gate.approverRef ? shortRef(gate.approverRef) : 'its owning team';
  return `'${gate.title}' is decided by members of ${team}; only a release manager can waive it.`;
}

/**
 * The waiver form. An owner's approval gate is waived only by whom the policy allows (a release
 * manager), never by the ambassador alone; check and rule gates also by whoever may run the train.
 */
function WaiverOnly(props: { gate: TrainGate; children: ReactNode }) {
  return props.gate.kind === 'approval' ? (
    <ApprovalWaiverOnly gate={props.gate}>{props.children}</ApprovalWaiverOnly>
  ) : (
    <ManagerWaiverOnly trainId={props.gate.trainId}>{props.children}</ManagerWaiverOnly>
  );
}

function ApprovalWaiverOnly(props: { gate: TrainGate; children: ReactNode }) {
  const permission = useApprovalWaiver();
  return (
    <PermissionGuard
      {...permission}
      checkingLabel="Checking whether you may waive this gate"
      denied={approvalWaiversSentence(props.gate)}
    >
      {props.children}
    </PermissionGuard>
  );
}

/** Check and rule gates: whomever the policy lets waive, or run the train (its ambassador, as the usual policy answers). */
function ManagerWaiverOnly(props: { trainId: string; children: ReactNode }) {
  const permission = useGateWaiver(props.trainId);
  return (
    <PermissionGuard
      {...permission}
      checkingLabel="Checking whether you may waive this gate"
      denied="Only the ambassador of this train or a release manager can waive a gate."
    >
      {props.children}
    </PermissionGuard>
  );
}

/**
 * A gate's evidence first, then the decisions on it: approve, reject (with a comment) and
 * waive (with a reason and an end date). Each decision is offered to those the permission
 * policy allows; to others a sentence says who may. The backend still decides; its refusal is
 * shown as it says it.
 */
export function GateDialog(props: {
  gate: TrainGate;
  open: boolean;
  onClose: () => void;
  /** Called with the gate as the backend returns it after a decision. */
  onDecided?: (gate: TrainGate) => void;
}) {
  const { gate, open, onClose, onDecided } = props;
  const api = useApi(releaseCoordinationApiRef);
  const analytics = useAnalytics();
  const classes = useStyles();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [waiveErrors, setWaiveErrors] = useState<{ reason?: string; until?: string }>({});
  const { busy, error, send, clearError } = useBackendRequest();
  const [done, setDone] = useState<string>();

  /** The request of a decision, counted once it went through. */
  async function decide(action: Action): Promise<TrainGate> {
    const decided = await request(action);
    analytics.captureEvent(action, gate.title, {
      attributes: {
        trainId: gate.trainId,
        gateId: gate.id,
        gateKind: gate.kind,
        ...(gate.participantRef ? { participantRef: gate.participantRef } : {}),
      },
    });
    return decided;
  }

  /** The request of a decision; the form's fields are checked before. */
  function request(action: Action): Promise<TrainGate> {
    if (action === 'approve') {
      return api.approveGate({
        gateId: gate.id,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
    }
    if (action === 'reject') {
      return api.rejectGate({ gateId: gate.id, comment: comment.trim() });
    }
    return api.waiveGate({
      gateId: gate.id,
      reason: reason.trim(),
      until: endOfDay(until).toISOString(),
    });
  }

  async function run(action: Action) {
    // A new attempt: what the last one got back no longer applies.
    clearError();
    setDone(undefined);
    if (action === 'reject' && !comment.trim()) {
      setCommentError('Say why you reject: a comment is required.');
      return;
    }
    setCommentError(undefined);
    if (action === 'waive') {
      const errors: { reason?: string; until?: string } = {};
      if (!reason.trim()) errors.reason = 'A waiver needs a reason.';
      if (!until) errors.until = 'A waiver needs an end date.';
      else if (endOfDay(until).getTime() <= Date.now())
        errors.until = 'The end date must be in the future.';
      setWaiveErrors(errors);
      if (errors.reason || errors.until) return;
    }
    await send(
      () => decide(action),
      updated => {
        setDone(`Gate is now ${updated.state}.`);
        onDecided?.(updated);
      },
    );
  }

  const decidable = gate.state !== 'passed' && gate.state !== 'waived';
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="gate-dialog-title">
      <DialogTitle id="gate-dialog-title">{gate.title}</DialogTitle>
      <DialogContent>
        <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
          <GateStateChip state={gate.state} />
          <Typography variant="body2">
            {gate.kind} gate, {gate.phase} of {gate.stage}
            {gate.participantRef ? ' for ' : ', train-wide'}
          </Typography>
          {gate.participantRef && (
            <EntityRefLink entityRef={gate.participantRef} defaultKind="component" />
          )}
        </Box>
        <Box marginTop={2}>
          <GateEvidence gate={gate} />
        </Box>
        <Box marginY={2}>
          <Divider />
        </Box>
        <RequestErrorAlert error={error} gutterBottom />
        {done && (
          <Box marginBottom={2}>
            <Alert severity="success">{done}</Alert>
          </Box>
        )}
        {gate.kind === 'approval' && (
          <div>
            <Typography variant="h6" component="h3">
              Decide
            </Typography>
            <ApproverOnly gate={gate}>
              <FormTextField
                id="gate-comment"
                label="Comment"
                helperText="Optional to approve, required to reject"
                error={commentError}
                value={comment}
                onChange={setComment}
                multiline
                minRows={2}
                variant="outlined"
              />
              <Box display="flex" gridGap={8} marginTop={1}>
                <Button
                  color="primary"
                  variant="contained"
                  disabled={busy}
                  onClick={() => run('approve')}
                >
                  Approve
                </Button>
                <Button variant="outlined" disabled={busy} onClick={() => run('reject')}>
                  Reject
                </Button>
              </Box>
            </ApproverOnly>
          </div>
        )}
        {decidable && (
          <div className={classes.section}>
            <Typography variant="h6" component="h3">
              Waive
            </Typography>
            <Typography variant="body2" color="textSecondary">
              A waiver lets the train move on without this gate until the end date; it is logged
              with your name and reason.
            </Typography>
            <WaiverOnly gate={gate}>
              <FormTextField
                id="gate-waiver-reason"
                label="Reason for the waiver"
                value={reason}
                onChange={setReason}
                error={waiveErrors.reason}
                variant="outlined"
              />
              <FormTextField
                id="gate-waiver-until"
                label="Waived until"
                type="date"
                value={until}
                onChange={setUntil}
                error={waiveErrors.until}
                variant="outlined"
                fullWidth={false}
              />
              <Box marginTop={1}>
                <Button variant="outlined" disabled={busy} onClick={() => run('waive')}>
                  Waive
                </Button>
              </Box>
            </WaiverOnly>
          </div>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
