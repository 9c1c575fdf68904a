import { DatabaseService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Incident,
  Page,
} from '@release-coordination/plugin-release-coordination-common';
import { Clock } from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import {
  inSlices,
  KnexStoreSession,
  retryingTransaction,
} from '../database/knexStore';
import { connectStoreDatabase } from '../database/migrations';
import { selectPage } from '../database/paging';
import { DeploymentRow, toDeployment } from '../outcomes/outcomeRows';
import {
  DeploymentOfTrain,
  IncidentAttributionChange,
  IncidentPatch,
  IncidentQuery,
  IncidentStore,
  IncidentStoreSession,
  NewIncident,
} from './IncidentStore';
import { INCIDENT_COLUMNS, IncidentRow, toIncident } from './incidentRows';

const optionalDate = (value: string | undefined) =>
  value ? new Date(value) : null;

/** A deployment row with its train's name. */
type DeploymentOfTrainRow = DeploymentRow & { train_name: string };

const toDeploymentOfTrain = (row: DeploymentOfTrainRow): DeploymentOfTrain => ({
  ...toDeployment(row),
  trainName: row.train_name,
});

/** Queries against the database or an open transaction. */
class KnexIncidentSession
  extends KnexStoreSession
  implements IncidentStoreSession
{
  // Not useless: it makes the base class's protected constructor public for the store.
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor
  constructor(db: Knex | Knex.Transaction, clock?: Clock) {
    super(db, clock);
  }

  /** Incidents with their attributed deployment and its train. */
  protected incidents(): Knex.QueryBuilder {
    return this.db('incidents as i')
      .leftJoin('deployments as d', 'd.id', 'i.attributed_deployment_id')
      .leftJoin('release_trains as t', 't.id', 'd.train_id')
      .leftJoin('deployments as s', 's.id', 'i.suggested_deployment_id')
      .leftJoin('release_trains as st', 'st.id', 's.train_id')
      .select(INCIDENT_COLUMNS);
  }

  /** Reads the row through the join; the lock, where asked, is on the incident row alone. */
  private async readIncident(
    where: Record<string, unknown>,
    lock?: boolean,
  ): Promise<ReturnType<typeof toIncident> | undefined> {
    if (lock) {
      const locked = await this.locked(
        this.db('incidents').where(where).first('id'),
        true,
      );
      if (!locked) return undefined;
    }
    const row: IncidentRow | undefined = await this.incidents()
      .where(
        Object.fromEntries(
          Object.entries(where).map(([k, v]) => [`i.${k}`, v]),
        ),
      )
      .first();
    return row ? toIncident(row) : undefined;
  }

  async getIncident(id: string, options?: { lock?: boolean }) {
    // Ids are numbers: anything else names no incident (and must not reach the query).
    if (!/^[1-9][0-9]{0,9}$/.test(id)) return undefined;
    return this.readIncident({ id: Number(id) }, options?.lock);
  }

  async findIncident(
    source: string,
    externalId: string,
    options?: { lock?: boolean },
  ) {
    return this.readIncident(
      { source, external_id: externalId },
      options?.lock,
    );
  }

  async insertIncident(incident: NewIncident) {
    const now = this.clock.now();
    const [inserted] = await this.db('incidents')
      .insert({
        source: incident.source,
        external_id: incident.externalId,
        title: incident.title,
        entity_ref: incident.entityRef,
        owner_ref: incident.ownerRef ?? null,
        severity: incident.severity,
        started_at: new Date(incident.startedAt),
        resolved_at: optionalDate(incident.resolvedAt),
        users_affected: incident.usersAffected ?? null,
        impact_minutes: incident.impactMinutes ?? null,
        url: incident.url ?? null,
        suggested_deployment_id: incident.suggestedDeploymentId
          ? Number(incident.suggestedDeploymentId)
          : null,
        attribution_state: 'unconfirmed',
        reporter: incident.reporter,
        reported_at: now,
        updated_at: now,
      })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return (await this.getIncident(String(id)))!;
  }

  async updateIncident(id: string, patch: IncidentPatch) {
    const columns: Record<string, unknown> = { updated_at: this.clock.now() };
    if (patch.title !== undefined) columns.title = patch.title;
    if (patch.severity !== undefined) columns.severity = patch.severity;
    if (patch.startedAt !== undefined)
      columns.started_at = new Date(patch.startedAt);
    if (patch.resolvedAt !== undefined)
      columns.resolved_at = new Date(patch.resolvedAt);
    if (patch.usersAffected !== undefined)
      columns.users_affected = patch.usersAffected;
    if (patch.impactMinutes !== undefined)
      columns.impact_minutes = patch.impactMinutes;
    if (patch.url !== undefined) columns.url = patch.url;
    if (patch.suggestedDeploymentId !== undefined) {
      columns.suggested_deployment_id =
        patch.suggestedDeploymentId === null
          ? null
          : Number(patch.suggestedDeploymentId);
    }
    await this.db('incidents').where('id', Number(id)).update(columns);
    const incident = await this.getIncident(id);
    if (!incident) throw new NotFoundError(`No incident with id '${id}'`);
    return incident;
  }

  async attributeIncident(id: string, change: IncidentAttributionChange) {
    const now = this.clock.now();
    await this.db('incidents')
      .where('id', Number(id))
      .update({
        attribution_state: change.state,
        attributed_deployment_id:
          change.state === 'confirmed' && change.deploymentId
            ? Number(change.deploymentId)
            : null,
        attributed_by: change.decidedBy,
        attributed_at: now,
        attribution_comment: change.comment ?? null,
        updated_at: now,
      });
    const incident = await this.getIncident(id);
    if (!incident) throw new NotFoundError(`No incident with id '${id}'`);
    return incident;
  }

  async getDeployment(id: string) {
    if (!/^[1-9][0-9]{0,9}$/.test(id)) return undefined;
    const row: DeploymentOfTrainRow | undefined = await this.db(
      'deployments as d',
    )
      .join('release_trains as t', 't.id', 'd.train_id')
      .where('d.id', Number(id))
      .first(['d.*', 't.name as train_name']);
    return row ? toDeploymentOfTrain(row) : undefined;
  }
}

