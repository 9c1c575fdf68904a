import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DeclareDeployIncidentRequest,
  DeployIncidentDeclared,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { actorRefOf, audited } from '../access';
import { CallerVisibility } from '../access/visibility';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { trainPageLink } from '../notifications/portalLinks';
import {
  authorizeParticipantChange,
  ownerOfParticipant,
  ParticipantAccess,
  requireTrain,
} from '../outcomes/access';
import { TrainAnnouncer } from '../trains/announcements';
import { requireActive } from '../trains/model';
import { TrainStore } from '../trains/TrainStore';

/** The topic of the notification an incident during a deploy sends. */
export const DEPLOY_INCIDENT_TOPIC =
  'release-coordination.incident-during-deploy';

/** Incidents during a deploy, declared from a train's runbook. */
export interface DeployIncidentService {
  declare(
    trainId: string,
    request: DeclareDeployIncidentRequest,
    credentials: BackstageCredentials,
    /** A participant the caller may not see is answered as one that is not in the train. */
    caller?: CallerVisibility,
  ): Promise<DeployIncidentDeclared>;
}

/**
 * Declaring an incident during a deploy tells the escalation contacts of the participants
 * concerned (their owning Groups and the Groups above them) and the ambassador, and logs it.
 * Who may: the ambassador and whoever the policy lets manage the train, and members of an
 * owning team of a participant concerned; nobody else, so that it cannot page teams at will.
 */
export function createDeployIncidentService(options: {
  trains: Pick<TrainStore, 'getTrain' | 'listParticipants' | 'appendDecision'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  access: ParticipantAccess;
  announcer: TrainAnnouncer;
  auditor: AuditorService;
  clock?: Clock;
}): DeployIncidentService {
  const { trains, snapshots, access, announcer, auditor } = options;
  const clock = options.clock ?? systemClock;
  return {
    async declare(trainId, request, credentials, caller) {
      const actorRef = actorRefOf(credentials);
      return audited(
        auditor,
        'runbook-incident-declare',
        { actor: actorRef, trainId },
        async () => {
          const { train, participants } = await requireTrain(trains, trainId);
          requireActive(train);
          const { index } = await snapshots.current();
          const refs = [
            ...new Set(
              request.participantRefs.map(ref => normalizeEntityRef(ref)),
            ),
          ];
          const visibility = caller ? await caller.of(refs) : undefined;
          const concerned = refs.map(ref => {
            const participant = participants.find(p => p.entityRef === ref);
            if (!participant || (visibility && !visibility.isVisible(ref))) {
              throw new InputError(
                `participantRefs: ${ref} is not a participant of train '${train.name}'`,
              );
            }
            return participant;
          });
          const owners = concerned.map(participant =>
            ownerOfParticipant(index, participant),
          );
          await authorizeParticipantChange(access, {
            train,
            ownerRefs: owners,
            credentials,
            refusal:
              'Only the ambassador, release managers and members of the owning teams of the participants concerned declare an incident during deploy',
          });
          const notified = [
            ...new Set([
              ...owners.flatMap(owner =>
                owner
                  ? [
                      owner,
                      ...index.ancestorGroups(owner).map(group => group.ref),
                    ]
                  : [],
              ),
              train.ambassadorRef,
            ]),
          ];
          const summary = request.summary.trim();
          await trains.appendDecision({
            trainId,
            entityRef: refs[0],
            actorRef,
            action: 'runbook.incident-declared',
            subject: 'runbook',
            after: { participantRefs: refs, notified },
            reason: summary,
          });
          await announcer.announce(trainId, async () => [
            {
              recipients: { type: 'entity', entityRef: notified },
              payload: {
                title: `Incident during the deploy of release train '${train.name}'`,
                description: `${actorRef} declared it for ${refs.join(', ')}: ${summary}`,
                link: trainPageLink(trainId, 'rollback'),
                severity: 'critical',
                topic: DEPLOY_INCIDENT_TOPIC,
              },
            },
          ]);
          return {
            trainId,
            participantRefs: refs,
            summary,
            notified,
            declaredBy: actorRef,
            declaredAt: clock.now().toISOString(),
          };
        },
      );
    },
  };
}
