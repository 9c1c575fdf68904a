import { useApi } from '@backstage/core-plugin-api';
import { Link } from '@backstage/core-components';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import {
  AttributionCandidate,
  Incident,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  FormTextField,
  HiddenEntitiesNote,
  LoadedContent,
  RequestErrorAlert,
  shortRef,
  StatusChip,
  useBackendRequest,
  usePluginTranslation,
  useTrainLink,
} from '../shared';
import { useIncidentDetail } from './useIncidents';

const useStyles = makeStyles(theme => ({
  // The reasoning wraps beside the action instead of running under it.
  candidate: { alignItems: 'flex-start', gap: theme.spacing(2) },
  text: { flex: '1 1 auto', minWidth: 0 },
  reasoning: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  action: { flexShrink: 0, paddingTop: theme.spacing(1) },
}));

function CandidateItem(props: {
  candidate: AttributionCandidate;
  confirmed: boolean;
  busy: boolean;
  onConfirm: () => void;
}) {
  const { candidate, confirmed, busy, onConfirm } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const trainLink = useTrainLink();
  const { deployment } = candidate;
  const distance =
    candidate.distance === 0
      ? t('incidents.dialog.distanceSelf')
      : t('incidents.dialog.distance', { count: candidate.distance });
  const what = t('incidents.cause.deployment', {
    entity: shortRef(deployment.participantRef),
    version: deployment.version ?? '',
    train: deployment.trainName,
  });
  return (
    <ListItem divider className={classes.candidate}>
      <ListItemText
        primary={
          <>
            {t('incidents.dialog.rank', { rank: String(candidate.rank) })}{' '}
            {trainLink ? (
              <Link to={trainLink(deployment.trainId, 'deployments')}>
                {what}
              </Link>
            ) : (
              what
            )}{' '}
            · {distance}
          </>
        }
        secondary={candidate.reasoning}
        className={classes.text}
        secondaryTypographyProps={{ className: classes.reasoning }}
      />
      <Box className={classes.action}>
        {confirmed ? (
          <StatusChip label={t('incidents.dialog.confirmed')} tone="success" />
        ) : (
          <Button
            size="small"
            variant="outlined"
            disabled={busy}
            onClick={onConfirm}
          >
            {t('incidents.dialog.confirm')}
          </Button>
        )}
      </Box>
    </ListItem>
  );
}

/**
 * The candidate causes of an incident, the likeliest first, each with its reasoning; a member
 * of an owning team (or a release manager) confirms one, or says no deployment caused it. A
 * refusal is shown as the backend words it, naming who decides.
 */
export function IncidentDialog(props: {
  incident: Incident;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { incident, onClose, onDecided } = props;
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const detail = useIncidentDetail(incident.id);
  const { busy, error, send } = useBackendRequest();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const decided = () => {
    detail.retry();
    onDecided();
  };
  const confirm = (deploymentId: string) =>
    send(
      () =>
        api.attributeIncident({
          incidentId: incident.id,
          state: 'confirmed',
          deploymentId,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      decided,
    );
  const noDeployment = () => {
    if (!comment.trim()) {
      setCommentError(t('incidents.dialog.commentRequired'));
      return;
    }
    setCommentError(undefined);
    void send(
      () =>
        api.attributeIncident({
          incidentId: incident.id,
          state: 'no-deployment',
          comment: comment.trim(),
        }),
      decided,
    );
  };
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="incident-dialog-title"
    >
      <DialogTitle id="incident-dialog-title">
        {t('incidents.dialog.title', { title: incident.title })}
      </DialogTitle>
      <DialogContent>
        <RequestErrorAlert error={error} gutterBottom />
        <LoadedContent
          state={detail}
          errorTitle={t('incidents.dialog.loadError')}
          isEmpty={() => false}
          empty={null}
        >
          {({ incident: current, candidates, windowHours, hidden }) => (
            <>
              <Typography variant="body2" paragraph>
                {t('incidents.dialog.intro', {
                  entity: shortRef(current.entityRef),
                  hours: String(windowHours),
                })}
              </Typography>
              {current.attribution.state !== 'unconfirmed' && (
                <Typography variant="body2" paragraph>
                  {t('incidents.dialog.current', {
                    decision:
                      current.attribution.state === 'confirmed' &&
                      current.attribution.deployment
                        ? t('incidents.cause.deployment', {
                            entity: shortRef(
                              current.attribution.deployment.participantRef,
                            ),
                            version:
                              current.attribution.deployment.version ?? '',
                            train: current.attribution.deployment.trainName,
                          })
                        : t('incidents.cause.none'),
                    by: shortRef(current.attribution.decidedBy ?? ''),
                  })}
                  {current.attribution.comment
                    ? ` — ${current.attribution.comment}`
                    : ''}
                </Typography>
              )}
              {candidates.length === 0 ? (
                <Typography variant="body2" color="textSecondary">
                  {t('incidents.dialog.noCandidates')}
                </Typography>
              ) : (
                <List dense aria-label={t('incidents.columns.cause')}>
                  {candidates.map(candidate => (
                    <CandidateItem
                      key={candidate.deployment.id}
                      candidate={candidate}
                      busy={busy}
                      confirmed={
                        current.attribution.state === 'confirmed' &&
                        current.attribution.deployment?.id ===
                          candidate.deployment.id
                      }
                      onConfirm={() => void confirm(candidate.deployment.id)}
                    />
                  ))}
                </List>
              )}
              <HiddenEntitiesNote hidden={hidden} keys={['candidates']} />
              <Box mt={2}>
                <FormTextField
                  id="incident-attribution-comment"
                  label={t('incidents.dialog.comment')}
                  value={comment}
                  onChange={setComment}
                  error={commentError}
                  multiline
                />
              </Box>
              {current.url && (
                <Typography variant="body2">
                  <Link to={current.url}>{current.url}</Link>
                </Typography>
              )}
            </>
          )}
        </LoadedContent>
      </DialogContent>
      <DialogActions>
        <Button disabled={busy} onClick={noDeployment}>
          {t('incidents.dialog.noDeployment')}
        </Button>
        <Button color="primary" onClick={onClose}>
          {t('incidents.dialog.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
