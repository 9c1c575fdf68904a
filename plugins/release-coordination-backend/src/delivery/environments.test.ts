import { Entity } from '@backstage/catalog-model';
import {
  createEnvironmentSource,
  environmentsOfEntities,
} from './environments';

const environment = (name: string, order?: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Environment',
  metadata: { name },
  spec: order === undefined ? {} : { order },
});

describe('environments from the catalog', () => {
  it('orders Environment entities by spec.order, then by name, production last', () => {
    expect(
      environmentsOfEntities(
        [
          environment('production', 30),
          environment('QA', 10),
          environment('staging', 20),
        ],
        'production',
      ),
    ).toEqual(['qa', 'staging', 'production']);
    expect(environmentsOfEntities([], 'production')).toBeUndefined();
  });

  it('refuses an order that does not end with production, or a name that is none', () => {
    expect(() =>
      environmentsOfEntities(
        [environment('production', 1), environment('staging', 2)],
        'production',
      ),
    ).toThrow(/'production' must come last/);
    expect(() =>
      environmentsOfEntities([environment('prod env!')], 'production'),
    ).toThrow(/not environment names/);
  });

  it('uses the catalog when it has Environment entities, the app-config otherwise, and reuses the answer', async () => {
    let items: Entity[] = [
      environment('dev', 1),
      environment('staging', 2),
      environment('production', 3),
    ];
    const getEntities = vi.fn(async () => ({ items }));
    const warn = vi.fn();
    let time = 0;
    const source = () =>
      createEnvironmentSource({
        configured: ['staging', 'production'],
        productionEnvironment: 'production',
        catalog: { getEntities } as any,
        auth: { getOwnServiceCredentials: async () => ({}) as any },
        logger: { warn },
        now: () => time,
      });
    const fromCatalog = source();
    expect(await fromCatalog.current()).toEqual([
      'dev',
      'staging',
      'production',
    ]);
    expect(getEntities).toHaveBeenCalledWith(
      {
        filter: { kind: 'Environment' },
        fields: ['metadata.name', 'spec.order'],
      },
      expect.anything(),
    );
    // Reused for five minutes, then read again.
    items = [];
    time = 60_000;
    expect(await fromCatalog.current()).toEqual([
      'dev',
      'staging',
      'production',
    ]);
    time = 6 * 60_000;
    expect(await fromCatalog.current()).toEqual(['staging', 'production']);

    // A catalog mistake is logged, and the app-config holds.
    items = [environment('production', 1), environment('staging', 2)];
    expect(await source().current()).toEqual(['staging', 'production']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/must come last/));
  });
});
