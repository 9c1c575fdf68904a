import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AttributeIncidentRequest,
  Incident,
  incidentAttributePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited, isAllowed, ownershipOf } from '../access';
import { entityName } from './attribution';
import { IncidentCore } from './core';
import { DeploymentOfTrain } from './IncidentStore';

/** What the decision log records of an incident's cause. */
function logEntry(incident: Incident) {
  return {
    incidentId: incident.id,
    title: incident.title,
    entityRef: incident.entityRef,
    state: incident.attribution.state,
    ...(incident.attribution.deployment
      ? { deploymentId: incident.attribution.deployment.id }
      : {}),
  };
}

/** A person's decision about what caused an incident: a deployment, or none. */
export function createCauseDecisions(core: IncidentCore) {
  const { store, snapshots, permissions, userInfo, auditor, announcer } = core;
  const { productionEnvironment, requireIncident } = core;

  /**
   * The deployment a person confirms as the cause: one to production that had finished when
   * the incident started.
   */
  async function requireCausingDeployment(
    incident: Incident,
    deploymentId: string,
  ): Promise<DeploymentOfTrain> {
    const deployment = await store.getDeployment(deploymentId);
    if (!deployment) {
      throw new InputError(
        `deploymentId: no deployment with id '${deploymentId}'`,
      );
    }
    if (deployment.environment !== productionEnvironment) {
      throw new InputError(
        `deploymentId: only a deployment to ${productionEnvironment} can cause an incident, ` +
          `not one to ${deployment.environment}`,
      );
    }
    if (
      !deployment.finishedAt ||
      Date.parse(deployment.finishedAt) > Date.parse(incident.startedAt)
    ) {
      throw new InputError(
        'deploymentId: the deployment had not finished when the incident started',
      );
    }
    return deployment;
  }

  /**
   * A person may decide an incident's cause as a member of the Group that owns the affected
   * entity (they answer for the incident) or the deployed one (they answer for the change),
   * or with `incident.attribute` from the policy (e.g. a release manager).
   */
  async function authorizeAttribution(
    incident: Incident,
    deployedRef: string | undefined,
    credentials: BackstageCredentials,
  ) {
    const { index } = await snapshots.current();
    const owners = [
      index.node(incident.entityRef)?.owner ?? incident.ownerRef,
      deployedRef ? index.node(deployedRef)?.owner : undefined,
    ].filter((ref): ref is string => ref !== undefined);
    const ownership = await ownershipOf(userInfo, credentials);
    if (owners.some(owner => ownership.has(owner))) return;
    if (await isAllowed(permissions, incidentAttributePermission, credentials))
      return;
    const teams = [...new Set(owners)].map(entityName);
    throw new NotAllowedError(
      teams.length
        ? `The cause of this incident is decided by members of ${teams.join(' or ')}, or a release manager`
        : 'The cause of this incident is decided by a release manager',
    );
  }

  async function attributeIncident(
    id: string,
    decision: AttributeIncidentRequest,
    credentials: BackstageCredentials,
  ) {
    const actor = actorRefOf(credentials);
    return audited(
      auditor,
      'incident-attribute',
      { actor, incidentId: id, state: decision.state },
      async () => {
        const incident = await requireIncident(id);
        const deployment =
          decision.state === 'confirmed'
            ? await requireCausingDeployment(incident, decision.deploymentId)
            : undefined;
        await authorizeAttribution(
          incident,
          deployment?.participantRef,
          credentials,
        );

        const result = await store.transaction(async tx => {
          const before = await tx.getIncident(id, { lock: true });
          if (!before) throw new NotFoundError(`No incident with id '${id}'`);
          const same =
            before.attribution.state === decision.state &&
            before.attribution.deployment?.id === deployment?.id &&
            (before.attribution.comment ?? '') === (decision.comment ?? '');
          if (same) return { incident: before, trains: [] as string[] };
          const after = await tx.attributeIncident(id, {
            state: decision.state,
            ...(deployment ? { deploymentId: deployment.id } : {}),
            decidedBy: actor,
            ...(decision.comment ? { comment: decision.comment } : {}),
          });
          // The decision log of every train the decision touches: the one now blamed, and the
          // one that no longer is.
          const touched = new Map<string, string>();
          const previous = before.attribution.deployment;
          if (previous) touched.set(previous.trainId, previous.participantRef);
          if (deployment)
            touched.set(deployment.trainId, deployment.participantRef);
          for (const [trainId, participantRef] of touched) {
            await tx.appendDecision({
              trainId,
              entityRef: participantRef,
              actorRef: actor,
              action: 'incident.attributed',
              subject: `incident#${id}`,
              before: logEntry(before),
              after: logEntry(after),
              ...(decision.comment ? { reason: decision.comment } : {}),
            });
          }
          return { incident: after, trains: [...touched.keys()] };
        });
        for (const trainId of result.trains) await announcer.announce(trainId);
        return result.incident;
      },
    );
  }

  return { attributeIncident };
}
