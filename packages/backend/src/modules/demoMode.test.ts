import { ConfigReader } from '@backstage/config';
import { demoModeRefusal } from './demoMode';

const withEnvironment = (environment?: string) =>
  new ConfigReader(environment === undefined ? {} : { auth: { environment } });

const inDevelopment = { nodeEnv: 'development' };
const underTest = { nodeEnv: 'test' };

describe('demoModeRefusal', () => {
  it.each(['development', 'dev', 'local', 'test', 'Development'])(
    'lets the demo run in development mode with auth.environment %s',
    environment => {
      expect(demoModeRefusal(withEnvironment(environment), inDevelopment)).toBeUndefined();
      expect(demoModeRefusal(withEnvironment(environment), underTest)).toBeUndefined();
    },
  );

  it('reads a missing auth.environment as development, as the auth backend does', () => {
    expect(demoModeRefusal(withEnvironment(), inDevelopment)).toBeUndefined();
  });

  it.each(['production', 'prod', 'Production', 'staging', 'developmnet'])(
    'refuses auth.environment %s',
    environment => {
      expect(demoModeRefusal(withEnvironment(environment), inDevelopment)).toBe(
        `auth.environment is '${environment}', not one of development, dev, local, test`,
      );
    },
  );

  it.each(['production', undefined])('refuses NODE_ENV %s, whatever the config says', nodeEnv => {
    expect(demoModeRefusal(withEnvironment('development'), { nodeEnv })).toBe(
      `NODE_ENV is '${nodeEnv ?? ''}', not development or test`,
    );
  });
});
