import { ReleaseCoordinationClient } from '../client';

function clientRecording(requests: [string, Record<string, string>][]) {
  return new ReleaseCoordinationClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/release-coordination' },
    fetchApi: {
      fetch: (async (url: string) => {
        const parsed = new URL(url);
        requests.push([parsed.pathname, Object.fromEntries(parsed.searchParams)]);
        return new Response(JSON.stringify({ items: [], totalCount: 0 }), { status: 200 });
      }) as typeof fetch,
    },
  });
}

const TRAIN = `/api/release-coordination/trains/t-1`;

describe('ReleaseCoordinationClient, paging through a retrospective', () => {
  it('asks for the retrospective with the length of its first pages, then for more', async () => {
    const requests: [string, Record<string, string>][] = [];
    const client = clientRecording(requests);
    await client.getRetrospective({ trainId: 't-1' });
    await client.getRetrospective({ trainId: 't-1', limit: 10 });
    await client.listRetrospectiveNotes({
      trainId: 't-1',
      column: 'went-well',
      limit: 10,
      offset: 10,
    });
    await client.listRetrospectiveNotes({ trainId: 't-1' });
    await client.listCarriedOverActionItems({ trainId: 't-1', limit: 10, offset: 20 });
    expect(requests).toEqual([
      [`${TRAIN}/retrospective`, {}],
      [`${TRAIN}/retrospective`, { limit: '10' }],
      [`${TRAIN}/retrospective/notes`, { column: 'went-well', limit: '10', offset: '10' }],
      [`${TRAIN}/retrospective/notes`, {}],
      [`${TRAIN}/retrospective/carried-over`, { limit: '10', offset: '20' }],
    ]);
  });
});
