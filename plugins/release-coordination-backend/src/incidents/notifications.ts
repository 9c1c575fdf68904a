import {
  AttributionCandidate,
  Incident,
} from '@release-coordination/plugin-release-coordination-common';
import { trainPageLink } from '../notifications/portalLinks';
import { TrainNotification } from '../trains/announcements';
import { entityName } from './attribution';

/** The topic of incident notifications, so that people may mute them apart. */
export const INCIDENT_SUSPECT_TOPIC = 'release-coordination.incident-suspect';

/**
 * The owners of the affected entity and of the likeliest cause hear of a new incident, with
 * a link to the train whose deployment is suspected: one of them confirms or reassigns it.
 */
export function incidentSuspectNotification(
  incident: Incident,
  suspect: AttributionCandidate,
  suspectOwner: string | undefined,
): TrainNotification {
  const recipients = [...new Set([incident.ownerRef, suspectOwner])].filter(
    (ref): ref is string => ref !== undefined,
  );
  const { deployment } = suspect;
  return {
    recipients: { type: 'entity', entityRef: recipients.sort() },
    payload: {
      title: `Incident on ${entityName(incident.entityRef)}: ${incident.title}`,
      description:
        `Likeliest cause: ${entityName(deployment.participantRef)}` +
        `${deployment.version ? ` ${deployment.version}` : ''} in train ${deployment.trainName}. ` +
        `${suspect.reasoning} Confirm or reassign it on the train page.`,
      link: trainPageLink(deployment.trainId, 'deployments'),
      severity:
        incident.severity === 'critical' || incident.severity === 'high'
          ? 'high'
          : 'normal',
      topic: INCIDENT_SUSPECT_TOPIC,
    },
  };
}
