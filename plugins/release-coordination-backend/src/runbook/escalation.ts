import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
  RunbookContact,
  RunbookEscalation,
  RunbookOnCall,
  RunbookRollbackStep,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { ON_CALL_ANNOTATIONS, RunbookSettings } from './config';

/** Keeps catalog look-ups to pages of a reasonable size. */
const LOOKUP_CHUNK = 200;

/** The catalog's entities by ref, as the caller may read them. */
async function entitiesOf(
  catalog: CatalogService,
  refs: string[],
  credentials: BackstageCredentials,
) {
  const found = new Map<string, Entity>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
    const chunk = unique.slice(i, i + LOOKUP_CHUNK);
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: chunk,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'metadata.links',
          'spec.profile',
        ],
      },
      { credentials },
    );
    for (const entity of items) {
      if (entity)
        found.set(normalizeEntityRef(stringifyEntityRef(entity)), entity);
    }
  }
  return found;
}

function onCallOf(
  settings: RunbookSettings,
  entityRef: string,
  entity: Entity | undefined,
): RunbookOnCall[] {
  const annotations = entity?.metadata.annotations ?? {};
  return ON_CALL_ANNOTATIONS.flatMap(annotation => {
    const value = annotations[annotation];
    if (!value) return [];
    const link = settings.onCallLinks[annotation];
    return [
      {
        annotation,
        value,
        entityRef,
        ...(link
          ? { url: link.replace('{value}', encodeURIComponent(value)) }
          : {}),
      },
    ];
  });
}

function contactOf(
  ref: string,
  role: RunbookContact['role'],
  entity: Entity,
): RunbookContact {
  const profile = (
    entity.spec as
      { profile?: { displayName?: string; email?: string } } | undefined
  )?.profile;
  const title = profile?.displayName ?? entity.metadata.title;
  return {
    ref,
    role,
    ...(title ? { title } : {}),
    ...(profile?.email ? { email: profile.email } : {}),
    links: (entity.metadata.links ?? []).map(link => ({
      title: link.title ?? link.url,
      url: link.url,
    })),
  };
}

/**
 * Whom to call per rollback step: the owner, then the Groups above it, as the catalog lets the
 * caller read them, and the on-call of the entity and its owner.
 */
export async function escalationOf(
  sources: {
    index: DependencyIndex;
    catalog: CatalogService;
    settings: RunbookSettings;
  },
  rollbackSteps: RunbookRollbackStep[],
  credentials: BackstageCredentials,
): Promise<RunbookEscalation[]> {
  const { index, catalog, settings } = sources;
  const chains = new Map(
    rollbackSteps.map(step => {
      const owner = step.ownerRef;
      const chain = owner
        ? [owner, ...index.ancestorGroups(owner).map(group => group.ref)]
        : [];
      return [step.entityRef, chain];
    }),
  );
  const entities = await entitiesOf(
    catalog,
    [
      ...rollbackSteps.map(step => step.entityRef),
      ...[...chains.values()].flat(),
    ],
    credentials,
  );
  return rollbackSteps.map(step => {
    const chain = chains.get(step.entityRef) ?? [];
    const contacts = chain.flatMap((ref, i) => {
      const entity = entities.get(normalizeEntityRef(ref));
      return entity
        ? [contactOf(ref, i === 0 ? 'owner' : 'parent', entity)]
        : [];
    });
    const owner = chain[0];
    return {
      entityRef: step.entityRef,
      contacts,
      onCall: [
        ...onCallOf(settings, step.entityRef, entities.get(step.entityRef)),
        ...(owner
          ? onCallOf(settings, owner, entities.get(normalizeEntityRef(owner)))
          : []),
      ],
    };
  });
}
