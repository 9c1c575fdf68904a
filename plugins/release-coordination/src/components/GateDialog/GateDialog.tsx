import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Link } from '@backstage/core-components';
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
import { ReactNode } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogRefLink,
  formatTime,
  FormTextField,
  GateStateChip,
  PermissionGuard,
  type ReleaseCoordinationT,
  RequestErrorAlert,
  shortRef,
  useGateDecision,
  useApprovalWaiver,
  useGateWaiver,
} from '../shared';
import { useGateForm } from './useGateForm';

/** What the dialog's decision forms hold and do. */
type GateForm = ReturnType<typeof useGateForm>;

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

/** The gate's state, what kind of gate it is and in which stage, and the component it is for. */
function GateSummary(props: { gate: TrainGate }) {
  const { gate } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
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
  );
}

/** Approve or reject an approval gate, with a comment (required to reject). */
function ApprovalDecision(props: { gate: TrainGate; form: GateForm }) {
  const { gate, form } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <div>
      <Typography variant="h6" component="h3">
        {t('gates.decide')}
      </Typography>
      <ApproverOnly gate={gate}>
        <FormTextField
          id="gate-comment"
          label={t('gates.comment')}
          helperText={t('gates.commentHelp')}
          error={form.commentError}
          value={form.comment}
          onChange={form.setComment}
          multiline
          minRows={2}
          variant="outlined"
        />
        <Box display="flex" gridGap={8} marginTop={1}>
          <Button
            color="primary"
            variant="contained"
            disabled={form.busy}
            onClick={() => form.run('approve')}
          >
            {t('gates.approve')}
          </Button>
          <Button variant="outlined" disabled={form.busy} onClick={() => form.run('reject')}>
            {t('gates.reject')}
          </Button>
        </Box>
      </ApproverOnly>
    </div>
  );
}

/** Waive a gate neither passed nor waived yet, with a reason and the day the waiver ends. */
function WaiverDecision(props: { gate: TrainGate; form: GateForm }) {
  const { gate, form } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
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
          value={form.reason}
          onChange={form.setReason}
          error={form.waiveErrors.reason}
          variant="outlined"
        />
        <FormTextField
          id="gate-waiver-until"
          label={t('gates.waiverUntil')}
          type="date"
          value={form.until}
          onChange={form.setUntil}
          error={form.waiveErrors.until}
          variant="outlined"
          fullWidth={false}
        />
        <Box marginTop={1}>
          <Button variant="outlined" disabled={form.busy} onClick={() => form.run('waive')}>
            {t('gates.waive')}
          </Button>
        </Box>
      </WaiverOnly>
    </div>
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const form = useGateForm(gate, onDecided);

  const decidable = gate.state !== 'passed' && gate.state !== 'waived';
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="gate-dialog-title">
      <DialogTitle id="gate-dialog-title">{gate.title}</DialogTitle>
      <DialogContent>
        <GateSummary gate={gate} />
        <Box marginTop={2}>
          <GateEvidence gate={gate} />
        </Box>
        <Box marginY={2}>
          <Divider />
        </Box>
        <RequestErrorAlert error={form.error} gutterBottom />
        {form.done && (
          <Box marginBottom={2}>
            <Alert severity="success">{form.done}</Alert>
          </Box>
        )}
        {gate.kind === 'approval' && <ApprovalDecision gate={gate} form={form} />}
        {decidable && <WaiverDecision gate={gate} form={form} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('gates.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
