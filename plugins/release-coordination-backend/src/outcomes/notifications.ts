import {
  DeploymentOutcome,
  FeatureFlag,
  ReleaseTrainSummary,
  daysSince,
} from '@release-coordination/plugin-release-coordination-common';
import { trainPageLink } from '../notifications/portalLinks';
import { TrainNotification } from '../trains/announcements';

/** Topics of what the outcome services tell people, so each can be muted on its own. */
export const OUTCOME_NOTIFICATION_TOPICS = {
  deploymentFailed: 'release-coordination.deployment-failed',
  flagExpiry: 'release-coordination.flag-expiry',
} as const;

/**
 * The train page, opened on the tab that shows what the notification is about: the page keeps
 * its tab in the `tab` query parameter (the frontend's `TRAIN_TABS`).
 */
const trainLink = (trainId: string, tab: 'deployments' | 'rollback') => trainPageLink(trainId, tab);

/** How far the rollback of a deployment got, when there was one. */
function rollbackProgress(deployment: DeploymentOutcome): string | undefined {
  if (deployment.rollbackFinishedAt) {
    return `the previous version was restored at ${deployment.rollbackFinishedAt}`;
  }
  if (deployment.rollbackStartedAt) {
    return `restoring the previous version started at ${deployment.rollbackStartedAt}`;
  }
  return undefined;
}

/**
 * A production deployment failed or was rolled back: the ambassador decides what the train
 * does next, and the participant's owners have to repair it.
 */
export function deploymentFailedNotification(
  train: Pick<ReleaseTrainSummary, 'id' | 'name' | 'ambassadorRef'>,
  deployment: DeploymentOutcome,
): TrainNotification {
  const what = deployment.result === 'rolled-back' ? 'was rolled back' : 'failed';
  const version = deployment.version ? ` ${deployment.version}` : '';
  const details = [
    `Deployment ${deployment.deploymentId} of ${deployment.participantRef}${version} to ` +
      `${deployment.environment} ${what}`,
    rollbackProgress(deployment),
    deployment.evidenceUrl ? `evidence: ${deployment.evidenceUrl}` : undefined,
  ].filter(Boolean);
  const recipients = [train.ambassadorRef, ...(deployment.ownerRef ? [deployment.ownerRef] : [])];
  return {
    recipients: { type: 'entity', entityRef: [...new Set(recipients)].sort() },
    payload: {
      title:
        `Release train '${train.name}': ${deployment.participantRef} ${what} in ` +
        `${deployment.environment}`,
      description: `${details.join('; ')}.`,
      link: trainLink(train.id, 'deployments'),
      severity: 'high',
      topic: OUTCOME_NOTIFICATION_TOPICS.deploymentFailed,
    },
  };
}

/** The reminder a flag's owner gets before its expiry, or once it has passed. */
export function flagReminderNotification(
  flag: FeatureFlag,
  trainName: string | undefined,
  kind: 'expiring' | 'expired',
  now: Date,
): TrainNotification {
  const where = trainName ? ` (release train '${trainName}')` : '';
  const expires = new Date(flag.expiresAt).toISOString().slice(0, 10);
  const daysLeft = Math.ceil((new Date(flag.expiresAt).getTime() - now.getTime()) / 86_400_000);
  return {
    recipients: { type: 'entity', entityRef: flag.ownerRef },
    payload:
      kind === 'expired'
        ? {
            title: `Feature flag '${flag.key}' of ${flag.participantRef} has expired`,
            description:
              `It expired on ${expires} (${daysSince(flag.expiresAt, now)} day(s) ago) and is ` +
              `still ${flag.state}${where}. Remove it from the code and mark it removed, or ` +
              'give it a new expiry; until then it blocks the gates that forbid expired flags.',
            link: trainLink(flag.trainId, 'rollback'),
            severity: 'high',
            topic: OUTCOME_NOTIFICATION_TOPICS.flagExpiry,
          }
        : {
            title:
              `Feature flag '${flag.key}' of ${flag.participantRef} expires in ` +
              `${daysLeft} day(s)`,
            description:
              `It expires on ${expires} and is ${flag.state}${where}. Plan its removal, or ` +
              'give it a new expiry if it must stay longer.',
            link: trainLink(flag.trainId, 'rollback'),
            severity: 'normal',
            topic: OUTCOME_NOTIFICATION_TOPICS.flagExpiry,
          },
  };
}
