import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  IconButton,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import { CadenceDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  FormDialog,
  FormTextField,
  sameRef,
  shortRef,
  useBackendRequest,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { parseRefInput } from './entityRefInput';

/** `members` with the one at `from` moved to `to`. */
function moved(members: string[], from: number, to: number): string[] {
  const next = [...members];
  const [member] = next.splice(from, 1);
  next.splice(to, 0, member);
  return next;
}

/**
 * The roster of a cadence as release managers keep it: the members in rotation order, each
 * movable up and down or removable, and a User to add. Saving replaces the roster; the backend
 * refuses (a 400 naming `memberRefs`) a User who is not in one of the cadence's teams, and the
 * dialog shows why. `onSaved` gets the cadence as the backend answered it.
 */
export function RosterDialog(props: {
  cadence: CadenceDetail;
  onClose: () => void;
  onSaved: (cadence: CadenceDetail) => void;
}) {
  const { cadence, onClose, onSaved } = props;
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const [members, setMembers] = useState<string[]>(() =>
    [...cadence.roster]
      .sort((a, b) => a.position - b.position)
      .map(member => member.memberRef),
  );
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string>();
  const { busy, error, send } = useBackendRequest();

  function add() {
    if (!typed.trim()) {
      setTypedError(t('cadences.rosterDialog.memberRequired'));
      return;
    }
    const parsed = parseRefInput(typed, 'user');
    if ('invalid' in parsed) {
      setTypedError(
        t('cadences.rosterDialog.memberInvalid', { message: parsed.invalid }),
      );
    } else if ('otherKind' in parsed) {
      setTypedError(
        t('cadences.rosterDialog.memberNotUser', { ref: parsed.otherKind }),
      );
    } else if (members.some(member => sameRef(member, parsed.ref))) {
      setTypedError(t('cadences.rosterDialog.memberDuplicate'));
    } else {
      setMembers(current => [...current, parsed.ref]);
      setTyped('');
      setTypedError(undefined);
    }
  }

  async function submit() {
    // A member typed but not added is not left out without a word.
    if (typed.trim()) {
      setTypedError(t('cadences.rosterDialog.memberPending'));
      return;
    }
    await send(
      () =>
        api.setCadenceRoster({ cadenceId: cadence.id, memberRefs: members }),
      onSaved,
    );
  }

  return (
    <FormDialog
      id="cadence-roster"
      title={t('cadences.rosterDialog.title', { cadence: cadence.name })}
      busy={busy}
      error={error}
      submitLabel={t('cadences.rosterDialog.submit')}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography variant="body2" color="textSecondary">
        {t('cadences.rosterDialog.explanation', {
          teams: cadence.teamRefs.map(ref => shortRef(ref, t)).join(', '),
        })}
      </Typography>
      {members.length === 0 ? (
        <Box marginY={2}>
          <Typography variant="body2" color="textSecondary">
            {t('cadences.rosterDialog.empty')}
          </Typography>
        </Box>
      ) : (
        <List dense aria-label={t('cadences.rosterDialog.listLabel')}>
          {members.map((ref, index) => {
            const member = shortRef(ref, t);
            return (
              <ListItem key={ref}>
                <ListItemText primary={`${index + 1}. ${member}`} />
                <ListItemSecondaryAction>
                  <IconButton
                    size="small"
                    aria-label={t('cadences.rosterDialog.moveUp', { member })}
                    disabled={index === 0}
                    onClick={() =>
                      setMembers(current => moved(current, index, index - 1))
                    }
                  >
                    <ArrowUpwardIcon fontSize="small" />
                  </IconButton>
                  <IconButton
                    size="small"
                    aria-label={t('cadences.rosterDialog.moveDown', {
                      member,
                    })}
                    disabled={index === members.length - 1}
                    onClick={() =>
                      setMembers(current => moved(current, index, index + 1))
                    }
                  >
                    <ArrowDownwardIcon fontSize="small" />
                  </IconButton>
                  <IconButton
                    size="small"
                    aria-label={t('cadences.rosterDialog.remove', { member })}
                    onClick={() =>
                      setMembers(current => current.filter(m => m !== ref))
                    }
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </ListItemSecondaryAction>
              </ListItem>
            );
          })}
        </List>
      )}
      <Box display="flex" gridGap={8} alignItems="flex-start">
        <FormTextField
          id="cadence-roster-new-member"
          label={t('cadences.rosterDialog.newMember')}
          value={typed}
          onChange={value => {
            setTyped(value);
            setTypedError(undefined);
          }}
          error={typedError}
          helperText={t('cadences.rosterDialog.newMemberHelp')}
        />
        <Box marginTop={2} flexShrink={0}>
          <Button startIcon={<AddIcon />} onClick={add}>
            {t('cadences.rosterDialog.add')}
          </Button>
        </Box>
      </Box>
    </FormDialog>
  );
}
