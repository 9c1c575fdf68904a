import { Config } from '@backstage/config';

/** Where versions go on their way to production, when the config names none. */
export const DEFAULT_ENVIRONMENTS = ['staging', 'production'];

const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Reads `releaseCoordination.environments`: the environments in the order a version passes
 * through them, ending with the production environment
 * (`releaseCoordination.deployments.productionEnvironment`). Names are compared in lower
 * case, as deployment reports store them. A wrong list stops the backend at start-up.
 */
export function readEnvironments(
  root: Config,
  productionEnvironment: string,
): string[] {
  const key = 'releaseCoordination.environments';
  const configured = root.getOptionalStringArray(key);
  const environments = (configured ?? DEFAULT_ENVIRONMENTS).map(name =>
    name.toLowerCase(),
  );
  for (const name of environments) {
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new Error(
        `${key}: '${name}' is not an environment name (letters, digits, . _ -)`,
      );
    }
  }
  if (new Set(environments).size !== environments.length) {
    throw new Error(
      `${key} names an environment twice: ${environments.join(', ')}`,
    );
  }
  const production = productionEnvironment.toLowerCase();
  if (environments[environments.length - 1] !== production) {
    throw new Error(
      `${key} must end with the production environment '${production}' ` +
        '(releaseCoordination.deployments.productionEnvironment), not ' +
        `[${environments.join(', ')}]`,
    );
  }
  return environments;
}
