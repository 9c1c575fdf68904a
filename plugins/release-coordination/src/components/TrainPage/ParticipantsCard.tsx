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

  return (
    <InfoCard
      title={`Participants (${train.participants.length})`}
      action={
        canManage && (
          <Box marginTop={1} marginRight={1}>
            <Button
              variant="outlined"
              color="primary"
              startIcon={<AddIcon />}
              onClick={() => setDialog({ kind: 'add' })}
            >
              Add participant
            </Button>
          </Box>
        )
      }
    >
      {train.participants.length === 0 && !train.hidden?.participants && (
        <Typography variant="body2">The train has no participants yet.</Typography>
      )}
      <HiddenEntitiesNote hidden={train.hidden} keys={['participants', 'gates']} />
      {train.participants.length > 0 && (
        <Table size="small" aria-label="Participants">
          <TableHead>
            <TableRow>
              <TableCell>Participant</TableCell>
              <TableCell>Target version</TableCell>
              <TableCell>Owner</TableCell>
              {canManage && <TableCell align="right">Actions</TableCell>}
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
                      <Chip size="small" variant="outlined" label="No owner" />
                    )}
                  </TableCell>
                  {canManage && (
                    <TableCell align="right">
                      <Tooltip title="Change target version">
                        <IconButton
                          size="small"
                          aria-label={`Change target version of ${name}`}
                          onClick={() => setDialog({ kind: 'version', participant })}
                        >
                          <EditIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                      <Tooltip title="Remove from the train">
                        <IconButton
                          size="small"
                          aria-label={`Remove ${name} from the train`}
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
