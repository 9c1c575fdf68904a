import {
  DeploymentResult,
  ScorecardPeriod,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { toIsoString } from '../../database/columns';
import { DeploymentFact } from '../engine';

/** Deployments that ran in the period: finished in it, or started in it and still running. */
export async function listDeploymentFacts(
  db: Knex,
  period: ScorecardPeriod,
): Promise<DeploymentFact[]> {
  const from = new Date(period.from);
  const to = new Date(period.to);
  const rows = await db('deployments')
    .where('started_at', '<', to)
    .andWhere(q =>
      q
        .where('finished_at', '>=', from)
        .orWhere(running =>
          running.whereNull('finished_at').andWhere('started_at', '>=', from),
        ),
    )
    .orderBy('id');
  return rows.map(row => ({
    id: String(row.id),
    trainId: row.train_id,
    participantRef: row.participant_ref,
    environment: row.environment,
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
    startedAt: toIsoString(row.started_at),
    ...(row.finished_at ? { finishedAt: toIsoString(row.finished_at) } : {}),
    ...(row.result ? { result: row.result as DeploymentResult } : {}),
    ...(row.rollback_started_at
      ? { rollbackStartedAt: toIsoString(row.rollback_started_at) }
      : {}),
    ...(row.rollback_finished_at
      ? { rollbackFinishedAt: toIsoString(row.rollback_finished_at) }
      : {}),
    // MySQL and SQLite hand booleans back as 0/1.
    ...(Number(row.hotfix) === 1 || row.hotfix === true
      ? { hotfix: true }
      : {}),
  }));
}
