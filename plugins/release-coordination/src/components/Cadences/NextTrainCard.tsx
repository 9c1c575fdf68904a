import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import {
  CadenceDetail,
  trainCreatePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { formatDate } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { occurrenceStart, windowStages } from './cadenceSchedule';
import { CreateCadenceTrainDialog } from './CreateCadenceTrainDialog';

/** The latest handover note of the series, for whoever runs the next train. */
function LatestHandover(props: { cadence: CadenceDetail }) {
  const { t } = usePluginTranslation();
  const handover = props.cadence.next.latestHandover;
  return (
    <Box marginTop={2}>
      <Typography variant="subtitle2" component="h4">
        {t('cadences.next.handover')}
      </Typography>
      {handover ? (
        <>
          <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
            {handover.note}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="div">
            {t('cadences.next.handoverBy', {
              author: (
                <EntityRefLink
                  entityRef={handover.authorRef}
                  defaultKind="user"
                />
              ),
              date: formatDate(handover.createdAt),
            })}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {t('cadences.next.noHandover')}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The next train of a cadence as the cadence pre-fills it: its occurrence, name and stage
 * windows, the ambassador the rotation suggests and why, and the latest handover note; for
 * those who may create trains, "Create next train".
 */
export function NextTrainCard(props: {
  cadence: CadenceDetail;
  onChanged: () => void;
}) {
  const { cadence, onChanged } = props;
  const { next } = cadence;
  const { t } = usePluginTranslation();
  const { allowed: mayCreate } = usePermission({
    permission: trainCreatePermission,
  });
  const [creating, setCreating] = useState(false);
  const stages = windowStages(cadence, next.stageWindows);
  const suggestion = next.suggestedAmbassador;

  return (
    <InfoCard
      title={t('cadences.next.title')}
      subheader={t('cadences.next.subheader', {
        occurrence: String(next.occurrence),
        date: formatDate(
          occurrenceStart(cadence, next.occurrence).toISOString(),
        ),
      })}
    >
      <Typography variant="h6" component="h3">
        {next.name}
      </Typography>
      {stages.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('cadences.next.noWindows')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('cadences.next.windowsLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('cadences.next.columns.stage')}</TableCell>
              <TableCell>{t('cadences.next.columns.start')}</TableCell>
              <TableCell>{t('cadences.next.columns.end')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {stages.map(stage => {
              const window = next.stageWindows[stage.name];
              return (
                <TableRow key={stage.name}>
                  <TableCell>{stage.title}</TableCell>
                  <TableCell>{formatDate(window.start)}</TableCell>
                  <TableCell>{formatDate(window.end)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Box marginTop={2}>
        <Typography variant="subtitle2" component="h4">
          {t('cadences.next.suggested')}
        </Typography>
        {suggestion ? (
          <>
            <Typography variant="body2">
              <EntityRefLink
                entityRef={suggestion.memberRef}
                defaultKind="user"
              />
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {t('cadences.next.reason', { reason: suggestion.reason })}
            </Typography>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('cadences.next.noSuggestion')}
          </Typography>
        )}
      </Box>
      <LatestHandover cadence={cadence} />
      {mayCreate && (
        <Box marginTop={2}>
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setCreating(true)}
          >
            {t('cadences.next.create')}
          </Button>
        </Box>
      )}
      {/* Mounted only while open, so that it starts from the cadence's suggestion as it is now. */}
      {creating && (
        <CreateCadenceTrainDialog
          cadence={cadence}
          onClose={() => {
            setCreating(false);
            // Another train of the occurrence may have been created meanwhile (a 409).
            onChanged();
          }}
        />
      )}
    </InfoCard>
  );
}
