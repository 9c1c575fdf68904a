import { Config } from '@backstage/config';

/**
 * The `auth.environment` values the demo features run under. Anything else - `production`,
 * `prod`, `Production`, `staging`, a typo - counts as a real deployment: the list says where
 * the demo may run, not where it may not, so an unforeseen name fails safe.
 */
export const DEMO_AUTH_ENVIRONMENTS = ['development', 'dev', 'local', 'test'];

/**
 * The `NODE_ENV` values of a backend in development mode: `backstage-cli package start` sets
 * `development`, the test runner `test`. A built backend runs with `production` (or nothing).
 */
export const DEMO_NODE_ENVS = ['development', 'test'];

/**
 * Why the demo features (the demo sign-in, the demo history) must not run in this backend, or
 * undefined when they may: only in development mode, and only when `auth.environment` is one
 * of {@link DEMO_AUTH_ENVIRONMENTS}. Backstage's auth backend treats a missing
 * `auth.environment` as `development`, and so does this.
 */
export function demoModeRefusal(
  config: Config,
  { nodeEnv }: { nodeEnv: string | undefined } = { nodeEnv: process.env.NODE_ENV },
): string | undefined {
  if (!nodeEnv || !DEMO_NODE_ENVS.includes(nodeEnv)) {
    return `NODE_ENV is '${nodeEnv ?? ''}', not ${DEMO_NODE_ENVS.join(' or ')}`;
  }
  const environment = config.getOptionalString('auth.environment') ?? 'development';
  if (!DEMO_AUTH_ENVIRONMENTS.includes(environment.trim().toLowerCase())) {
    return (
      `auth.environment is '${environment}', not one of ${DEMO_AUTH_ENVIRONMENTS.join(', ')}`
    );
  }
  return undefined;
}
