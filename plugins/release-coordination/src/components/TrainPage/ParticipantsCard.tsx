import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Chip,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import {
  TrainDetail,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { CatalogRefLink, HiddenEntitiesNote, shortRef } from '../shared';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  AddParticipantDialog,
  RemoveParticipantDialog,
  TargetVersionDialog,
} from './ParticipantDialogs';

type OpenDialog =
  | { kind: 'add' }
  | { kind: 'version'; participant: TrainParticipant }
  | { kind: 'remove'; participant: TrainParticipant };

/**
 * The train's participants with their target versions and owners (catalog links). Those who may
 * manage the train add participants, change a target version and remove a participant with a
 * reason.
 */
export function ParticipantsCard(props: {
  train: TrainDetail;
  canManage: boolean;
  onChanged: (train: TrainDetail) => void;
}) {
  const { train, canManage, onChanged } = props;
  const [dialog, setDialog] = useState<OpenDialog>();
  const close = () => setDialog(undefined);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  return (
    <InfoCard
      title={t('trainPage.participants.title', { count: train.participants.length })}
      action={
        canManage && (
          <Box marginTop={1} marginRight={1}>
            <Button
              variant="outlined"
              color="primary"
              startIcon={<AddIcon />}
              onClick={() => setDialog({ kind: 'add' })}
            >
              {t('trainPage.participants.add')}
            </Button>
          </Box>
        )
      }
    >
      {train.participants.length === 0 && !train.hidden?.participants && (
        <Typography variant="body2">{t('trainPage.participants.none')}</Typography>
      )}
      <HiddenEntitiesNote hidden={train.hidden} keys={['participants', 'gates']} />
      {train.participants.length > 0 && (
        <Table size="small" aria-label={t('trainPage.participants.tableLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('trainPage.participants.participant')}</TableCell>
              <TableCell>{t('trainPage.participants.targetVersion')}</TableCell>
              <TableCell>{t('trainPage.participants.owner')}</TableCell>
              {canManage && (
                <TableCell align="right">{t('trainPage.participants.actions')}</TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {train.participants.map(participant => {
              const name = shortRef(participant.entityRef);
              return (
                <TableRow key={participant.entityRef}>
                  <TableCell component="th" scope="row">
                    <EntityRefLink entityRef={participant.entityRef} defaultKind="component" />
                  </TableCell>
                  <TableCell>{participant.targetVersion}</TableCell>
                  <TableCell>
                    {participant.ownerRef ? (
                      <CatalogRefLink entityRef={participant.ownerRef} />
                    ) : (
                      <Chip size="small" variant="outlined" label={t('trainPage.participants.noOwner')} />
                    )}
                  </TableCell>
                  {canManage && (
                    <TableCell align="right">
                      <Tooltip title={t('trainPage.participants.changeVersion')}>
                        <IconButton
                          size="small"
                          aria-label={t('trainPage.participants.changeVersionOf', { name })}
                          onClick={() => setDialog({ kind: 'version', participant })}
                        >
                          <EditIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                      <Tooltip title={t('trainPage.participants.remove')}>
                        <IconButton
                          size="small"
                          aria-label={t('trainPage.participants.removeName', { name })}
                          onClick={() => setDialog({ kind: 'remove', participant })}
                        >
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {dialog?.kind === 'add' && (
        <AddParticipantDialog train={train} onClose={close} onChanged={onChanged} />
      )}
      {dialog?.kind === 'version' && (
        <TargetVersionDialog
          train={train}
          participant={dialog.participant}
          onClose={close}
          onChanged={onChanged}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveParticipantDialog
          train={train}
          participant={dialog.participant}
          onClose={close}
          onChanged={onChanged}
        />
      )}
    </InfoCard>
  );
}
