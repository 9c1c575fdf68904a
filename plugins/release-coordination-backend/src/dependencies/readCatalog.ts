import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogEntityLike, DEPENDENCY_ENTITY_FIELDS } from './graph';

/** The kinds derivation reads; everything else in the catalog is skipped by the query itself. */
export const DEPENDENCY_ENTITY_KINDS = ['Component', 'Resource', 'API', 'System', 'Domain', 'Group', 'User'];

/**
 * Reads what derivation needs from the catalog: in pages (cursor-based, `pageSize` entities per
 * request) and only the needed fields, never entity by entity.
 */
export async function readCatalogForDependencies(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  pageSize: number;
}): Promise<{ entities: CatalogEntityLike[]; requests: number }> {
  const entities: CatalogEntityLike[] = [];
  let requests = 0;
  for await (const page of options.catalog.streamEntities(
    {
      filter: { kind: DEPENDENCY_ENTITY_KINDS },
      fields: [...DEPENDENCY_ENTITY_FIELDS],
      pageSize: options.pageSize,
    },
    { credentials: options.credentials },
  )) {
    requests++;
    for (const entity of page) entities.push(entity as CatalogEntityLike);
  }
  return { entities, requests };
}
