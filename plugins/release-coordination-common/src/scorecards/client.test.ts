import { ReleaseCoordinationClient } from '../client';

describe('ReleaseCoordinationClient.getScorecard', () => {
  function clientRecording(urls: string[]) {
    return new ReleaseCoordinationClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/release-coordination' },
      fetchApi: {
        fetch: (async (url: string) => {
          urls.push(url);
          return new Response(JSON.stringify({ metrics: [] }), { status: 200 });
        }) as typeof fetch,
      },
    });
  }
  const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' };

  it('sends the scope kind, its ref or train id, and the period as the query', async () => {
    const urls: string[] = [];
    const client = clientRecording(urls);
    await client.getScorecard({ scope: { kind: 'organization' }, period });
    await client.getScorecard({ scope: { kind: 'team', ref: 'group:default/team-web' }, period });
    await client.getScorecard({ scope: { kind: 'train', id: 'train-1' }, period });
    expect(urls.map(url => new URL(url)).map(url => [url.pathname, Object.fromEntries(url.searchParams)])).toEqual([
      ['/api/release-coordination/scorecards', { scope: 'organization', ...period }],
      ['/api/release-coordination/scorecards', { scope: 'team', ref: 'group:default/team-web', ...period }],
      ['/api/release-coordination/scorecards', { scope: 'train', ref: 'train-1', ...period }],
    ]);
  });
});
