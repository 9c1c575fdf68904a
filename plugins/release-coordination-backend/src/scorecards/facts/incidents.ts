import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { optionalIsoString, toIsoString } from '../../database/columns';
import { IncidentFact } from '../engine';

/**
 * Incidents that started in the period, and those a person blamed on a deployment that
 * finished in it.
 */
export async function listIncidentFacts(
  db: Knex,
  period: ScorecardPeriod,
): Promise<IncidentFact[]> {
  const from = new Date(period.from);
  const to = new Date(period.to);
  const base = () =>
    db('incidents as i')
      .leftJoin('deployments as d', 'd.id', 'i.attributed_deployment_id')
      .select([
        'i.id',
        'i.entity_ref',
        'i.owner_ref',
        'i.started_at',
        'i.resolved_at',
        'i.users_affected',
        'i.impact_minutes',
        'i.attribution_state',
        'i.attributed_deployment_id',
        'd.train_id as d_train_id',
      ]);
  // By start (`incidents_started_idx`), and by the finish of the deployment a person
  // confirmed as the cause, whenever the incident started.
  const [started, attributed] = await Promise.all([
    base().where('i.started_at', '>=', from).where('i.started_at', '<', to),
    base()
      .where('i.attribution_state', 'confirmed')
      .where('d.finished_at', '>=', from)
      .where('d.finished_at', '<', to),
  ]);
  const byId = new Map<string, IncidentFact>();
  for (const row of [...started, ...attributed]) {
    const confirmed =
      row.attribution_state === 'confirmed' && row.d_train_id !== null;
    const resolvedAt = optionalIsoString(row.resolved_at);
    byId.set(String(row.id), {
      id: String(row.id),
      entityRef: row.entity_ref,
      ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
      startedAt: toIsoString(row.started_at),
      ...(resolvedAt ? { resolvedAt } : {}),
      ...(row.users_affected !== null
        ? { usersAffected: Number(row.users_affected) }
        : {}),
      ...(row.impact_minutes !== null
        ? { impactMinutes: Number(row.impact_minutes) }
        : {}),
      ...(confirmed
        ? {
            attributedDeploymentId: String(row.attributed_deployment_id),
            attributedTrainId: row.d_train_id,
          }
        : {}),
    });
  }
  return [...byId.values()].sort(
    (a, b) =>
      Date.parse(a.startedAt) - Date.parse(b.startedAt) ||
      Number(a.id) - Number(b.id),
  );
}
