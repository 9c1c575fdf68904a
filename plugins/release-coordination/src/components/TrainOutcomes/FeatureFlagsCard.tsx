import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  makeStyles,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  FeatureFlag,
  FeatureFlagState,
  TrainDetail,
  TrainFeatureFlags,
  UpdateFeatureFlagRequest,
  featureFlagExpiry,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  endOfDay,
  formatDate,
  FormDialog,
  FormTextField,
  ListPagination,
  LoadedContent,
  StatusChip,
  useBackendRequest,
  useLastPageWithin,
  usePaging,
} from '../shared';
import { days } from './format';
import { useFeatureFlags } from './useTrainOutcomes';

const DAY_MS = 24 * 60 * 60 * 1000;

const useStyles = makeStyles(theme => ({
  removed: { color: theme.palette.text.secondary },
}));

type Expiry = ReturnType<typeof featureFlagExpiry>;

/**
 * Expired flags first, then those expiring soon, then by expiry; removed ones last. The backend
 * pages in this order; a page is sorted here too, so that its rows never depend on it.
 */
const ORDER: Record<Expiry, number> = { expired: 0, expiring: 1, active: 2, removed: 3 };

const ROWS_PER_PAGE_OPTIONS = [10, 25, 50];

/** Where a flag stands against its expiry, as a chip; red when expired, amber when soon. */
export function ExpiryChip(props: { flag: FeatureFlag; expiringWithinDays: number }) {
  const { flag, expiringWithinDays } = props;
  const now = new Date();
  const expiry = featureFlagExpiry(flag, now, expiringWithinDays);
  if (expiry === 'expired') {
    return <StatusChip label="expired" tone="error" />;
  }
  if (expiry === 'expiring') {
    const left = Math.ceil((new Date(flag.expiresAt).getTime() - now.getTime()) / DAY_MS);
    return <StatusChip label={`expires in ${days(left)}`} tone="warning" />;
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
  const { busy, error, send } = useBackendRequest();

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
    await send(
      () =>
        api.createFeatureFlag({
          trainId: train.id,
          participantRef,
          key: key.trim(),
          ownerRef: ownerRef.trim(),
          purpose: purpose.trim(),
          expiresAt: endOfDay(expires).toISOString(),
        }),
      () => {
        onAdded();
        onClose();
      },
    );
  }

  return (
    <FormDialog
      id="add-flag"
      title="Add a feature flag"
      busy={busy}
      error={error}
      submitLabel="Add flag"
      onSubmit={add}
      onClose={onClose}
    >
      <FormTextField
        id="flag-participant"
        select
        label="Participant"
        value={participantRef}
        onChange={chooseParticipant}
        error={errors.participantRef}
        variant="outlined"
      >
        {train.participants.map(p => (
          <MenuItem key={p.entityRef} value={p.entityRef}>
            {p.entityRef}
          </MenuItem>
        ))}
      </FormTextField>
      <FormTextField
        id="flag-key"
        label="Key"
        value={key}
        onChange={setKey}
        error={errors.key}
        helperText="As the code names it, e.g. one-click-checkout"
        variant="outlined"
      />
      <FormTextField
        id="flag-owner"
        label="Owner"
        value={ownerRef}
        onChange={setOwnerRef}
        error={errors.ownerRef}
        helperText="Who removes it: a Group or User ref"
        variant="outlined"
      />
      <FormTextField
        id="flag-purpose"
        label="Purpose"
        value={purpose}
        onChange={setPurpose}
        error={errors.purpose}
        variant="outlined"
      />
      <FormTextField
        id="flag-expires"
        label="Expires on"
        type="date"
        value={expires}
        onChange={setExpires}
        error={errors.expiresAt}
        helperText="Its owner is reminded before and after"
        min={today()}
        variant="outlined"
        fullWidth={false}
      />
    </FormDialog>
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
  const { busy, error, send } = useBackendRequest();

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
    await send(
      () => api.updateFeatureFlag(request),
      () => {
        onChanged();
        onClose();
      },
    );
  }

  return (
    <FormDialog
      id="change-flag"
      title={`Flag ${flag.key}`}
      maxWidth="xs"
      busy={busy}
      error={error}
      submitLabel="Save"
      onSubmit={change}
      onClose={onClose}
    >
      <FormTextField
        id="flag-state"
        select
        label="State"
        value={state}
        onChange={value => setState(value as FeatureFlagState)}
        helperText="Removed: the flag is gone from the code; it stays removed"
        variant="outlined"
      >
        <MenuItem value="on">on</MenuItem>
        <MenuItem value="off">off</MenuItem>
        <MenuItem value="removed">removed</MenuItem>
      </FormTextField>
      <FormTextField
        id="flag-new-expiry"
        label="New expiry"
        type="date"
        value={expires}
        onChange={setExpires}
        error={expiresError}
        helperText={`Now ${formatDate(flag.expiresAt)}; leave empty to keep it`}
        min={today()}
        variant="outlined"
        fullWidth={false}
      />
    </FormDialog>
  );
}

