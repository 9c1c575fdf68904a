/**
 * Test-only: builds catalog entities in the shape derivation reads, with relations on both
 * sides as the catalog writes them. Not exported from the package.
 */
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { CatalogEntityLike } from './types';

const REVERSE: Record<string, string> = {
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  partOf: 'hasPart',
  hasPart: 'partOf',
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  childOf: 'parentOf',
  parentOf: 'childOf',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
};

const CATALOG_KINDS: Record<string, string> = {
  component: 'Component',
  resource: 'Resource',
  api: 'API',
  system: 'System',
  domain: 'Domain',
  group: 'Group',
  user: 'User',
};

/** Relations of one entity, by type; targets are refs (`x` alone means `component:x`). */
export interface TestRelations {
  owner?: string;
  system?: string;
  domain?: string;
  parent?: string;
  dependsOn?: string[];
  consumesApis?: string[];
  providesApis?: string[];
  members?: string[];
}

/**
 * A tiny catalog: `add` entities, `relate` them (both sides unless `oneSided`), `build`.
 * Relations to entities that were never added are written on the source side only, as the
 * catalog does for a dangling ref.
 */
export class TestCatalog {
  private readonly entities = new Map<string, CatalogEntityLike>();
  private readonly pending: Array<[string, string, string, boolean]> = [];

  add(
    ref: string,
    fields: Partial<Pick<CatalogEntityLike, 'spec'>> & { title?: string } & TestRelations = {},
  ): this {
    const full = normalizeEntityRef(ref, 'component');
    const [kind, rest] = full.split(':');
    const [namespace, name] = rest.split('/');
    const entity: CatalogEntityLike = {
      kind: CATALOG_KINDS[kind] ?? kind,
      metadata: { name, namespace, ...(fields.title ? { title: fields.title } : {}) },
      ...(fields.spec ? { spec: fields.spec } : {}),
      relations: [],
    };
    this.entities.set(full, entity);
    if (fields.owner) {
      this.relate(full, 'ownedBy', normalizeEntityRef(fields.owner, 'group'));
    }
    if (fields.system) {
      this.relate(full, 'partOf', normalizeEntityRef(fields.system, 'system'));
    }
    if (fields.domain) {
      this.relate(full, 'partOf', normalizeEntityRef(fields.domain, 'domain'));
    }
    if (fields.parent) {
      this.relate(full, 'childOf', normalizeEntityRef(fields.parent, 'group'));
    }
    for (const target of fields.dependsOn ?? []) {
      this.relate(full, 'dependsOn', normalizeEntityRef(target, 'component'));
    }
    for (const api of fields.consumesApis ?? []) {
      this.relate(full, 'consumesApi', normalizeEntityRef(api, 'api'));
    }
    for (const api of fields.providesApis ?? []) {
      this.relate(full, 'providesApi', normalizeEntityRef(api, 'api'));
    }
    for (const user of fields.members ?? []) {
      this.relate(full, 'hasMember', normalizeEntityRef(user, 'user'));
    }
    return this;
  }

  /** Adds `type` on `from` and its reverse on `to` (unless `oneSided`), once `build` runs. */
  relate(from: string, type: string, to: string, options: { oneSided?: boolean } = {}): this {
    this.pending.push([from, type, to, options.oneSided ?? false]);
    return this;
  }

  build(): CatalogEntityLike[] {
    for (const [from, type, to, oneSided] of this.pending) {
      const source = this.entities.get(normalizeEntityRef(from, 'component'));
      if (!source) {
        throw new Error(`TestCatalog: unknown entity ${from}`);
      }
      source.relations!.push({ type, targetRef: to });
      const target = this.entities.get(normalizeEntityRef(to, 'component'));
      if (target && !oneSided) {
        target.relations!.push({ type: REVERSE[type], targetRef: normalizeEntityRef(from) });
      }
    }
    this.pending.length = 0;
    return [...this.entities.values()];
  }
}

