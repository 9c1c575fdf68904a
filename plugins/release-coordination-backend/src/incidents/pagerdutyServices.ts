import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PAGERDUTY_SERVICE_ANNOTATION } from './pagerduty';

/**
 * The catalog entity annotated with a PagerDuty service id, looked up with the plugin's own
 * credentials: the webhook's token may not read the catalog. With several, the first by ref.
 */
export function createPagerDutyServiceLookup(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
}): (serviceId: string) => Promise<string | undefined> {
  const { catalog, auth } = options;
  return async serviceId => {
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${PAGERDUTY_SERVICE_ANNOTATION}`]: serviceId,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.map(entity => stringifyEntityRef(entity)).sort()[0];
  };
}
