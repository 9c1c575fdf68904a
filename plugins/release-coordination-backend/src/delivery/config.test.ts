import { ConfigReader } from '@backstage/config';
import { readEnvironments } from './config';

const read = (environments?: unknown, production = 'production') =>
  readEnvironments(
    new ConfigReader(
      environments === undefined
        ? {}
        : ({ releaseCoordination: { environments } } as any),
    ),
    production,
  );

describe('readEnvironments', () => {
  it('defaults to staging, then production', () => {
    expect(read()).toEqual(['staging', 'production']);
  });

  it('keeps the configured order, in lower case', () => {
    expect(read(['Development', 'staging', 'Production'])).toEqual([
      'development',
      'staging',
      'production',
    ]);
    expect(read(['prod'], 'PROD')).toEqual(['prod']);
  });

  it('refuses a list that does not end with production, repeats a name or holds a bad one', () => {
    expect(() => read(['production', 'staging'])).toThrow(
      /must end with the production environment 'production'/,
    );
    expect(() => read(['staging', 'staging', 'production'])).toThrow(
      /names an environment twice/,
    );
    expect(() => read(['stag ing', 'production'])).toThrow(
      /'stag ing' is not an environment name/,
    );
    expect(() => read(['staging'], 'live')).toThrow(/'live'/);
  });
});
