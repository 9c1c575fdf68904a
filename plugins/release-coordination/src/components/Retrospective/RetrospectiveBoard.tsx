import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Grid,
  IconButton,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  TextField,
  Typography,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  Page,
  RetrospectiveColumn,
  RetrospectiveNote,
} from '@release-coordination/plugin-release-coordination-common';
import { FormEvent, useId, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import { errorMessage, ListPagination, RequestErrorAlert, useBackendRequest } from '../shared';
import { useRetrospectiveList } from './useRetrospectiveList';

/**
 * The columns of the board, in the order people fill them, with the key of their messages
 * under `retrospectives.board` (`columns`, `pages`, `addLabel`).
 */
export const COLUMN_MESSAGE_KEYS = {
  'went-well': 'wentWell',
  'to-improve': 'toImprove',
} as const satisfies Record<RetrospectiveColumn, string>;

function NoteColumn(props: {
  trainId: string;
  column: RetrospectiveColumn;
  /** The column's first page, as the retrospective carried it. */
  firstPage: Page<RetrospectiveNote>;
  onChanged: () => void;
}) {
  const { trainId, column, firstPage, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [text, setText] = useState('');
  const { busy, error, send } = useBackendRequest();
  const messageKey = COLUMN_MESSAGE_KEYS[column];
  const title = t(`retrospectives.board.columns.${messageKey}`);
  const inputId = useId();
  const { paging, shown, error: pageError } = useRetrospectiveList(firstPage, page =>
    api.listRetrospectiveNotes({ trainId, column, ...page }),
  );
  const notes = shown.items;

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    await send(
      () => api.addRetrospectiveNote({ trainId, column, text: text.trim() }),
      () => {
        onChanged();
        setText('');
      },
    );
  }

  return (
    <Box>
      <Typography variant="h6" component="h3" id={`retro-${column}`}>
        {t('retrospectives.board.columnHeading', { title, count: shown.totalCount })}
      </Typography>
      {shown.totalCount === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('retrospectives.board.noNotes')}
        </Typography>
      ) : (
        <List dense aria-labelledby={`retro-${column}`}>
          {notes.map(note => (
            <ListItem key={note.id}>
              <ListItemText
                // The theme cuts dense list items to one line; a note is read in full.
                style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}
                primary={note.text}
                secondary={
                  <>
                    <EntityRefLink entityRef={note.authorRef} defaultKind="user" /> ·{' '}
                    {new Date(note.createdAt).toLocaleString()}
                  </>
                }
              />
              <ListItemSecondaryAction>
                <IconButton
                  edge="end"
                  size="small"
                  disabled={busy}
                  aria-label={t('retrospectives.board.deleteNote', { text: note.text })}
                  onClick={() =>
                    send(
                      () => api.deleteRetrospectiveNote({ trainId, noteId: note.id }),
                      onChanged,
                    )
                  }
                >
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      )}
      <ListPagination
        label={t(`retrospectives.board.pages.${messageKey}`)}
        paging={paging}
        totalCount={shown.totalCount}
      />
      <RequestErrorAlert error={pageError && errorMessage(pageError)} />
      <Box component="form" onSubmit={add} display="flex" alignItems="flex-end" gridGap={8}>
        <TextField
          id={inputId}
          label={t(`retrospectives.board.addLabel.${messageKey}`)}
          value={text}
          onChange={event => setText(event.target.value)}
          inputProps={{ maxLength: 2000 }}
          fullWidth
          multiline
          margin="dense"
        />
        <Button type="submit" variant="outlined" disabled={busy || !text.trim()}>
          {t('retrospectives.board.add')}
        </Button>
      </Box>
      <RequestErrorAlert error={error} />
    </Box>
  );
}

/**
 * The two columns of a blameless retrospective, each paged on its own. Anyone signed in adds
 * notes; the author, the ambassador and release managers delete them (the backend decides and
 * says why not).
 */
export function RetrospectiveBoard(props: {
  trainId: string;
  /** The first page of each column. */
  notes: Record<RetrospectiveColumn, Page<RetrospectiveNote>>;
  onChanged: () => void;
}) {
  const { trainId, notes, onChanged } = props;
  return (
    <Grid container spacing={3}>
      {(Object.keys(COLUMN_MESSAGE_KEYS) as RetrospectiveColumn[]).map(column => (
        <Grid item xs={12} md={6} key={column}>
          <NoteColumn
            trainId={trainId}
            column={column}
            firstPage={notes[column]}
            onChanged={onChanged}
          />
        </Grid>
      ))}
    </Grid>
  );
}
