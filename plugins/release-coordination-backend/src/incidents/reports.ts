import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  AttributionCandidate,
  Incident,
  ReportIncidentRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited } from '../access';
import { IncidentCore } from './core';
import { IncidentPatch } from './IncidentStore';
import { incidentSuspectNotification } from './notifications';

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

/** Reports of incidents, from incident tools, pipelines and people. */
export function createIncidentReports(core: IncidentCore) {
  const { store, snapshots, auditor, announcer, candidatesOf } = core;

  /**
   * Records the report in one transaction: a new incident, or what is new about a known one.
   * `ownerRef` is the affected entity's owner, `suspect` the likeliest cause as reported.
   */
  function record(
    report: ReportIncidentRequest,
    source: string,
    reporter: string,
    ownerRef: string | undefined,
    suspect: AttributionCandidate | undefined,
  ) {
    return store.transaction(async tx => {
      const existing = await tx.findIncident(source, report.externalId, {
        lock: true,
      });
      if (!existing) {
        const incident = await tx.insertIncident({
          source,
          externalId: report.externalId,
          title: report.title,
          entityRef: report.entityRef,
          ...(ownerRef ? { ownerRef } : {}),
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
          ...(suspect ? { suggestedDeploymentId: suspect.deployment.id } : {}),
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
      const recordReport = () =>
        record(report, source, reporter, node.owner, suspect);
      let outcome: Awaited<ReturnType<typeof recordReport>>;
      try {
        outcome = await recordReport();
      } catch (error) {
        // Two first reports of one incident at once: the unique index let one in. Running
        // again treats this one as news about that incident.
        if (error instanceof ConflictError || error instanceof InputError)
          throw error;
        if (!(await store.findIncident(source, report.externalId))) throw error;
        outcome = await recordReport();
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

  return { reportIncident };
}
