import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Where the ordered environments come from: the app-config, or the catalog when it has them. */
export interface EnvironmentSource {
  /** The environments in the order a version passes through them, production last. */
  current(): Promise<string[]>;
}

/** The environments as given, e.g. in a test or from the app-config alone. */
export type EnvironmentList = string[] | EnvironmentSource;

/** The environments of a list or a source. */
export async function environmentsOf(list: EnvironmentList): Promise<string[]> {
  return Array.isArray(list) ? list : list.current();
}

const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** How long the catalog's environments are reused: they change rarely. */
const TTL_MS = 5 * 60_000;

/**
 * The environments of the catalog's `Environment` entities, ordered by `spec.order` (a number,
 * lower first; then by name), when the catalog has any; else undefined. A problem (a name that
 * is no environment name, no production environment, production not last) is the reason the
 * promise rejects with.
 */
export function environmentsOfEntities(
  entities: Entity[],
  productionEnvironment: string,
): string[] | undefined {
  if (entities.length === 0) return undefined;
  const order = (entity: Entity) => {
    const value = (entity.spec as { order?: unknown } | undefined)?.order;
    return typeof value === 'number' && Number.isFinite(value)
      ? value
      : Number.MAX_SAFE_INTEGER;
  };
  const names = [...entities]
    .sort(
      (a, b) =>
        order(a) - order(b) || a.metadata.name.localeCompare(b.metadata.name),
    )
    .map(entity => entity.metadata.name.toLowerCase());
  const wrong = names.filter(name => !ENVIRONMENT_NAME.test(name));
  if (wrong.length)
    throw new Error(`not environment names: ${wrong.join(', ')}`);
  if (names[names.length - 1] !== productionEnvironment) {
    throw new Error(
      `the production environment '${productionEnvironment}' must come last (spec.order), ` +
        `not [${names.join(', ')}]`,
    );
  }
  return names;
}

/**
 * The environments from the catalog's `Environment` entities when it has some (read with the
 * plugin's own credentials, reused for five minutes), else from the app-config. Catalog
 * environments that do not end with the production environment are logged and ignored, so
 * that a catalog mistake never lets a deployment skip its checks.
 */
export function createEnvironmentSource(options: {
  configured: string[];
  productionEnvironment: string;
  catalog: Pick<CatalogService, 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: Pick<LoggerService, 'warn'>;
  now?: () => number;
}): EnvironmentSource {
  const { configured, productionEnvironment, catalog, auth, logger } = options;
  const now = options.now ?? Date.now;
  let cached: { at: number; environments: string[] } | undefined;
  return {
    async current() {
      if (cached && now() - cached.at < TTL_MS) return cached.environments;
      let environments = configured;
      try {
        const { items } = await catalog.getEntities(
          {
            filter: { kind: 'Environment' },
            fields: ['metadata.name', 'spec.order'],
          },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        environments =
          environmentsOfEntities(items, productionEnvironment) ?? configured;
      } catch (error) {
        logger.warn(
          `The catalog's Environment entities are not used, releaseCoordination.environments is: ${error}`,
        );
      }
      cached = { at: now(), environments };
      return environments;
    },
  };
}
