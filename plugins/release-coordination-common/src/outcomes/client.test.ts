import { ReleaseCoordinationClient } from '../client';

/** A client whose requests are recorded as path and query, each answered with `body`. */
function clientRecording(requests: [string, Record<string, string>][], body: unknown) {
  return new ReleaseCoordinationClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/release-coordination' },
    fetchApi: {
      fetch: (async (url: string) => {
        const parsed = new URL(url);
        requests.push([parsed.pathname, Object.fromEntries(parsed.searchParams)]);
        return new Response(JSON.stringify(body), { status: 200 });
      }) as typeof fetch,
    },
  });
}

const BASE = '/api/release-coordination';

describe('ReleaseCoordinationClient, paging through outcomes', () => {
  it('asks for a page of deployments with the filters, and answers the page', async () => {
    const requests: [string, Record<string, string>][] = [];
    const page = { items: [], totalCount: 42 };
    const client = clientRecording(requests, page);
    expect(await client.listDeployments({ trainId: 't-1' })).toEqual(page);
    await client.listDeployments({
      trainId: 't-1',
      environment: 'production',
      participantRef: 'component:default/payments',
      limit: 25,
      offset: 25,
    });
    expect(requests).toEqual([
      [`${BASE}/trains/t-1/deployments`, {}],
      [
        `${BASE}/trains/t-1/deployments`,
        {
          environment: 'production',
          participantRef: 'component:default/payments',
          limit: '25',
          offset: '25',
        },
      ],
    ]);
  });

  it('asks for a page of feature flags', async () => {
    const requests: [string, Record<string, string>][] = [];
    const client = clientRecording(requests, { items: [], totalCount: 0 });
    await client.listFeatureFlags({ trainId: 't-1' });
    await client.listFeatureFlags({ trainId: 't-1', limit: 10, offset: 30 });
    expect(requests).toEqual([
      [`${BASE}/trains/t-1/flags`, {}],
      [`${BASE}/trains/t-1/flags`, { limit: '10', offset: '30' }],
    ]);
  });
});