/** How the train's flags stand, all of them counted by the backend, in one line. */
function FlagCounts(props: { flags: TrainFeatureFlags }) {
  const { counts, expiringWithinDays } = props.flags;
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      {counts.inUse} in use: {counts.expired} expired, {counts.expiringSoon} expiring within{' '}
      {days(expiringWithinDays)}; {counts.removed} removed.
    </Typography>
  );
}

/**
 * A page of the flags in the order they need attention, with a warning while expired ones are
 * in use anywhere in the train.
 */
function FlagsTable(props: { flags: TrainFeatureFlags; onChange: (flagId: string) => void }) {
  const { onChange } = props;
  const classes = useStyles();
  const now = new Date();
  const within = props.flags.expiringWithinDays;
  const flags = [...props.flags.items].sort(
    (a, b) =>
      ORDER[featureFlagExpiry(a, now, within)] - ORDER[featureFlagExpiry(b, now, within)] ||
      a.expiresAt.localeCompare(b.expiresAt),
  );
  // Of the whole train, not of this page: an expired flag on a later page blocks it too.
  const expired = props.flags.counts.expired;
  return (
    <>
      {expired > 0 && (
        <Box marginBottom={1}>
          <Alert severity="error">
            {expired} flag(s) past their expiry are still in use: remove them from the code, or
            give them a new expiry.
          </Alert>
        </Box>
      )}
      <FlagCounts flags={props.flags} />
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
                    onClick={() => onChange(flag.id)}
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

/**
 * The feature flags a train's participants ship behind, expired ones first in red and those
 * expiring soon in amber, with forms to add a flag and to change one. The backend decides who
 * may; its refusal is shown as it says it.
 */
export function FeatureFlagsCard(props: { train: TrainDetail }) {
  const { train } = props;
  const paging = usePaging(25);
  const state = useFeatureFlags(train.id, paging);
  useLastPageWithin(paging, state.value?.totalCount);
  const [adding, setAdding] = useState(false);
  const [changingId, setChangingId] = useState<string>();

  const changing = state.value?.items.find(flag => flag.id === changingId);
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
      <LoadedContent
        state={state}
        errorTitle="Could not load the feature flags"
        isEmpty={flags => flags.totalCount === 0}
        empty={
          <Typography variant="body2">
            No feature flags: the participants ship without any.
          </Typography>
        }
      >
        {flags => (
          <>
            <FlagsTable flags={flags} onChange={setChangingId} />
            <ListPagination
              label="feature flags"
              paging={paging}
              totalCount={flags.totalCount}
              rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
            />
          </>
        )}
      </LoadedContent>
      {adding && (
        <AddFlagDialog train={train} onClose={() => setAdding(false)} onAdded={state.retry} />
      )}
      {changing && (
        <ChangeFlagDialog
          flag={changing}
          onClose={() => setChangingId(undefined)}
          onChanged={state.retry}
        />
      )}
    </InfoCard>
  );
}
