import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { connectStoreDatabase } from '../database/migrations';

/** Keeps each `IN (...)` well under every engine's limit of bound parameters. */
const IN_CHUNK = 500;

/** The facts of a risk score that no other store answers. */
export class DatabaseRiskFacts {
  static async create(options: { database: DatabaseService }) {
    return new DatabaseRiskFacts(await connectStoreDatabase(options.database));
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * The entities' deployments to `environment` that finished since `since`, and how many of
   * them failed or were rolled back, whatever the train
   * (`deployments_environment_participant_finished_idx`).
   */
  async finishedDeployments(
    entityRefs: string[],
    environment: string,
    since: Date,
  ): Promise<{ finished: number; failed: number }> {
    let finished = 0;
    let failed = 0;
    for (let i = 0; i < entityRefs.length; i += IN_CHUNK) {
      const [row] = await this.knex('deployments')
        .where('environment', environment)
        .whereIn('participant_ref', entityRefs.slice(i, i + IN_CHUNK))
        .where('finished_at', '>=', since)
        .select(
          this.knex.raw('count(*) as finished'),
          this.knex.raw(
            "sum(case when result in ('failed', 'rolled-back') then 1 else 0 end) as failed",
          ),
        );
      finished += Number(row?.finished ?? 0);
      failed += Number(row?.failed ?? 0);
    }
    return { finished, failed };
  }
}
