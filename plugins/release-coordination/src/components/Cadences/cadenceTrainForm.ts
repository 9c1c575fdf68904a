import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { StageWindow } from '@release-coordination/plugin-release-coordination-common';
import {
  errorMessage,
  PlanErrors,
  type ReleaseCoordinationT,
  StageWindowInput,
  toStageWindow,
  toStageWindowInput,
} from '../shared';

/** A participant as its row of the form holds it; `key` tells rows apart as they come and go. */
export type ParticipantRow = {
  key: number;
  entityRef: string;
  targetVersion: string;
};

export const emptyParticipantRow = (key: number): ParticipantRow => ({
  key,
  entityRef: '',
  targetVersion: '',
});

/** The windows a cadence suggests, as the date inputs show them. */
export function windowInputsOf(
  suggested: Record<string, StageWindow>,
): Record<string, StageWindowInput> {
  return Object.fromEntries(
    Object.entries(suggested).map(([stage, window]) => [
      stage,
      toStageWindowInput(window),
    ]),
  );
}

function sameInput(a: StageWindowInput, b: StageWindowInput): boolean {
  return a.start === b.start && a.end === b.end;
}

/**
 * The windows filled in, as the request takes them. A window left as suggested is sent as the
 * cadence planned it, to the minute.
 */
export function stageWindowsOf(
  stages: { name: string }[],
  windows: Record<string, StageWindowInput>,
  suggested: Record<string, StageWindow>,
): Record<string, StageWindow> {
  const stageWindows: Record<string, StageWindow> = {};
  for (const stage of stages) {
    const input = windows[stage.name];
    if (!input?.start || !input.end) continue;
    const planned = suggested[stage.name];
    stageWindows[stage.name] =
      planned && sameInput(toStageWindowInput(planned), input)
        ? planned
        : toStageWindow(input);
  }
  return stageWindows;
}

/** A typed participant ref in full and lowercase; a bare name is a Component. */
function participantRefOf(typed: string): string {
  return stringifyEntityRef(
    parseEntityRef(typed, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

/** The rows someone filled in, as the request takes them; the form's checks in `found`. */
export function participantsOf(
  rows: ParticipantRow[],
  found: PlanErrors,
  t: ReleaseCoordinationT,
) {
  const participants: { entityRef: string; targetVersion: string }[] = [];
  rows.forEach((row, index) => {
    const typedRef = row.entityRef.trim();
    const targetVersion = row.targetVersion.trim();
    if (!typedRef && !targetVersion) return;
    if (!typedRef) {
      found[`participant.${index}`] = t(
        'cadences.createDialog.participantRefRequired',
      );
      return;
    }
    let entityRef: string;
    try {
      entityRef = participantRefOf(typedRef);
    } catch (e) {
      found[`participant.${index}`] = t(
        'cadences.createDialog.participantRefInvalid',
        { message: errorMessage(e) },
      );
      return;
    }
    if (!targetVersion) {
      found[`version.${index}`] = t('cadences.createDialog.versionRequired');
      return;
    }
    participants.push({ entityRef, targetVersion });
  });
  const complete = Object.keys(found).every(
    key => !key.startsWith('participant.') && !key.startsWith('version.'),
  );
  if (participants.length === 0 && complete) {
    found.participants = t('cadences.createDialog.participantsRequired');
  }
  return participants;
}
