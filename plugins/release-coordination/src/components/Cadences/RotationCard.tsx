import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@material-ui/core';
import EditIcon from '@material-ui/icons/Edit';
import SkipNextIcon from '@material-ui/icons/SkipNext';
import SwapHorizIcon from '@material-ui/icons/SwapHoriz';
import {
  CadenceDetail,
  CadenceRosterMember,
  cadenceManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import {
  formatDate,
  sameRef,
  shortRef,
  useSignedInUserRef,
  useTrainLink,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { RosterDialog } from './RosterDialog';
import {
  RotationChangeDialog,
  RotationChangeKind,
} from './RotationChangeDialog';

const BAR_WIDTH = 120;
const BAR_HEIGHT = 12;

/** A member's runs as a bar against the most runs of the roster: the fairness at a glance. */
function RunsBar(props: { runs: number; most: number; label: string }) {
  const { runs, most, label } = props;
  const theme = useTheme();
  const filled = most > 0 ? Math.round((runs / most) * BAR_WIDTH) : 0;
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <svg
        width={BAR_WIDTH}
        height={BAR_HEIGHT}
        role="img"
        aria-label={label}
        data-testid="runs-bar"
      >
        <rect
          width={BAR_WIDTH}
          height={BAR_HEIGHT}
          rx={2}
          fill={theme.palette.action.hover}
        />
        {filled > 0 && (
          <rect
            width={filled}
            height={BAR_HEIGHT}
            rx={2}
            fill={theme.palette.primary.main}
          />
        )}
      </svg>
      <Typography variant="body2" component="span">
        {runs}
      </Typography>
    </Box>
  );
}

/** The latest train a member ran, as a link to it. */
function LastRun(props: { member: CadenceRosterMember }) {
  const { lastRun } = props.member;
  const { t } = usePluginTranslation();
  const trainLink = useTrainLink();
  if (!lastRun) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {t('cadences.rotation.never')}
      </Typography>
    );
  }
  const label = t('cadences.rotation.lastRun', {
    occurrence: String(lastRun.occurrence),
    name: lastRun.name,
  });
  return trainLink ? (
    <Link to={trainLink(lastRun.trainId)}>{label}</Link>
  ) : (
    <>{label}</>
  );
}