/** The knex {@link IncidentStore}. */
export class DatabaseIncidentStore
  extends KnexIncidentSession
  implements IncidentStore
{
  static async create(options: {
    database: DatabaseService;
    clock?: Clock;
  }): Promise<DatabaseIncidentStore> {
    const knex = await connectStoreDatabase(options.database);
    return new DatabaseIncidentStore(knex, options.clock);
  }

  private readonly knex: Knex;

  private constructor(knex: Knex, clock?: Clock) {
    super(knex, clock);
    this.knex = knex;
  }

  async transaction<T>(
    work: (session: IncidentStoreSession) => Promise<T>,
  ): Promise<T> {
    return retryingTransaction(this.knex, tx =>
      work(new KnexIncidentSession(tx, this.clock)),
    );
  }

  async listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
    // Of an entity: `incidents_entity_started_idx`; of a train: through the deployments of
    // the train (`deployments_train_started_idx`) and the indexes of the attributed and the
    // suggested deployment.
    const filter = (q: Knex.QueryBuilder) => {
      if (query.entityRef) q.where('i.entity_ref', query.entityRef);
      if (query.trainId) {
        const ofTrain = () =>
          this.knex('deployments')
            .select('id')
            .where('train_id', query.trainId!);
        q.where(either =>
          either
            .where(confirmed =>
              confirmed
                .where('i.attribution_state', 'confirmed')
                .whereIn('i.attributed_deployment_id', ofTrain()),
            )
            .orWhere(suggested =>
              suggested
                .where('i.attribution_state', 'unconfirmed')
                .whereIn('i.suggested_deployment_id', ofTrain()),
            ),
        );
      }
    };
    const { rows, totalCount } = await selectPage<IncidentRow>(
      this.incidents()
        .modify(filter)
        .orderBy([
          { column: 'i.started_at', order: 'desc' },
          { column: 'i.id', order: 'desc' },
        ]),
      this.knex('incidents as i').modify(filter),
      query,
    );
    return { items: rows.map(toIncident), totalCount };
  }

  async listFinishedDeployments(options: {
    entityRefs: string[];
    environment: string;
    from: Date;
    to: Date;
  }): Promise<DeploymentOfTrain[]> {
    const rows = await inSlices(options.entityRefs, slice =>
      this.knex('deployments as d')
        .join('release_trains as t', 't.id', 'd.train_id')
        .where('d.environment', options.environment)
        .whereIn('d.participant_ref', slice)
        .where('d.finished_at', '>=', options.from)
        .where('d.finished_at', '<=', options.to)
        .select<DeploymentOfTrainRow[]>(['d.*', 't.name as train_name']),
    );
    return rows
      .map(toDeploymentOfTrain)
      .sort(
        (a, b) =>
          Date.parse(b.finishedAt!) - Date.parse(a.finishedAt!) ||
          Number(b.id) - Number(a.id),
      );
  }
}
