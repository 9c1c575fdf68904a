import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
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
  MenuItem,
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
  FeatureFlag,
  FeatureFlagState,
  TrainDetail,
  UpdateFeatureFlagRequest,
  featureFlagExpiry,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { CatalogRefLink, errorMessage } from '../shared';
import { days, endOfDay, formatDate } from './format';
import { useFeatureFlags } from './useTrainOutcomes';

const DAY_MS = 24 * 60 * 60 * 1000;

const useStyles = makeStyles(theme => ({
  expired: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  expiring: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  removed: { color: theme.palette.text.secondary },
}));

type Expiry = ReturnType<typeof featureFlagExpiry>;

/** Expired flags first, then those expiring soon, then by expiry; removed ones last. */
const ORDER: Record<Expiry, number> = { expired: 0, expiring: 1, active: 2, removed: 3 };

/** Where a flag stands against its expiry, as a chip; red when expired, amber when soon. */
export function ExpiryChip(props: { flag: FeatureFlag; expiringWithinDays: number }) {
  const { flag, expiringWithinDays } = props;
  const classes = useStyles();
  const now = new Date();
  const expiry = featureFlagExpiry(flag, now, expiringWithinDays);
  if (expiry === 'expired') {
    return <Chip size="small" label="expired" className={classes.expired} />;
  }
  if (expiry === 'expiring') {
    const left = Math.ceil((new Date(flag.expiresAt).getTime() - now.getTime()) / DAY_MS);
    return <Chip size="small" label={`expires in ${days(left)}`} className={classes.expiring} />;
  }
  return null;
}