/** The roster in rotation order, each member's runs as a bar, and their last train. */
function RosterTable(props: { cadence: CadenceDetail }) {
  const { cadence } = props;
  const { t } = usePluginTranslation();
  const most = Math.max(0, ...cadence.roster.map(member => member.runs));
  const suggested = cadence.next.suggestedAmbassador?.memberRef;
  return (
    <Table size="small" aria-label={t('cadences.rotation.tableLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('cadences.rotation.columns.position')}</TableCell>
          <TableCell>{t('cadences.rotation.columns.member')}</TableCell>
          <TableCell>{t('cadences.rotation.columns.runs')}</TableCell>
          <TableCell>{t('cadences.rotation.columns.lastRun')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...cadence.roster]
          .sort((a, b) => a.position - b.position)
          .map(member => (
            <TableRow key={member.memberRef}>
              <TableCell>{member.position + 1}</TableCell>
              <TableCell>
                <Box display="flex" alignItems="center" gridGap={4}>
                  <EntityRefLink
                    entityRef={member.memberRef}
                    defaultKind="user"
                  />
                  {sameRef(member.memberRef, suggested) && (
                    <Chip
                      size="small"
                      color="primary"
                      label={t('cadences.rotation.suggested')}
                    />
                  )}
                </Box>
              </TableCell>
              <TableCell>
                <RunsBar
                  runs={member.runs}
                  most={most}
                  label={t('cadences.rotation.runsLabel', {
                    member: shortRef(member.memberRef, t),
                    count: member.runs,
                  })}
                />
              </TableCell>
              <TableCell>
                <LastRun member={member} />
              </TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
}

/** The skips and swaps of the rotation: which occurrence, who, why, recorded by whom. */
function RotationChanges(props: { cadence: CadenceDetail }) {
  const { t } = usePluginTranslation();
  const changes = props.cadence.rotationChanges;
  if (changes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('cadences.rotation.changes.none')}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={t('cadences.rotation.changes.tableLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>
            {t('cadences.rotation.changes.columns.occurrence')}
          </TableCell>
          <TableCell>{t('cadences.rotation.changes.columns.change')}</TableCell>
          <TableCell>{t('cadences.rotation.changes.columns.member')}</TableCell>
          <TableCell>{t('cadences.rotation.changes.columns.reason')}</TableCell>
          <TableCell>
            {t('cadences.rotation.changes.columns.recorded')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map(change => (
          <TableRow key={change.id}>
            <TableCell>#{change.occurrence}</TableCell>
            <TableCell>
              <Chip
                size="small"
                variant="outlined"
                label={t(`cadences.rotation.changes.kinds.${change.kind}`)}
              />
            </TableCell>
            <TableCell>
              <EntityRefLink entityRef={change.memberRef} defaultKind="user" />
              {change.substituteRef && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {t('cadences.rotation.changes.substitute', {
                    substitute: (
                      <EntityRefLink
                        entityRef={change.substituteRef}
                        defaultKind="user"
                      />
                    ),
                  })}
                </Typography>
              )}
            </TableCell>
            <TableCell>{change.reason}</TableCell>
            <TableCell>
              {t('cadences.rotation.changes.recordedBy', {
                who: (
                  <EntityRefLink
                    entityRef={change.recordedBy}
                    defaultKind="user"
                  />
                ),
                date: formatDate(change.recordedAt),
              })}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A cadence's ambassador rotation: the roster in order with each member's runs as a bar chart,
 * so that its fairness shows, and the skips and swaps with their reasons. Members record their
 * own skip or swap; release managers (`cadenceManagePermission`) anyone's, and they edit the
 * roster: `onRosterSaved` gets the cadence as the backend answered the new roster.
 */
export function RotationCard(props: {
  cadence: CadenceDetail;
  onChanged: () => void;
  onRosterSaved: (cadence: CadenceDetail) => void;
}) {
  const { cadence, onChanged, onRosterSaved } = props;
  const { t } = usePluginTranslation();
  const { userRef } = useSignedInUserRef();
  const { allowed: manager } = usePermission({
    permission: cadenceManagePermission,
  });
  const [changing, setChanging] = useState<RotationChangeKind>();
  const [editingRoster, setEditingRoster] = useState(false);
  const rosterRefs = cadence.roster.map(member => member.memberRef);
  const self = rosterRefs.find(ref => sameRef(ref, userRef));
  let members: string[] = [];
  if (manager) members = rosterRefs;
  else if (self) members = [self];
  const mayRecord = members.length > 0;

  return (
    <InfoCard
      title={t('cadences.rotation.title')}
      subheader={t('cadences.rotation.subheader')}
    >
      {cadence.roster.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('cadences.rotation.emptyRoster')}
        </Typography>
      ) : (
        <RosterTable cadence={cadence} />
      )}
      {(mayRecord || manager) && (
        <Box marginTop={2} display="flex" gridGap={8}>
          {mayRecord && (
            <>
              <Button
                variant="outlined"
                startIcon={<SkipNextIcon />}
                onClick={() => setChanging('skip')}
              >
                {t('cadences.rotation.skip')}
              </Button>
              <Button
                variant="outlined"
                startIcon={<SwapHorizIcon />}
                // A swap needs a second member to hand the turn to.
                disabled={rosterRefs.length < 2}
                onClick={() => setChanging('swap')}
              >
                {t('cadences.rotation.swap')}
              </Button>
            </>
          )}
          {manager && (
            <Button
              variant="outlined"
              startIcon={<EditIcon />}
              onClick={() => setEditingRoster(true)}
            >
              {t('cadences.rotation.editRoster')}
            </Button>
          )}
        </Box>
      )}
      <Box marginTop={3}>
        <Typography variant="subtitle1" component="h3">
          {t('cadences.rotation.changes.title')}
        </Typography>
        <RotationChanges cadence={cadence} />
      </Box>
      {changing && (
        <RotationChangeDialog
          kind={changing}
          cadence={cadence}
          members={members}
          member={self}
          onClose={() => setChanging(undefined)}
          onRecorded={() => {
            setChanging(undefined);
            onChanged();
          }}
        />
      )}
      {/* Mounted only while open, so that it starts from the roster as it is now. */}
      {editingRoster && (
        <RosterDialog
          cadence={cadence}
          onClose={() => setEditingRoster(false)}
          onSaved={saved => {
            setEditingRoster(false);
            onRosterSaved(saved);
          }}
        />
      )}
    </InfoCard>
  );
}