/** A deterministic pseudo-random generator (LCG), so generated catalogs are reproducible. */
function random(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

/** Sizes of {@link generateCatalog}'s output. */
export interface GeneratedCatalogSizes {
  entities: number;
  components: number;
  resources: number;
  apis: number;
  systems: number;
  domains: number;
  groups: number;
  users: number;
}

/**
 * A large organisation: `entities` catalog entities in catalog shape (about 8 relation
 * entries per component, both sides counted), generated without a builder to stay fast.
 * Components depend only on components with a smaller number, so the graph has no cycles.
 */
export function generateCatalog(entities = 50_000, seed = 42) {
  const next = random(seed);
  const sizes: GeneratedCatalogSizes = {
    entities,
    domains: Math.max(1, Math.floor(entities / 2500)),
    systems: Math.max(1, Math.floor(entities / 100)),
    groups: Math.max(1, Math.floor(entities / 250)),
    users: Math.max(1, Math.floor(entities / 50)),
    apis: Math.max(1, Math.floor(entities / 10)),
    resources: Math.max(1, Math.floor(entities / 20)),
    components: 0,
  };
  sizes.components =
    entities -
    sizes.domains -
    sizes.systems -
    sizes.groups -
    sizes.users -
    sizes.apis -
    sizes.resources;

  type Rel = { type: string; targetRef: string };
  const make = (kind: string, name: string): CatalogEntityLike & { relations: Rel[] } => ({
    kind,
    metadata: { name, namespace: 'default' },
    spec: { type: kind === 'Group' ? 'team' : 'service', lifecycle: 'production' },
    relations: [],
  });
  const link = (
    a: { relations: Rel[] },
    aRef: string,
    type: string,
    b: { relations: Rel[] },
    bRef: string,
  ) => {
    a.relations.push({ type, targetRef: bRef });
    b.relations.push({ type: REVERSE[type], targetRef: aRef });
  };

  const domains = Array.from({ length: sizes.domains }, (_, i) => make('Domain', `domain-${i}`));
  const systems = Array.from({ length: sizes.systems }, (_, i) => make('System', `system-${i}`));
  const groups = Array.from({ length: sizes.groups }, (_, i) => make('Group', `team-${i}`));
  const users = Array.from({ length: sizes.users }, (_, i) => make('User', `user-${i}`));
  const apis = Array.from({ length: sizes.apis }, (_, i) => make('API', `api-${i}`));
  const resources = Array.from({ length: sizes.resources }, (_, i) => make('Resource', `db-${i}`));
  const components = Array.from({ length: sizes.components }, (_, i) =>
    make('Component', `service-${i}`),
  );
  const ref = (kind: string, i: number, prefix: string) => `${kind}:default/${prefix}-${i}`;

  groups.forEach((group, i) => {
    if (i > 0) {
      const parent = Math.floor((i - 1) / 4);
      link(group, ref('group', i, 'team'), 'childOf', groups[parent], ref('group', parent, 'team'));
    }
  });
  users.forEach((user, i) => {
    const g = i % sizes.groups;
    link(user, ref('user', i, 'user'), 'memberOf', groups[g], ref('group', g, 'team'));
  });
  const owned = (entity: { relations: Rel[] }, entityRef: string) => {
    const g = next(sizes.groups);
    link(entity, entityRef, 'ownedBy', groups[g], ref('group', g, 'team'));
  };
  domains.forEach((domain, i) => owned(domain, ref('domain', i, 'domain')));
  systems.forEach((system, i) => {
    const systemRef = ref('system', i, 'system');
    owned(system, systemRef);
    const d = i % sizes.domains;
    link(system, systemRef, 'partOf', domains[d], ref('domain', d, 'domain'));
  });
  const inSystem = (entity: { relations: Rel[] }, entityRef: string) => {
    owned(entity, entityRef);
    const s = next(sizes.systems);
    link(entity, entityRef, 'partOf', systems[s], ref('system', s, 'system'));
  };
  apis.forEach((api, i) => owned(api, ref('api', i, 'api')));
  resources.forEach((resource, i) => inSystem(resource, ref('resource', i, 'db')));
  components.forEach((component, i) => {
    const componentRef = ref('component', i, 'service');
    inSystem(component, componentRef);
    if (i > 0) {
      const target = next(i);
      link(
        component,
        componentRef,
        'dependsOn',
        components[target],
        ref('component', target, 'service'),
      );
    }
    const db = next(sizes.resources);
    link(component, componentRef, 'dependsOn', resources[db], ref('resource', db, 'db'));
    // Component i provides API i (while there are APIs) and consumes an API of an earlier one.
    if (i < sizes.apis) {
      link(component, componentRef, 'providesApi', apis[i], ref('api', i, 'api'));
    }
    if (i > 0) {
      const api = next(Math.min(i, sizes.apis));
      link(component, componentRef, 'consumesApi', apis[api], ref('api', api, 'api'));
    }
  });

  return {
    sizes,
    entities: [
      ...domains,
      ...systems,
      ...groups,
      ...users,
      ...apis,
      ...resources,
      ...components,
    ] as CatalogEntityLike[],
  };
}

/**
 * A small organisation for query tests:
 *
 * - groups `org` ⊃ `payments` ⊃ `checkout-team`, `org` ⊃ `platform` ⊃ `empty` (no members);
 *   users `alice` (checkout-team), `bob` (payments), `carol` (platform);
 * - domain `commerce` (payments) ⊃ system `shop` (checkout-team); system `infra` (platform);
 * - `web` and `cart` (checkout-team, shop), `payments` (payments, shop, provides
 *   `payments-api`), resource `db` (platform, infra), `legacy` (no owner), `orphan` (owned by
 *   the unknown `group:ghost`), `tool` (owned by the user `carol`).
 *
 * Edges: web → cart, web → payments (API), cart → db, cart → payments (API), payments → db,
 * legacy → payments, orphan → web.
 */
export function organizationCatalog(): CatalogEntityLike[] {
  return new TestCatalog()
    .add('group:org', { spec: { type: 'organization' } })
    .add('group:payments', { parent: 'org', spec: { type: 'team' } })
    .add('group:checkout-team', { parent: 'payments', title: 'Checkout' })
    .add('group:platform', { parent: 'org' })
    .add('group:empty', { parent: 'platform' })
    .add('user:alice', {
      spec: { profile: { displayName: 'Alice', email: 'alice@example.com' } },
    })
    .relate('user:default/alice', 'memberOf', 'group:default/checkout-team')
    .add('user:bob')
    .relate('user:default/bob', 'memberOf', 'group:default/payments')
    .add('user:carol', { title: 'Carol' })
    .relate('user:default/carol', 'memberOf', 'group:default/platform')
    .add('domain:commerce', { owner: 'payments' })
    .add('system:shop', { owner: 'checkout-team', domain: 'commerce' })
    .add('system:infra', { owner: 'platform' })
    .add('api:payments-api', { owner: 'payments' })
    .add('web', {
      owner: 'checkout-team',
      system: 'shop',
      dependsOn: ['cart'],
      consumesApis: ['payments-api'],
    })
    .add('cart', {
      owner: 'checkout-team',
      system: 'shop',
      dependsOn: ['resource:db'],
      consumesApis: ['payments-api'],
    })
    .add('payments', {
      owner: 'payments',
      system: 'shop',
      providesApis: ['payments-api'],
      dependsOn: ['resource:db'],
    })
    .add('resource:db', { owner: 'platform', system: 'infra' })
    .add('legacy', { dependsOn: ['payments'] })
    .add('orphan', { owner: 'group:ghost', dependsOn: ['web'] })
    .add('tool', { owner: 'user:carol' })
    .build();
}

/** A catalog of Components with only the given `dependsOn` edges (`a>b` means a depends on b). */
export function componentsCatalog(...edges: string[]): CatalogEntityLike[] {
  const catalog = new TestCatalog().add('group:team');
  const names = new Set<string>();
  for (const edge of edges) {
    for (const name of edge.split('>')) {
      names.add(name);
    }
  }
  for (const name of names) {
    catalog.add(name, { owner: 'team' });
  }
  for (const edge of edges) {
    const [from, to] = edge.split('>');
    if (to !== undefined) {
      catalog.relate(`component:default/${from}`, 'dependsOn', `component:default/${to}`);
    }
  }
  return catalog.build();
}
