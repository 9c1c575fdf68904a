import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  ParticipantRollbackReadiness,
  TrainDetail,
  TrainRollbackReadiness,
  daysSince,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  formatDate,
  FormDialog,
  FormTextField,
  LoadedContent,
  shortRef,
  StatusChip,
  useBackendRequest,
} from '../shared';
import { releaseCoordinationTranslationRef } from '../../translations';
import { days, isHttpUrl } from './format';
import { useRollbackReadiness } from './useTrainOutcomes';

const useStyles = makeStyles({
  criteria: { whiteSpace: 'pre-wrap', maxWidth: 360 },
});

/**
 * How long ago the participant last passed a rehearsal, as a chip: green within the allowed
 * age, amber when too old, red when never. The words always say it, so color is never the only
 * cue.
 */
export function RehearsalChip(props: { participant: ParticipantRollbackReadiness }) {
  const { participant } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  if (!participant.lastPassedDrillAt) {
    return <StatusChip label={t('outcomes.rollback.neverRehearsed')} tone="error" />;
  }
  const age = daysSince(participant.lastPassedDrillAt, new Date());
  const label =
    age === 0 ? t('outcomes.rollback.rehearsedToday') : t('outcomes.rollback.rehearsedAgo', { days: days(age, t) });
  return participant.rehearsedWithinDays ? (
    <StatusChip label={label} tone="success" />
  ) : (
    <StatusChip label={t('outcomes.rollback.tooLongAgo', { label })} tone="warning" />
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [criteria, setCriteria] = useState(participant.plan?.criteria ?? '');
  const [procedureUrl, setProcedureUrl] = useState(participant.plan?.procedureUrl ?? '');
  const [errors, setErrors] = useState<{ criteria?: string; procedureUrl?: string }>({});
  const { busy, error, send } = useBackendRequest();

  async function save() {
    const found: typeof errors = {};
    if (!criteria.trim()) found.criteria = t('outcomes.rollback.dialog.criteriaRequired');
    if (!isHttpUrl(procedureUrl.trim())) {
      found.procedureUrl = t('outcomes.rollback.dialog.procedureRequired');
    }
    setErrors(found);
    if (found.criteria || found.procedureUrl) return;
    await send(
      () =>
        api.saveRollbackPlan({
          trainId,
          entityRef: participant.entityRef,
          criteria: criteria.trim(),
          procedureUrl: procedureUrl.trim(),
        }),
      () => {
        onSaved();
        onClose();
      },
    );
  }

  return (
    <FormDialog
      id="rollback-plan"
      title={t('outcomes.rollback.dialog.title', { name: shortRef(participant.entityRef) })}
      busy={busy}
      error={error}
      submitLabel={t('outcomes.rollback.dialog.submit')}
      onSubmit={save}
      onClose={onClose}
    >
      <FormTextField
        id="rollback-plan-criteria"
        label={t('outcomes.rollback.dialog.criteria')}
        value={criteria}
        onChange={setCriteria}
        error={errors.criteria}
        helperText={t('outcomes.rollback.dialog.criteriaHelp')}
        multiline
        minRows={3}
        variant="outlined"
      />
      <FormTextField
        id="rollback-plan-procedure"
        label={t('outcomes.rollback.dialog.procedure')}
        value={procedureUrl}
        onChange={setProcedureUrl}
        error={errors.procedureUrl}
        helperText={t('outcomes.rollback.dialog.procedureHelp')}
        variant="outlined"
      />
    </FormDialog>
  );
}

function ReadinessRow(props: {
  participant: ParticipantRollbackReadiness;
  onEdit: () => void;
}) {
  const { participant, onEdit } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { plan, lastDrill } = participant;
  return (
    <TableRow>
      <TableCell>
        <EntityRefLink entityRef={participant.entityRef} defaultKind="component" />
        {participant.ownerRef && (
          <Typography variant="caption" component="div" color="textSecondary">
            {t('outcomes.rollback.owner', { owner: <CatalogRefLink entityRef={participant.ownerRef} /> })}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {plan ? (
          <>
            <Typography variant="body2" className={classes.criteria}>
              {plan.criteria}
            </Typography>
            <Link to={plan.procedureUrl}>{t('outcomes.rollback.procedure')}</Link>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('outcomes.rollback.noPlan')}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {lastDrill ? (
          <Typography variant="body2">
            {t('outcomes.rollback.drill', {
              result: lastDrill.result,
              date: formatDate(lastDrill.rehearsedAt),
            })}
            {lastDrill.evidenceUrl && (
              <>
                {' '}
                (<Link to={lastDrill.evidenceUrl}>{t('outcomes.rollback.evidence')}</Link>)
              </>
            )}
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('outcomes.rollback.noDrill')}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <RehearsalChip participant={participant} />
        <Typography variant="caption" component="div" color="textSecondary">
          {t(participant.ready ? 'outcomes.rollback.ready' : 'outcomes.rollback.notReady', {
            reason: participant.reason,
          })}
        </Typography>
      </TableCell>
      <TableCell>
        {participant.canEditPlan && (
          <Button
            size="small"
            variant="outlined"
            onClick={onEdit}
            aria-label={t('outcomes.rollback.editPlanOf', { name: shortRef(participant.entityRef) })}
          >
            {plan ? t('outcomes.rollback.editPlan') : t('outcomes.rollback.addPlan')}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

/** How many participants could be rolled back, then each one's plan and rehearsal. */
function ReadinessTable(props: {
  readiness: TrainRollbackReadiness;
  onEdit: (entityRef: string) => void;
}) {
  const { participants } = props.readiness;
  const ready = participants.filter(p => p.ready).length;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  return (
    <>
      <Typography variant="body2" gutterBottom>
        {t('outcomes.rollback.summary', { ready: String(ready), total: String(participants.length) })}
      </Typography>
      <Table size="small" aria-label={t('outcomes.rollback.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('outcomes.rollback.columns.participant')}</TableCell>
            <TableCell>{t('outcomes.rollback.columns.plan')}</TableCell>
            <TableCell>{t('outcomes.rollback.columns.lastRehearsal')}</TableCell>
            <TableCell>{t('outcomes.rollback.columns.status')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {participants.map(participant => (
            <ReadinessRow
              key={participant.entityRef}
              participant={participant}
              onEdit={() => props.onEdit(participant.entityRef)}
            />
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * Per participant of a train: its rollback plan, its last rehearsal and whether it is ready to
 * be rolled back, with a form for the plan for those who may change it (the ambassador, the
 * owning team, release managers).
 */
export function RollbackReadinessCard(props: { train: TrainDetail }) {
  const { train } = props;
  const state = useRollbackReadiness(train.id);
  const { value } = state;
  const [editing, setEditing] = useState<string>();
  const editedParticipant = value?.participants.find(p => p.entityRef === editing);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard
      title={t('outcomes.rollback.title')}
      subheader={
        value
          ? t('outcomes.rollback.subheader', { days: days(value.maxAgeDays, t) })
          : t('outcomes.rollback.subheaderLoading')
      }
    >
      <LoadedContent
        state={state}
        errorTitle={t('outcomes.rollback.loadError')}
        isEmpty={readiness => readiness.participants.length === 0}
        empty={<Typography variant="body2">{t('outcomes.rollback.empty')}</Typography>}
      >
        {readiness => <ReadinessTable readiness={readiness} onEdit={setEditing} />}
      </LoadedContent>
      {editedParticipant && (
        <EditPlanDialog
          trainId={train.id}
          participant={editedParticipant}
          onClose={() => setEditing(undefined)}
          onSaved={state.retry}
        />
      )}
    </InfoCard>
  );
}
