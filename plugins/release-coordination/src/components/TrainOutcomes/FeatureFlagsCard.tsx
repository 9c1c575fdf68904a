import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
  type ReleaseCoordinationT,
  StatusChip,
  useBackendRequest,
  useLastPageWithin,
  usePaging,
} from '../shared';
import { releaseCoordinationTranslationRef } from '../../translations';
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const now = new Date();
  const expiry = featureFlagExpiry(flag, now, expiringWithinDays);
  if (expiry === 'expired') {
    return <StatusChip label={t('outcomes.flags.expired')} tone="error" />;
  }
  if (expiry === 'expiring') {
    const left = Math.ceil((new Date(flag.expiresAt).getTime() - now.getTime()) / DAY_MS);
    return <StatusChip label={t('outcomes.flags.expiresIn', { days: days(left, t) })} tone="warning" />;
  }
  return null;
}

/** Today as a date input wants it, in the viewer's time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function expiryError(date: string, t: ReleaseCoordinationT): string | undefined {
  if (!date) return t('outcomes.flags.expiryRequired');
  if (endOfDay(date).getTime() <= Date.now()) return t('outcomes.flags.expiryInPast');
  return undefined;
}

/** The form for a new flag: participant, key, owner, purpose and expiry. */
function AddFlagDialog(props: { train: TrainDetail; onClose: () => void; onAdded: () => void }) {
  const { train, onClose, onAdded } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
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
    if (!participantRef) found.participantRef = t('outcomes.flags.addDialog.participantRequired');
    if (!/^[a-z0-9][a-z0-9._-]{0,99}$/i.test(key.trim())) {
      found.key = t('outcomes.flags.addDialog.keyInvalid');
    }
    if (!/^(group|user):[^:/]+\/[^:/]+$/i.test(ownerRef.trim())) {
      found.ownerRef = t('outcomes.flags.addDialog.ownerInvalid');
    }
    if (!purpose.trim()) found.purpose = t('outcomes.flags.addDialog.purposeRequired');
    const expiresProblem = expiryError(expires, t);
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
      title={t('outcomes.flags.addDialog.title')}
      busy={busy}
      error={error}
      submitLabel={t('outcomes.flags.addDialog.submit')}
      onSubmit={add}
      onClose={onClose}
    >
      <FormTextField
        id="flag-participant"
        select
        label={t('outcomes.flags.addDialog.participant')}
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
        label={t('outcomes.flags.addDialog.key')}
        value={key}
        onChange={setKey}
        error={errors.key}
        helperText={t('outcomes.flags.addDialog.keyHelp')}
        variant="outlined"
      />
      <FormTextField
        id="flag-owner"
        label={t('outcomes.flags.addDialog.owner')}
        value={ownerRef}
        onChange={setOwnerRef}
        error={errors.ownerRef}
        helperText={t('outcomes.flags.addDialog.ownerHelp')}
        variant="outlined"
      />
      <FormTextField
        id="flag-purpose"
        label={t('outcomes.flags.addDialog.purpose')}
        value={purpose}
        onChange={setPurpose}
        error={errors.purpose}
        variant="outlined"
      />
      <FormTextField
        id="flag-expires"
        label={t('outcomes.flags.addDialog.expires')}
        type="date"
        value={expires}
        onChange={setExpires}
        error={errors.expiresAt}
        helperText={t('outcomes.flags.addDialog.expiresHelp')}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [state, setState] = useState<FeatureFlagState>(flag.state);
  const [expires, setExpires] = useState('');
  const [expiresError, setExpiresError] = useState<string>();
  const { busy, error, send } = useBackendRequest();

  async function change() {
    const problem = expires ? expiryError(expires, t) : undefined;
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
      title={t('outcomes.flags.changeDialog.title', { key: flag.key })}
      maxWidth="xs"
      busy={busy}
      error={error}
      submitLabel={t('outcomes.flags.changeDialog.submit')}
      onSubmit={change}
      onClose={onClose}
    >
      <FormTextField
        id="flag-state"
        select
        label={t('outcomes.flags.changeDialog.state')}
        value={state}
        onChange={value => setState(value as FeatureFlagState)}
        helperText={t('outcomes.flags.changeDialog.stateHelp')}
        variant="outlined"
      >
        <MenuItem value="on">{t('outcomes.flags.states.on')}</MenuItem>
        <MenuItem value="off">{t('outcomes.flags.states.off')}</MenuItem>
        <MenuItem value="removed">{t('outcomes.flags.states.removed')}</MenuItem>
      </FormTextField>
      <FormTextField
        id="flag-new-expiry"
        label={t('outcomes.flags.changeDialog.expiry')}
        type="date"
        value={expires}
        onChange={setExpires}
        error={expiresError}
        helperText={t('outcomes.flags.changeDialog.expiryHelp', { date: formatDate(flag.expiresAt) })}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      {t('outcomes.flags.counts', {
        inUse: String(counts.inUse),
        expired: String(counts.expired),
        expiring: String(counts.expiringSoon),
        days: days(expiringWithinDays, t),
        removed: String(counts.removed),
      })}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

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
            {t('outcomes.flags.expiredInUse', { count: expired })}
          </Alert>
        </Box>
      )}
      <FlagCounts flags={props.flags} />
      <Table size="small" aria-label={t('outcomes.flags.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('outcomes.flags.columns.flag')}</TableCell>
            <TableCell>{t('outcomes.flags.columns.participant')}</TableCell>
            <TableCell>{t('outcomes.flags.columns.owner')}</TableCell>
            <TableCell>{t('outcomes.flags.columns.state')}</TableCell>
            <TableCell>{t('outcomes.flags.columns.expires')}</TableCell>
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
                    aria-label={t('outcomes.flags.changeLabel', { key: flag.key })}
                  >
                    {t('outcomes.flags.change')}
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard title={t('outcomes.flags.title')} subheader={t('outcomes.flags.subheader')}>
      {canAdd && (
        <Box marginBottom={1}>
          <Button variant="outlined" color="primary" onClick={() => setAdding(true)}>
            {t('outcomes.flags.add')}
          </Button>
        </Box>
      )}
      <LoadedContent
        state={state}
        errorTitle={t('outcomes.flags.loadError')}
        isEmpty={flags => flags.totalCount === 0}
        empty={
          <Typography variant="body2">
            {t('outcomes.flags.empty')}
          </Typography>
        }
      >
        {flags => (
          <>
            <FlagsTable flags={flags} onChange={setChangingId} />
            <ListPagination
              label={t('outcomes.flags.paginationLabel')}
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
