import { responseDifferences } from './contract';

/** The contract check itself: it must notice every kind of difference it is there to catch. */
describe('responseDifferences', () => {
  const summary = {
    id: 't1',
    name: '2027.01',
    objective: 'Ship checkout',
    ambassadorRef: 'user:default/alice',
    status: 'active',
    currentStage: 'planning',
    stages: [],
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
  };
  const answer = (status: number, body: unknown, url = '/api/release-coordination/trains') => ({
    method: 'GET',
    url: `${url}?limit=1`,
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body),
  });

  it('accepts an answer as documented', () => {
    expect(responseDifferences(answer(200, { items: [summary], totalCount: 1 }))).toEqual([]);
  });

  it('names a field the document does not have', () => {
    expect(
      responseDifferences(answer(200, { items: [{ ...summary, colour: 'red' }], totalCount: 1 })),
    ).toEqual([
      "GET /trains → 200: /items/0 must NOT have additional properties: 'colour'",
    ]);
  });

  it('names a required field that is missing', () => {
    expect(responseDifferences(answer(200, { items: [] }))).toEqual([
      "GET /trains → 200: (body) must have required property 'totalCount'",
    ]);
  });

  it('names a field of the wrong type, through refs and allOf', () => {
    const detail = { ...summary, participants: [], gates: [], checks: [], decisions: 3 };
    const found = responseDifferences(
      answer(200, detail, '/api/release-coordination/trains/00000000-0000-4000-8000-000000000000'),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(/GET \/trains\/[^ ]+ → 200/);
  });

  it('refuses a status the operation does not document', () => {
    expect(responseDifferences(answer(418, {}))).toEqual([
      'GET /trains → 418: status 418 is not documented for /trains',
    ]);
  });

  it('refuses a route the document does not have', () => {
    expect(responseDifferences(answer(200, {}, '/api/release-coordination/trainz'))).toEqual([
      'GET /trainz → 200: the document has no such operation',
    ]);
  });
});
