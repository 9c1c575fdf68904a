import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ReviewTeam,
  TrainReleaseReview,
} from '@release-coordination/plugin-release-coordination-common';
import { CallerVisibility, hiddenCounts } from '../access/visibility';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import {
  mayChangeParticipant,
  ownerOfParticipant,
  ParticipantAccess,
  requireTrain,
  TrainLookup,
} from '../outcomes/access';
import { AgendaSources, assembleAgenda } from './agenda';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { isReviewHeld, reviewTeams } from './ReviewService';

/** Reads a train's joint release review: the agenda, the teams and how the register stands. */
export interface ReviewReader {
  /** 404 for an unknown train. What the caller may not see is left out and counted. */
  review(
    trainId: string,
    caller: { credentials: BackstageCredentials; visibility: CallerVisibility },
  ): Promise<TrainReleaseReview>;
}

export function createReviewReader(
  options: AgendaSources & {
    store: Pick<DatabaseReviewStore, 'listSignOffs' | 'countRisks'>;
    trains: TrainLookup;
    snapshots: Pick<DependencySnapshotService, 'current'>;
    access: ParticipantAccess;
  },
): ReviewReader {
  const { store, trains, snapshots, access } = options;
  return {
    async review(trainId, caller) {
      const { train, participants } = await requireTrain(trains, trainId);
      const { index } = await snapshots.current();
      const visibility = await caller.visibility.of(
        participants.map(p => p.entityRef),
      );
      const teams = reviewTeams(participants, index);
      const [signOffs, register, ownership, { agenda, hiddenItems }] =
        await Promise.all([
          store.listSignOffs(trainId),
          store.countRisks(trainId),
          access.ownershipOf(caller.credentials),
          assembleAgenda(options, {
            train,
            participants,
            index,
            visibility,
            caller: caller.visibility,
            ownerOf: participant => ownerOfParticipant(index, participant),
          }),
        ]);
      const active = train.status === 'active';
      const signOffOf = new Map(signOffs.map(s => [s.teamRef, s]));
      const shownTeams: ReviewTeam[] = [...teams.entries()]
        .map(([teamRef, refs]) => ({
          teamRef,
          participantRefs: refs.filter(ref => visibility.isVisible(ref)),
        }))
        .filter(team => team.participantRefs.length > 0)
        .map(team => {
          const signOff = signOffOf.get(team.teamRef);
          return {
            ...team,
            ...(signOff ? { signOff } : {}),
            canSignOff: active && !signOff && ownership.has(team.teamRef),
          };
        })
        .sort((a, b) => a.teamRef.localeCompare(b.teamRef));
      const canEditRegister =
        active &&
        (await mayChangeParticipant(access, {
          train,
          ownerRefs: [...teams.keys()],
          credentials: caller.credentials,
          ownership,
        }));
      const hiddenParticipants = participants.filter(
        p => !visibility.isVisible(p.entityRef),
      ).length;
      return {
        trainId,
        held: isReviewHeld(teams.keys(), signOffs, register).held,
        teams: shownTeams,
        register,
        canEditRegister,
        agenda,
        ...hiddenCounts({
          participants: hiddenParticipants,
          items: hiddenItems,
        }),
      };
    },
  };
}
