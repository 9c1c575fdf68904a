import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogRefLink,
  endOfDay,
  formatTime,
  FormTextField,
  GateStateChip,
  PermissionGuard,
  type ReleaseCoordinationT,
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <div aria-label={t('gates.evidence.label')}>
      <Typography variant="h6" component="h3">
        {t('gates.evidence.title')}
      </Typography>
      {gate.kind === 'approval' && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            {t('gates.evidence.approvals', {
              approved: String(gate.approvals.filter(a => a.decision === 'approve').length),
              quorum: String(gate.quorum),
            })}
          </Typography>
          <Typography variant="body2">
            {gate.approverRef
              ? t('gates.evidence.decidedBy', {
                  approver: <EntityRefLink entityRef={gate.approverRef} defaultKind="group" />,
                })
              : t('gates.evidence.decidedByNobody')}
            {gate.separationOfDuties && t('gates.evidence.separationOfDuties')}
          </Typography>
          {gate.approvals.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {t('gates.evidence.noDecisions')}
            </Typography>
          ) : (
            <ul className={classes.list}>
              {gate.approvals.map(approval => (
                <li key={`${approval.userRef}-${approval.decidedAt}`}>
                  <Typography variant="body2" component="span">
                    {t(
                      approval.decision === 'approve'
                        ? 'gates.evidence.approved'
                        : 'gates.evidence.rejected',
                      {
                        user: <CatalogRefLink entityRef={approval.userRef} />,
                        time: formatTime(approval.decidedAt),
                      },
                    )}
                    {approval.comment &&
                      t('gates.evidence.comment', { comment: approval.comment })}
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
            {t('gates.evidence.check', { check: gate.checkName ?? '' })}
          </Typography>
          {gate.latestCheck ? (
            <Typography variant="body2">
              {t('gates.evidence.latest', {
                status: <strong>{gate.latestCheck.status}</strong>,
                reporter: gate.latestCheck.reporter,
                time: formatTime(gate.latestCheck.reportedAt),
              })}{' '}
              {gate.latestCheck.evidenceUrl ? (
                <Link to={gate.latestCheck.evidenceUrl}>{t('gates.evidence.openEvidence')}</Link>
              ) : (
                t('gates.evidence.noEvidenceLink')
              )}
            </Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('gates.evidence.noResult')}
            </Typography>
          )}
        </div>
      )}
      {gate.kind === 'rule' && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            {t('gates.evidence.rule', { rule: gate.rule ?? '' })}
          </Typography>
          <Typography variant="body2">
            {gate.reason ?? t('gates.evidence.notEvaluated')}
          </Typography>
        </div>
      )}
      {gate.waiver && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            {t('gates.evidence.waiver')}
          </Typography>
          <Typography variant="body2">
            {t('gates.evidence.waived', {
              user: <CatalogRefLink entityRef={gate.waiver.waivedBy} />,
              time: formatTime(gate.waiver.waivedAt),
              until: formatTime(gate.waiver.until),
              reason: gate.waiver.reason,
            })}
          </Typography>
        </div>
      )}
    </div>
  );
}

type Action = 'approve' | 'reject' | 'waive';

/** Who may approve a gate, in a sentence for those who may not. */
export function approversSentence(gate: TrainGate, t: ReleaseCoordinationT): string {
  return gate.approverRef
    ? t('gates.approvers', { team: shortRef(gate.approverRef) })
    : t('gates.noApprovers');
}

/** The approve and reject actions, offered only when the policy lets the viewer decide the gate. */
function ApproverOnly(props: { gate: TrainGate; children: ReactNode }) {
  const permission = useGateDecision(props.gate.id);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <PermissionGuard
      {...permission}
      checkingLabel={t('gates.checkingDecide')}
      denied={approversSentence(props.gate, t)}
    >
      {props.children}
    </PermissionGuard>
  );
}

/** Who may waive an owner's approval, in a sentence for those who may not. */
export function approvalWaiversSentence(gate: TrainGate, t: ReleaseCoordinationT): string {
  const team = gate.approverRef ? shortRef(gate.approverRef) : t('gates.itsOwningTeam');
  return t('gates.approvalWaivers', { gate: gate.title, team });
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <PermissionGuard
      {...permission}
      checkingLabel={t('gates.checkingWaive')}
      denied={approvalWaiversSentence(props.gate, t)}
    >
      {props.children}
    </PermissionGuard>
  );
}

/** Check and rule gates: whomever the policy lets waive, or run the train (its ambassador, as the usual policy answers). */
function ManagerWaiverOnly(props: { trainId: string; children: ReactNode }) {
  const permission = useGateWaiver(props.trainId);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <PermissionGuard
      {...permission}
      checkingLabel={t('gates.checkingWaive')}
      denied={t('gates.managerWaivers')}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

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
      setCommentError(t('gates.commentRequired'));
      return;
    }
    setCommentError(undefined);
    if (action === 'waive') {
      const errors: { reason?: string; until?: string } = {};
      if (!reason.trim()) errors.reason = t('gates.reasonRequired');
      if (!until) errors.until = t('gates.untilRequired');
      else if (endOfDay(until).getTime() <= Date.now()) errors.until = t('gates.untilInPast');
      setWaiveErrors(errors);
      if (errors.reason || errors.until) return;
    }
    await send(
      () => decide(action),
      updated => {
        setDone(t('gates.done', { state: updated.state }));
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
            {t(gate.participantRef ? 'gates.summaryFor' : 'gates.summaryTrainWide', {
              kind: gate.kind,
              phase: gate.phase,
              stage: gate.stage,
            })}
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
              {t('gates.decide')}
            </Typography>
            <ApproverOnly gate={gate}>
              <FormTextField
                id="gate-comment"
                label={t('gates.comment')}
                helperText={t('gates.commentHelp')}
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
                  {t('gates.approve')}
                </Button>
                <Button variant="outlined" disabled={busy} onClick={() => run('reject')}>
                  {t('gates.reject')}
                </Button>
              </Box>
            </ApproverOnly>
          </div>
        )}
        {decidable && (
          <div className={classes.section}>
            <Typography variant="h6" component="h3">
              {t('gates.waive')}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {t('gates.waiveHelp')}
            </Typography>
            <WaiverOnly gate={gate}>
              <FormTextField
                id="gate-waiver-reason"
                label={t('gates.waiverReason')}
                value={reason}
                onChange={setReason}
                error={waiveErrors.reason}
                variant="outlined"
              />
              <FormTextField
                id="gate-waiver-until"
                label={t('gates.waiverUntil')}
                type="date"
                value={until}
                onChange={setUntil}
                error={waiveErrors.until}
                variant="outlined"
                fullWidth={false}
              />
              <Box marginTop={1}>
                <Button variant="outlined" disabled={busy} onClick={() => run('waive')}>
                  {t('gates.waive')}
                </Button>
              </Box>
            </WaiverOnly>
          </div>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('gates.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
