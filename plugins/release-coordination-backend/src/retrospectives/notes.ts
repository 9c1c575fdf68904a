import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AddRetrospectiveNoteRequest,
  RetrospectiveNote,
} from '@release-coordination/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { actorRefOf, audited, userRefOf } from '../access';
import { RetrospectiveCore } from './core';

/** Adding and deleting the notes of a train's retrospective board. */
export function createNoteWrites(core: RetrospectiveCore) {
  const {
    store,
    auditor,
    announcer,
    maxNotesPerTrain,
    now,
    requireTrain,
    mayRunTrain,
  } = core;

  async function addNote(
    trainId: string,
    input: AddRetrospectiveNoteRequest,
    credentials: BackstageCredentials,
  ): Promise<RetrospectiveNote> {
    const authorRef = userRefOf(credentials);
    if (!authorRef) {
      throw new NotAllowedError(
        'Retrospective notes are written by people, not by services',
      );
    }
    return audited(
      auditor,
      'retro-note-add',
      { actor: authorRef, trainId },
      async () => {
        const note: RetrospectiveNote = {
          id: randomUUID(),
          trainId,
          column: input.column,
          text: input.text,
          authorRef,
          createdAt: now().toISOString(),
        };
        await store.transaction(async tx => {
          // The train is locked while its notes are counted, so concurrent notes cannot pass
          // the bound together.
          const train = await tx.getTrain(trainId, { lock: true });
          if (!train) {
            throw new NotFoundError(`No release train with id '${trainId}'`);
          }
          if ((await tx.countNotes(trainId)) >= maxNotesPerTrain) {
            throw new ConflictError(
              `The retrospective of '${train.name}' holds ${maxNotesPerTrain} notes, as many as ` +
                'it takes (releaseCoordination.retrospectives.maxNotesPerTrain); delete some first',
            );
          }
          await tx.insertNote(note);
          await tx.appendDecision({
            trainId,
            actorRef: authorRef,
            action: 'retro.note-added',
            subject: note.id,
            after: { column: note.column, text: note.text },
          });
        });
        await announcer.announce(trainId);
        return note;
      },
    );
  }

  async function deleteNote(
    trainId: string,
    noteId: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const actorRef = actorRefOf(credentials);
    await audited(
      auditor,
      'retro-note-delete',
      { actor: actorRef, trainId, noteId },
      async () => {
        const train = await requireTrain(trainId);
        const note = await store.getNote(noteId);
        if (!note || note.trainId !== trainId) {
          throw new NotFoundError(
            `No note '${noteId}' in the retrospective of '${train.name}'`,
          );
        }
        const allowed =
          actorRef === note.authorRef ||
          (await mayRunTrain(train, credentials));
        if (!allowed) {
          throw new NotAllowedError(
            'Only the author, the ambassador or a release manager can delete this note',
          );
        }
        await store.transaction(async tx => {
          // Deleted by someone else meanwhile: the outcome the caller wanted already holds.
          if (!(await tx.getNote(noteId))) return;
          await tx.deleteNote(noteId);
          await tx.appendDecision({
            trainId,
            actorRef,
            action: 'retro.note-deleted',
            subject: noteId,
            before: {
              column: note.column,
              text: note.text,
              authorRef: note.authorRef,
            },
          });
        });
        await announcer.announce(trainId);
      },
    );
  }

  return { addNote, deleteNote };
}
