import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AttributeIncidentRequest,
  AttributionCandidate,
  Incident,
  incidentAttributePermission,
  Page,
  ReportIncidentRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited, isAllowed, ownershipOf } from '../access';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { upstreamOf } from '../dependencies/graph';
import { TrainAnnouncer } from '../trains/announcements';
import { rankAttributionCandidates, entityName } from './attribution';
import {
  DeploymentOfTrain,
  IncidentPatch,
  IncidentQuery,
  IncidentStore,
} from './IncidentStore';
import { incidentSuspectNotification } from './notifications';

const HOUR_MS = 3_600_000;

/** Incidents, and the deployments people confirm as their cause. */
export interface IncidentService {
  /** How far before an incident a deployment may have finished to be a candidate. */
  readonly attributionWindowHours: number;
  /**
   * Records a report: a new incident, or news about a known one (same `source` and
   * `externalId`). `created` tells which; a report that says nothing new changes nothing.
   */
  reportIncident(
    report: ReportIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<{ incident: Incident; created: boolean }>;
  listIncidents(query: IncidentQuery): Promise<Page<Incident>>;
  /** The incident and its candidate causes, most likely first; 404 for an unknown id. */
  getIncident(
    id: string,
  ): Promise<{ incident: Incident; candidates: AttributionCandidate[] }>;
  /** A person's decision about the cause; see {@link IncidentService.mayAttribute}. */
  attributeIncident(
    id: string,
    decision: AttributeIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<Incident>;
}

export interface IncidentServiceOptions {
  store: IncidentStore;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  permissions: Pick<PermissionsService, 'authorize'>;
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
  auditor: AuditorService;
  announcer: TrainAnnouncer;
  productionEnvironment: string;
  attributionWindowHours: number;
}

/** What a report changes of a known incident; undefined when nothing. */
function reportPatch(
  existing: Incident,
  report: ReportIncidentRequest,
): IncidentPatch | undefined {
  const patch: IncidentPatch = {};
  if (report.title !== existing.title) patch.title = report.title;
  if (report.severity !== existing.severity) patch.severity = report.severity;
  if (Date.parse(report.startedAt) !== Date.parse(existing.startedAt)) {
    patch.startedAt = report.startedAt;
  }
  if (
    report.resolvedAt !== undefined &&
    (existing.resolvedAt === undefined ||
      Date.parse(report.resolvedAt) !== Date.parse(existing.resolvedAt))
  ) {
    patch.resolvedAt = report.resolvedAt;
  }
  for (const key of ['usersAffected', 'impactMinutes', 'url'] as const) {
    if (report[key] !== undefined && report[key] !== existing[key]) {
      (patch as Record<string, unknown>)[key] = report[key];
    }
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** Creates the {@link IncidentService}. */
export function createIncidentService(
  options: IncidentServiceOptions,
): IncidentService {
  const { store, snapshots, permissions, userInfo, auditor, announcer } =
    options;
  const { productionEnvironment, attributionWindowHours } = options;

  async function candidatesOf(
    incident: Pick<Incident, 'entityRef' | 'startedAt'>,
  ): Promise<AttributionCandidate[]> {
    const { index } = await snapshots.current();
    const upstream = upstreamOf(index, incident.entityRef);
    const start = new Date(incident.startedAt);
    const deployments = await store.listFinishedDeployments({
      entityRefs: [incident.entityRef, ...upstream.map(reached => reached.ref)],
      environment: productionEnvironment,
      from: new Date(start.getTime() - attributionWindowHours * HOUR_MS),
      to: start,
    });
    return rankAttributionCandidates({
      affectedRef: incident.entityRef,
      startedAt: incident.startedAt,
      upstream,
      deployments,
    });
  }

  async function requireIncident(id: string): Promise<Incident> {
    const incident = await store.getIncident(id);
    if (!incident) throw new NotFoundError(`No incident with id '${id}'`);
    return incident;
  }

  async function reportIncident(
    report: ReportIncidentRequest,
    credentials: BackstageCredentials,
  ) {
    const reporter = actorRefOf(credentials);
    const source = report.source ?? 'api';
    const meta = { actor: reporter, source, externalId: report.externalId };
    return audited(auditor, 'incident-report', meta, async () => {
      // Read before the transaction: on SQLite it holds the only connection.
      const { index } = await snapshots.current();
      const node = index.node(report.entityRef);
      if (!node) {
        throw new InputError(
          `entityRef: ${report.entityRef} is not in the catalog`,
        );
      }
      // The likeliest cause as reported; read before the transaction, as the graph is.
      const [suspect] = await candidatesOf({
        entityRef: report.entityRef,
        startedAt: report.startedAt,
      });
      const record = () =>
        store.transaction(async tx => {
          const existing = await tx.findIncident(source, report.externalId, {
            lock: true,
          });
          if (!existing) {
            const incident = await tx.insertIncident({
              source,
              externalId: report.externalId,
              title: report.title,
              entityRef: report.entityRef,
              ...(node.owner ? { ownerRef: node.owner } : {}),
              severity: report.severity,
              startedAt: report.startedAt,
              ...(report.resolvedAt ? { resolvedAt: report.resolvedAt } : {}),
              ...(report.usersAffected !== undefined
                ? { usersAffected: report.usersAffected }
                : {}),
              ...(report.impactMinutes !== undefined
                ? { impactMinutes: report.impactMinutes }
                : {}),
              ...(report.url ? { url: report.url } : {}),
              ...(suspect
                ? { suggestedDeploymentId: suspect.deployment.id }
                : {}),
              reporter,
            });
            return { incident, created: true };
          }
          if (existing.entityRef !== report.entityRef) {
            throw new ConflictError(
              `Incident '${report.externalId}' of ${source} is about ${existing.entityRef}, ` +
                `not ${report.entityRef}`,
            );
          }
          const patch = reportPatch(existing, report) ?? {};
          // A new start may change the likeliest cause, until a person decided.
          const suggested = suspect?.deployment.id ?? null;
          if (
            existing.attribution.state === 'unconfirmed' &&
            (existing.attribution.suggested?.id ?? null) !== suggested
          ) {
            patch.suggestedDeploymentId = suggested;
          }
          if (Object.keys(patch).length === 0)
            return { incident: existing, created: false };
          return {
            incident: await tx.updateIncident(existing.id, patch),
            created: false,
          };
        });
      let outcome: Awaited<ReturnType<typeof record>>;
      try {
        outcome = await record();
      } catch (error) {
        // Two first reports of one incident at once: the unique index let one in. Running
        // again treats this one as news about that incident.
        if (error instanceof ConflictError || error instanceof InputError)
          throw error;
        if (!(await store.findIncident(source, report.externalId))) throw error;
        outcome = await record();
      }
      if (outcome.created) {
        // Nobody to tell when neither entity has an owner in the catalog.
        if (
          suspect &&
          (outcome.incident.ownerRef ||
            index.node(suspect.deployment.participantRef)?.owner)
        ) {
          const suspectOwner = index.node(
            suspect.deployment.participantRef,
          )?.owner;
          await announcer.announce(suspect.deployment.trainId, async () => [
            incidentSuspectNotification(
              outcome.incident,
              suspect,
              suspectOwner,
            ),
          ]);
        }
      }
      return outcome;
    });
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
        let deployment: DeploymentOfTrain | undefined;
        if (decision.state === 'confirmed') {
          deployment = await store.getDeployment(decision.deploymentId);
          if (!deployment) {
            throw new InputError(
              `deploymentId: no deployment with id '${decision.deploymentId}'`,
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
        }
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
          const entry = (i: Incident) => ({
            incidentId: i.id,
            title: i.title,
            entityRef: i.entityRef,
            state: i.attribution.state,
            ...(i.attribution.deployment
              ? { deploymentId: i.attribution.deployment.id }
              : {}),
          });
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
              before: entry(before),
              after: entry(after),
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

  return {
    attributionWindowHours,
    reportIncident,
    listIncidents: query => store.listIncidents(query),
    async getIncident(id) {
      const incident = await requireIncident(id);
      return { incident, candidates: await candidatesOf(incident) };
    },
    attributeIncident,
  };
}
