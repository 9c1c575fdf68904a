import { DatabaseTrainStore } from '../trains/DatabaseTrainStore';
import { GateRecord } from '../trains/TrainStore';
import { createTestDatabases, insertTrainRow, testDatabaseService } from '../__testUtils__/databases';
import { PAYMENTS_PARTICIPATION_GATE } from '../__testUtils__/gates';
import { createGateResourceLoader, toGateResource } from './gateResource';

const record = (id: string, approverRef?: string): GateRecord => ({
  id,
  trainId: 'a2b5c3d4-1111-4222-8333-944455566677',
  stage: 'planning',
  phase: 'exit',
  templateId: 'participation',
  kind: 'approval',
  participantRef: 'component:default/payments',
  state: 'pending',
  config: {
    title: 'Participation confirmed',
    quorum: 1,
    separationOfDuties: false,
    ...(approverRef ? { approverRef } : {}),
  },
  updatedAt: '2026-11-20T10:00:00.000Z',
  version: 3,
});

describe('gate resources', () => {
  it('show a gate with its approver from the configuration it was instantiated with', () => {
    expect(toGateResource(record('g-1', 'group:default/team-pay'))).toEqual({
      ...PAYMENTS_PARTICIPATION_GATE,
      id: 'g-1',
    });
    expect(toGateResource(record('g-2'))).not.toHaveProperty('approverRef');
  });

  it('are loaded in the order asked, unknown ids as undefined', async () => {
    const stored = new Map([
      ['g-1', record('g-1', 'group:default/team-pay')],
      ['g-2', record('g-2', 'group:default/release-board')],
    ]);
    const asked: string[] = [];
    const load = createGateResourceLoader({
      getGate: async id => {
        asked.push(id);
        return stored.get(id);
      },
    });
    const gates = await load(['g-2', 'missing', 'g-1']);
    expect(gates.map(gate => gate?.approverRef)).toEqual([
      'group:default/release-board',
      undefined,
      'group:default/team-pay',
    ]);
    expect(asked).toEqual(['g-2', 'missing', 'g-1']);
  });
});

describe('gate resources from the database', () => {
  const databases = createTestDatabases();
  const trainId = '00000000-0000-4000-8000-000000000001';
  const gateId = '00000000-0000-4000-8000-0000000000aa';

  it.each(databases.eachSupportedId())(
    'are loaded by id, anything else as undefined, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseTrainStore.create({ database: testDatabaseService(knex) });
      const at = new Date('2026-11-01T10:00:00Z');
      await insertTrainRow(knex, {
        id: trainId,
        name: '2026.12',
        objective: 'Ship one-click checkout',
        createdAt: at.toISOString(),
      });
      await knex('train_gates').insert({
        id: gateId,
        train_id: trainId,
        stage: 'planning',
        phase: 'exit',
        template_id: 'participation',
        kind: 'approval',
        participant_ref: 'component:default/payments',
        state: 'pending',
        config: JSON.stringify({
          title: 'Participation confirmed',
          approverRef: 'group:default/team-pay',
          quorum: 1,
          separationOfDuties: false,
        }),
        updated_at: at,
      });

      // Refs come from other plugins through the permission backend, unchecked.
      const gates = await createGateResourceLoader(store)([
        gateId,
        '00000000-0000-4000-8000-0000000000bb',
        'component:default/payments-and-a-ref-longer-than-a-gate-id',
      ]);
      expect(gates).toEqual([
        { ...PAYMENTS_PARTICIPATION_GATE, id: gateId, trainId },
        undefined,
        undefined,
      ]);
      await knex.destroy();
    },
  );
});
