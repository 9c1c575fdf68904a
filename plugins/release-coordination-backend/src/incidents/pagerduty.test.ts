import { incidentReportPermission } from '@release-coordination/plugin-release-coordination-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  CI,
  expectRefusedAsBadInput,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../__testUtils__/testBackend';
import { readPagerDutyWebhook } from './pagerduty';

/** Webhooks as PagerDuty posts them for a V3 subscription. */
const recorded = (name: string) =>
  JSON.parse(
    readFileSync(
      join(__dirname, '__fixtures__', `pagerduty-${name}.json`),
      'utf8',
    ),
  );

/** storefront is the PagerDuty service PF9KMXH. */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION.replace(
    'metadata: { name: storefront }',
    "metadata: { name: storefront, annotations: { 'pagerduty.com/service-id': PF9KMXH } }",
  ),
  ...catalogUsers('carol'),
);

describe('readPagerDutyWebhook', () => {
  it('reads an incident event, with its priority as the severity', () => {
    expect(readPagerDutyWebhook(recorded('incident-triggered'))).toEqual({
      kind: 'incident',
      serviceId: 'PF9KMXH',
      report: {
        source: 'pagerduty',
        externalId: 'Q3WBH3PT5GA5YX',
        title: 'Checkout error rate above 5%',
        severity: 'critical',
        startedAt: '2026-12-05T09:40:10Z',
        url: 'https://acme.pagerduty.com/incidents/Q3WBH3PT5GA5YX',
      },
    });
    const low = recorded('incident-triggered');
    low.event.data.priority = null;
    low.event.data.urgency = 'low';
    expect(readPagerDutyWebhook(low)).toMatchObject({
      report: { severity: 'low' },
    });
  });

  it('ignores events that change no incident', () => {
    expect(readPagerDutyWebhook(recorded('incident-annotated'))).toEqual({
      kind: 'ignored',
      reason: 'incident.annotated events change no incident',
    });
  });
});

describe('PagerDuty webhook route (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, post } = pluginRoutes(() => server);
    const incidents = async () =>
      (await get('/incidents').set('Authorization', asUser('carol'))).body as {
        items: any[];
        totalCount: number;
      };

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(incidentReportPermission),
        knex: await databases.init(databaseId),
      });
    }, 120_000);

    it('records the incident on the annotated entity, then its resolution', async () => {
      const triggered = await post('/incidents/webhooks/pagerduty')
        .send(recorded('incident-triggered'))
        .set('Authorization', CI);
      expect(triggered.status).toBe(201);
      expect(triggered.body).toMatchObject({
        source: 'pagerduty',
        externalId: 'Q3WBH3PT5GA5YX',
        entityRef: 'component:default/storefront',
        ownerRef: 'group:default/team-web',
        severity: 'critical',
      });
      const resolved = await post('/incidents/webhooks/pagerduty')
        .send(recorded('incident-resolved'))
        .set('Authorization', CI);
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        id: triggered.body.id,
        resolvedAt: '2026-12-05T10:25:40.101Z',
      });
      // PagerDuty delivers at least once: the same event again changes nothing.
      const again = await post('/incidents/webhooks/pagerduty')
        .send(recorded('incident-resolved'))
        .set('Authorization', CI);
      expect(again.body).toEqual(resolved.body);
      expect((await incidents()).totalCount).toBe(1);
    });

    it('answers 202 and records nothing for a note or a service no entity is annotated with', async () => {
      const note = await post('/incidents/webhooks/pagerduty')
        .send(recorded('incident-annotated'))
        .set('Authorization', CI);
      expect(note.status).toBe(202);
      expect(note.body).toEqual({
        recorded: false,
        reason: 'incident.annotated events change no incident',
      });
      const unknown = recorded('incident-triggered');
      unknown.event.data.id = 'Q0THER';
      unknown.event.data.service.id = 'PNOBODY';
      const res = await post('/incidents/webhooks/pagerduty')
        .send(unknown)
        .set('Authorization', CI);
      expect(res.status).toBe(202);
      expect(res.body.reason).toBe(
        'No catalog entity has the annotation pagerduty.com/service-id: PNOBODY',
      );
      expect((await incidents()).totalCount).toBe(1);
    });

    it('refuses a malformed incident with a 400 naming the field, writing nothing', async () => {
      const broken = recorded('incident-triggered');
      delete broken.event.data.created_at;
      await expectRefusedAsBadInput(
        server,
        {
          method: 'POST',
          path: '/incidents/webhooks/pagerduty',
          body: broken,
          authorization: CI,
          field: /body\.event\.data\.created_at/,
        },
        incidents,
      );
    });

    it('lets only those the policy allows post', async () => {
      const res = await post('/incidents/webhooks/pagerduty')
        .send(recorded('incident-triggered'))
        .set('Authorization', asUser('carol'));
      expect(res.status).toBe(403);
    });
  });
});
