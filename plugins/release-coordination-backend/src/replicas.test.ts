import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { migrationsDirectory } from './database/migrations';
import { releaseCoordinationPlugin } from './plugin';

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING;

/**
 * Two backends, each with its own connection pools, real database service and real scheduler,
 * started at the same moment on one empty PostgreSQL database (every plugin in a schema of its
 * own, as `pluginDivisionMode: schema` lays it out).
 *
 * Release coordination alone: Backstage's catalog does not tolerate it (its migrations fail
 * with "Migration table is already locked" in one of the two; see the README, "Running several
 * replicas"). The catalog is reached over HTTP, and only once a request or task needs it.
 */
function startReplica(database: string) {
  return startTestBackend({
    features: [
      releaseCoordinationPlugin,
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: `${PG!.replace(/\/[^/]*$/, '')}/${database}`,
              pluginDivisionMode: 'schema',
            },
          },
        },
      }),
    ],
  });
}

describe('replicas starting together on one empty PostgreSQL database', () => {
  let admin: Knex;
  const database = `release_coordination_replicas_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    if (!PG) return;
    admin = knexFactory({ client: 'pg', connection: PG, pool: { min: 0, max: 1 } });
    await admin.raw('CREATE DATABASE ??', [database]);
  });

  afterAll(async () => {
    if (!PG) return;
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
    await admin.destroy();
  });

  // Without a PostgreSQL server (BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING) there is
  // nothing to share; CI always has one.
  it.skipIf(!PG)(
    'both come up, answer readiness and the plugin, and the migrations ran once',
    async () => {
      const replicas = await Promise.all([startReplica(database), startReplica(database)]);
      try {
        for (const { server } of replicas) {
          const ready = await request(server).get('/.backstage/health/v1/readiness');
          expect(ready.status).toBe(200);
          const trains = await request(server)
            .get('/api/release-coordination/trains')
            .set('Authorization', mockCredentials.user.header());
          expect(trains.status).toBe(200);
          expect(trains.body).toMatchObject({ items: [], totalCount: 0 });
        }

        const db = knexFactory({
          client: 'pg',
          connection: `${PG!.replace(/\/[^/]*$/, '')}/${database}`,
          pool: { min: 0, max: 1 },
        });
        try {
          const applied = await db
            .withSchema('release-coordination')
            .from('release_coordination__knex_migrations')
            .select('name')
            .orderBy('name');
          const files = readdirSync(migrationsDirectory).filter(f => f.endsWith('.js')).sort();
          expect(applied.map(row => row.name)).toEqual(files);
          // Each scheduled task is registered once, shared by both replicas.
          const tasks = await db
            .withSchema('release-coordination')
            .from('backstage_backend_tasks__tasks')
            .select('id')
            .orderBy('id');
          expect(tasks.map(row => row.id)).toEqual([
            'release-coordination-action-item-reminders',
            'release-coordination-dependency-refresh',
            'release-coordination-flag-reminders',
          ]);
        } finally {
          await db.destroy();
        }
      } finally {
        await Promise.all(replicas.map(replica => replica.stop()));
      }
    },
    180_000,
  );
});