/** Today as a date input wants it, in the viewer's time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function expiryError(date: string): string | undefined {
  if (!date) return 'Every flag is time-bound: give it an expiry date.';
  if (endOfDay(date).getTime() <= Date.now()) return 'The expiry must be in the future.';
  return undefined;
}

/** The form for a new flag: participant, key, owner, purpose and expiry. */
function AddFlagDialog(props: { train: TrainDetail; onClose: () => void; onAdded: () => void }) {
  const { train, onClose, onAdded } = props;
  const api = useApi(releaseCoordinationApiRef);
  const first = train.participants[0];
  const [participantRef, setParticipantRef] = useState(first?.entityRef ?? '');
  const [key, setKey] = useState('');
  const [ownerRef, setOwnerRef] = useState(first?.ownerRef ?? '');
  const [purpose, setPurpose] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function chooseParticipant(ref: string) {
    setParticipantRef(ref);
    // The participant's team is the usual owner of its flags.
    const owner = train.participants.find(p => p.entityRef === ref)?.ownerRef;
    if (owner) setOwnerRef(owner);
  }

  async function add() {
    const found: Partial<Record<string, string>> = {};
    if (!participantRef) found.participantRef = 'Choose the participant that ships the flag.';
    if (!/^[a-z0-9][a-z0-9._-]{0,99}$/i.test(key.trim())) {
      found.key = 'Use letters, digits and . _ - (at most 100).';
    }
    if (!/^(group|user):[^:/]+\/[^:/]+$/i.test(ownerRef.trim())) {
      found.ownerRef = 'A Group or User ref, e.g. group:default/team-checkout.';
    }
    if (!purpose.trim()) found.purpose = 'Say what the flag is for.';
    const expiresProblem = expiryError(expires);
    if (expiresProblem) found.expiresAt = expiresProblem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.createFeatureFlag({
        trainId: train.id,
        participantRef,
        key: key.trim(),
        ownerRef: ownerRef.trim(),
        purpose: purpose.trim(),
        expiresAt: endOfDay(expires).toISOString(),
      });
      onAdded();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="add-flag-title">
      <DialogTitle id="add-flag-title">Add a feature flag</DialogTitle>
      <DialogContent>
        {error && (
          <Box marginBottom={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
        <TextField
          id="flag-participant"
          select
          label="Participant"
          value={participantRef}
          onChange={e => chooseParticipant(e.target.value)}
          error={Boolean(errors.participantRef)}
          helperText={errors.participantRef}
          fullWidth
          margin="dense"
          variant="outlined"
        >
          {train.participants.map(p => (
            <MenuItem key={p.entityRef} value={p.entityRef}>
              {p.entityRef}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="flag-key"
          label="Key"
          value={key}
          onChange={e => setKey(e.target.value)}
          error={Boolean(errors.key)}
          helperText={errors.key ?? 'As the code names it, e.g. one-click-checkout'}
          fullWidth
          margin="dense"
          variant="outlined"
        />
        <TextField
          id="flag-owner"
          label="Owner"
          value={ownerRef}
          onChange={e => setOwnerRef(e.target.value)}
          error={Boolean(errors.ownerRef)}
          helperText={errors.ownerRef ?? 'Who removes it: a Group or User ref'}
          fullWidth
          margin="dense"
          variant="outlined"
        />
        <TextField
          id="flag-purpose"
          label="Purpose"
          value={purpose}
          onChange={e => setPurpose(e.target.value)}
          error={Boolean(errors.purpose)}
          helperText={errors.purpose}
          fullWidth
          margin="dense"
          variant="outlined"
        />
        <TextField
          id="flag-expires"
          label="Expires on"
          type="date"
          value={expires}
          onChange={e => setExpires(e.target.value)}
          error={Boolean(errors.expiresAt)}
          helperText={errors.expiresAt ?? 'Its owner is reminded before and after'}
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: today() }}
          margin="dense"
          variant="outlined"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" disabled={busy} onClick={add}>
          Add flag
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The form to switch a flag, mark it removed, or give it a new expiry. */
function ChangeFlagDialog(props: {
  flag: FeatureFlag;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { flag, onClose, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [state, setState] = useState<FeatureFlagState>(flag.state);
  const [expires, setExpires] = useState('');
  const [expiresError, setExpiresError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function change() {
    const problem = expires ? expiryError(expires) : undefined;
    setExpiresError(problem);
    if (problem) return;
    const request: UpdateFeatureFlagRequest & { flagId: string } = { flagId: flag.id };
    if (state !== flag.state) request.state = state;
    if (expires) request.expiresAt = endOfDay(expires).toISOString();
    if (!request.state && !request.expiresAt) {
      onClose();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.updateFeatureFlag(request);
      onChanged();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="change-flag-title">
      <DialogTitle id="change-flag-title">Flag {flag.key}</DialogTitle>
      <DialogContent>
        {error && (
          <Box marginBottom={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
        <TextField
          id="flag-state"
          select
          label="State"
          value={state}
          onChange={e => setState(e.target.value as FeatureFlagState)}
          helperText="Removed: the flag is gone from the code; it stays removed"
          fullWidth
          margin="dense"
          variant="outlined"
        >
          <MenuItem value="on">on</MenuItem>
          <MenuItem value="off">off</MenuItem>
          <MenuItem value="removed">removed</MenuItem>
        </TextField>
        <TextField
          id="flag-new-expiry"
          label="New expiry"
          type="date"
          value={expires}
          onChange={e => setExpires(e.target.value)}
          error={Boolean(expiresError)}
          helperText={expiresError ?? `Now ${formatDate(flag.expiresAt)}; leave empty to keep it`}
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: today() }}
          margin="dense"
          variant="outlined"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" disabled={busy} onClick={change}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The feature flags a train's participants ship behind, expired ones first in red and those
 * expiring soon in amber, with forms to add a flag and to change one. The backend decides who
 * may; its refusal is shown as it says it.
 */
export function FeatureFlagsCard(props: { train: TrainDetail }) {
  const { train } = props;
  const classes = useStyles();
  const { value, loading, error, retry } = useFeatureFlags(train.id);
  const [adding, setAdding] = useState(false);
  const [changingId, setChangingId] = useState<string>();

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error && !value) {
    content = <ResponseErrorPanel error={error} title="Could not load the feature flags" />;
  } else if (!value || value.items.length === 0) {
    content = (
      <Typography variant="body2">No feature flags: the participants ship without any.</Typography>
    );
  } else {
    const now = new Date();
    const within = value.expiringWithinDays;
    const flags = [...value.items].sort(
      (a, b) =>
        ORDER[featureFlagExpiry(a, now, within)] - ORDER[featureFlagExpiry(b, now, within)] ||
        a.expiresAt.localeCompare(b.expiresAt),
    );
    const expired = flags.filter(f => featureFlagExpiry(f, now, within) === 'expired').length;
    content = (
      <>
        {expired > 0 && (
          <Box marginBottom={1}>
            <Alert severity="error">
              {expired} flag(s) past their expiry are still in use: remove them from the code, or
              give them a new expiry.
            </Alert>
          </Box>
        )}
        <Table size="small" aria-label="Feature flags">
          <TableHead>
            <TableRow>
              <TableCell>Flag</TableCell>
              <TableCell>Participant</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {flags.map(flag => (
              <TableRow
                key={flag.id}
                className={flag.state === 'removed' ? classes.removed : undefined}
              >
                <TableCell>
                  <Typography variant="body2" component="code">
                    {flag.key}
                  </Typography>
                  <Typography variant="caption" component="div" color="textSecondary">
                    {flag.purpose}
                  </Typography>
                </TableCell>
                <TableCell>
                  <EntityRefLink entityRef={flag.participantRef} defaultKind="component" />
                </TableCell>
                <TableCell>
                  <CatalogRefLink entityRef={flag.ownerRef} />
                </TableCell>
                <TableCell>{flag.state}</TableCell>
                <TableCell>
                  <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
                    <time dateTime={flag.expiresAt}>{formatDate(flag.expiresAt)}</time>
                    <ExpiryChip flag={flag} expiringWithinDays={within} />
                  </Box>
                </TableCell>
                <TableCell>
                  {flag.state !== 'removed' && (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => setChangingId(flag.id)}
                      aria-label={`Change flag ${flag.key}`}
                    >
                      Change
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </>
    );
  }
  const changing = value?.items.find(flag => flag.id === changingId);
  const canAdd = train.status === 'active' && train.participants.length > 0;
  return (
    <InfoCard
      title="Feature flags"
      subheader="Every flag is time-bound; an expired flag still in use blocks the train"
    >
      {canAdd && (
        <Box marginBottom={1}>
          <Button variant="outlined" color="primary" onClick={() => setAdding(true)}>
            Add flag
          </Button>
        </Box>
      )}
      {content}
      {adding && (
        <AddFlagDialog train={train} onClose={() => setAdding(false)} onAdded={retry} />
      )}
      {changing && (
        <ChangeFlagDialog
          flag={changing}
          onClose={() => setChangingId(undefined)}
          onChanged={retry}
        />
      )}
    </InfoCard>
  );
}
