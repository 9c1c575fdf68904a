import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CadenceDetail,
  CreateCadenceRequest,
  normalizeEntityRef,
  ReleaseCadence,
} from '@release-coordination/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { actorRefOf, audited } from '../access';
import { isUniqueViolation } from '../database/knexStore';
import { DependencyIndex } from '../dependencies/graph';
import { CadenceCore } from './core';

/** Whether `userRef` belongs to one of `teamRefs` or a Group below one, as the graph says. */
function isMemberOfTeams(
  index: DependencyIndex,
  userRef: string,
  teamRefs: string[],
): boolean {
  return teamRefs.some(team =>
    index
      .groupAndDescendants(team)
      .some(group => index.group(group)?.members.includes(userRef)),
  );
}

/** What release managers set up: new cadences and the roster of ambassadors. */
export function createCadenceSetup(core: CadenceCore) {
  const { store, stages, snapshots, auditor, clock } = core;
  const { requireCadence, requireManager, detailOf } = core;

  async function create(
    request: CreateCadenceRequest,
    credentials: BackstageCredentials,
  ): Promise<ReleaseCadence> {
    const actor = actorRefOf(credentials);
    return audited(
      auditor,
      'cadence-create',
      { actor, name: request.name },
      async () => {
        await requireManager(
          credentials,
          'Only release managers create cadences',
        );
        const known = new Set(stages.map(stage => stage.name));
        request.stageOffsets.forEach((offset, i) => {
          if (!known.has(offset.stage)) {
            throw new InputError(
              `stageOffsets.${i}.stage: '${offset.stage}' is not a stage; the stages are ${[...known].join(', ')}`,
            );
          }
          if (offset.endDay <= offset.startDay) {
            throw new InputError(
              `stageOffsets.${i}.endDay: must be after startDay`,
            );
          }
        });
        const { index } = await snapshots.current();
        const teamRefs = [
          ...new Set(
            request.teamRefs.map(ref => normalizeEntityRef(ref, 'group')),
          ),
        ];
        const unknown = teamRefs.filter(ref => !index.group(ref));
        if (unknown.length > 0) {
          throw new InputError(
            `teamRefs: not Groups of the catalog: ${unknown.join(', ')}`,
          );
        }
        const cadence: ReleaseCadence = {
          id: randomUUID(),
          name: request.name.trim(),
          ...(request.description
            ? { description: request.description.trim() }
            : {}),
          intervalDays: request.intervalDays,
          firstStart: new Date(request.firstStart).toISOString(),
          stageOffsets: request.stageOffsets,
          teamRefs,
          createdBy: actor,
          createdAt: clock.now().toISOString(),
        };
        try {
          await store.insertCadence(cadence);
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new ConflictError(
              `A cadence named '${cadence.name}' exists already`,
            );
          }
          throw error;
        }
        return cadence;
      },
    );
  }

  async function setRoster(
    cadenceId: string,
    memberRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<CadenceDetail> {
    const actor = actorRefOf(credentials);
    return audited(
      auditor,
      'cadence-roster-set',
      { actor, cadenceId },
      async () => {
        await requireManager(
          credentials,
          'Only release managers keep the roster of a cadence',
        );
        const cadence = await requireCadence(cadenceId);
        const members = [
          ...new Set(memberRefs.map(ref => normalizeEntityRef(ref, 'user'))),
        ];
        const { index } = await snapshots.current();
        const outside = members.filter(
          ref =>
            !index.user(ref) || !isMemberOfTeams(index, ref, cadence.teamRefs),
        );
        if (outside.length > 0) {
          throw new InputError(
            `memberRefs: not Users of the cadence's teams (${cadence.teamRefs.join(', ')}): ${outside.join(', ')}`,
          );
        }
        await store.replaceRoster(cadenceId, members);
        return detailOf(cadence);
      },
    );
  }

  return { create, setRoster };
}
