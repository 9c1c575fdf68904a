/**
 * Deterministic synthetic organisations for the dependency benchmarks.
 *
 * The same seed and size always give the same catalog, so figures of different runs (and of
 * the in-memory and the real-catalog benchmarks) describe the same data. The shape follows what
 * a large Backstage catalog looks like:
 *
 * - one organisation Group, departments under it and teams under those (~1 Group per 40
 *   entities), ~5 Users per team;
 * - one Domain per department; Systems owned by teams (~1 per 15 Components), each part of the
 *   owning team's department's Domain;
 * - Components (~63%: services, websites, libraries), APIs (~15%) and Resources (~5%), all part
 *   of a System and owned by its team;
 * - dependencies: most within the component's own System, a good share across teams, the
 *   latter drawn from a power law (Zipf) so that a few platform APIs and libraries carry a large
 *   fan-in, plus explicit hubs (`auth-api`, `events-api`) consumed by a large share;
 * - a few anomalies real catalogs have: dependencies on decommissioned components, owners that
 *   no longer exist, small dependency cycles and APIs without a provider.
 *
 * Entities carry both their `spec` (what a real catalog ingests; it recomputes relations from
 * it) and `relations` on both sides exactly as the catalog's built-in processor emits them, so
 * they serve the in-memory benchmarks and the real-catalog benchmark alike.
 */
import type { Entity, EntityRelation } from '@backstage/catalog-model';

/** The seed used when none is given. */
export const DEFAULT_SEED = 20240611;

const NAMESPACE = 'default';

/** How many entities of each kind an organisation of `size` entities has. */
export interface OrganizationShape {
  groups: number;
  departments: number;
  teams: number;
  users: number;
  domains: number;
  systems: number;
  components: number;
  apis: number;
  resources: number;
}

export function organizationShape(size: number): OrganizationShape {
  if (!Number.isInteger(size) || size < 200) {
    throw new Error(`size must be an integer of at least 200, got ${size}`);
  }
  const groups = Math.max(4, Math.round(size / 40));
  // One department per ~8 teams; the organisation itself is a Group too.
  const departments = Math.max(1, Math.round((groups - 1) / 9));
  const teams = groups - 1 - departments;
  const users = teams * 5;
  const domains = departments;
  // Components, APIs and Resources in the ratio 65:15:5, one System per 15 Components.
  const rest = size - groups - users - domains;
  const perComponent = 1 + 15 / 65 + 5 / 65 + 1 / 15;
  let components = Math.round(rest / perComponent);
  const apis = Math.round((components * 15) / 65);
  const resources = Math.round((components * 5) / 65);
  const systems = Math.max(1, Math.round(components / 15));
  // Whatever rounding left over goes to Components so that the total is exactly `size`.
  components = rest - apis - resources - systems;
  return { groups, departments, teams, users, domains, systems, components, apis, resources };
}

/** A small, fast, seeded PRNG (mulberry32): enough statistical quality for synthetic data. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (maxExclusive: number) => Math.floor(next() * maxExclusive),
    chance: (probability: number) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    /** A count with the given mean, spread like a Poisson distribution (Knuth). */
    poisson: (mean: number) => {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
  };
}
type Random = ReturnType<typeof createRandom>;

/**
 * Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent: rank 0 is the
 * most popular target. The cumulative table makes each draw a binary search.
 */
function createZipf(n: number, exponent: number) {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / Math.pow(rank + 1, exponent);
    cumulative[rank] = total;
  }
  return (random: Random) => {
    const target = random.next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

const WORDS = [
  'checkout', 'payments', 'ledger', 'billing', 'pricing', 'catalog', 'search', 'inventory',
  'orders', 'shipping', 'returns', 'loyalty', 'promotions', 'reviews', 'identity', 'profile',
  'notifications', 'messaging', 'analytics', 'reporting', 'fraud', 'risk', 'tax', 'invoices',
  'warehouse', 'fulfilment', 'recommendations', 'media', 'content', 'pricing', 'partners',
  'onboarding', 'support', 'subscriptions', 'wallet', 'ads', 'maps', 'routing', 'scheduling',
];
const ROLES = ['service', 'worker', 'gateway', 'ui', 'engine', 'store', 'sync', 'portal', 'core'];
const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dev', 'Eva', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jun'];
const LAST_NAMES = ['Ng', 'Okafor', 'Silva', 'Kowalski', 'Haddad', 'Tanaka', 'Moreau', 'Berg'];

/**
 * Hub Components of the platform System, with the APIs they provide and what they themselves
 * depend on (so that walks upstream of a hub find something). Listed in dependency order: a
 * hub only depends on hubs before it, which keeps the platform free of cycles.
 */
const HUB_COMPONENTS: Array<{
  name: string;
  type: string;
  apis: string[];
  consumesApis: string[];
  dependsOn: string[];
}> = [
  { name: 'observability-sdk', type: 'library', apis: [], consumesApis: [], dependsOn: [] },
  { name: 'design-system', type: 'library', apis: [], consumesApis: [], dependsOn: [] },
  {
    name: 'feature-flags',
    type: 'service',
    apis: ['feature-flags-api'],
    consumesApis: [],
    dependsOn: ['observability-sdk'],
  },
  {
    name: 'event-bus',
    type: 'service',
    apis: ['events-api'],
    consumesApis: ['feature-flags-api'],
    dependsOn: ['observability-sdk'],
  },
  {
    name: 'auth-service',
    type: 'service',
    apis: ['auth-api'],
    consumesApis: ['feature-flags-api', 'events-api'],
    dependsOn: ['observability-sdk'],
  },
  {
    name: 'api-gateway',
    type: 'service',
    apis: ['gateway-api'],
    consumesApis: ['auth-api', 'feature-flags-api'],
    dependsOn: ['observability-sdk'],
  },
];

/** Chances that a service or website consumes the hub APIs (beyond the power-law draws). */
const AUTH_API_SHARE = 0.35;
const EVENTS_API_SHARE = 0.15;
/** Mean number of dependencies within the component's own System. */
const MEAN_LOCAL_DEPENDENCIES = 1.7;
/** Mean number of power-law dependencies on other Systems (mostly other teams'). */
const MEAN_REMOTE_DEPENDENCIES = 1.1;

interface ComponentDraft {
  name: string;
  type: string;
  lifecycle: string;
  owner: string;
  system: number;
  title?: string;
  providesApis: string[];
  consumesApis: Set<string>;
  dependsOn: Set<string>;
}

interface ApiDraft {
  name: string;
  type: string;
  system: number;
  /** Index of the providing component; -1 for an API nobody provides (an anomaly). */
  provider: number;
}

const ref = (kind: string, name: string) => `${kind}:${NAMESPACE}/${name}`;
const pad = (n: number, width = 5) => String(n).padStart(width, '0');

/**
 * Generates an organisation of exactly `size` entities (at least 200). Deterministic for a
 * given `size` and `seed`.
 */
export function generateOrganization(size: number, seed: number = DEFAULT_SEED): Entity[] {
  const shape = organizationShape(size);
  const random = createRandom(seed ^ size);

  // --- Groups: the organisation, departments, teams (team 0 is the platform team).
  const orgName = 'acme';
  const departments = Array.from({ length: shape.departments }, (_, i) =>
    i === 0 ? 'dept-platform' : `dept-${WORDS[i % WORDS.length]}-${pad(i, 3)}`,
  );
  const teams = Array.from({ length: shape.teams }, (_, i) =>
    i === 0 ? 'team-platform' : `team-${WORDS[(i * 7) % WORDS.length]}-${pad(i, 4)}`,
  );
  // Teams are dealt to departments round-robin so that departments have similar sizes.
  const teamDepartment = teams.map((_, i) => i % shape.departments);
  const domains = departments.map(d => `domain-${d.slice('dept-'.length)}`);

  // --- Systems: dealt to teams round-robin; system 0 is the platform system of team 0.
  const systems = Array.from({ length: shape.systems }, (_, i) =>
    i === 0 ? 'platform' : `${WORDS[(i * 13) % WORDS.length]}-system-${pad(i, 4)}`,
  );
  const systemTeam = systems.map((_, i) => i % shape.teams);

  // --- Components: hubs first in the platform system, then spread evenly over all systems.
  const components: ComponentDraft[] = [];
  const systemComponents: number[][] = systems.map(() => []);
  const lifecycles = ['production', 'production', 'production', 'experimental', 'deprecated'];
  const addComponent = (name: string, type: string, system: number) => {
    const index = components.length;
    components.push({
      name,
      type,
      lifecycle: system === 0 ? 'production' : random.pick(lifecycles),
      owner: ref('group', teams[systemTeam[system]]),
      system,
      title: random.chance(0.5) ? titleCase(name) : undefined,
      providesApis: [],
      consumesApis: new Set(),
      dependsOn: new Set(),
    });
    systemComponents[system].push(index);
    return index;
  };
  for (const hub of HUB_COMPONENTS) {
    const index = addComponent(hub.name, hub.type, 0);
    for (const api of hub.consumesApis) components[index].consumesApis.add(ref('api', api));
    for (const name of hub.dependsOn) components[index].dependsOn.add(ref('component', name));
  }
  const hubIndex = (name: string) => HUB_COMPONENTS.findIndex(hub => hub.name === name);
  const regularComponents = shape.components - HUB_COMPONENTS.length;
  for (let i = 0; i < regularComponents; i++) {
    const system = Math.floor((i * shape.systems) / regularComponents);
    const roll = random.next();
    const type = roll < 0.55 ? 'service' : roll < 0.7 ? 'website' : 'library';
    const word = WORDS[random.int(WORDS.length)];
    const role = type === 'library' ? 'lib' : type === 'website' ? 'web' : random.pick(ROLES);
    addComponent(`${word}-${role}-${pad(i)}`, type, system);
  }

  // --- APIs: the hubs' first, then spread over systems, each provided by a non-library
  // component of its system. Roughly one API in 200 has no provider (an anomaly).
  const apis: ApiDraft[] = [];
  const systemApis: number[][] = systems.map(() => []);
  const apiTypes = ['openapi', 'openapi', 'openapi', 'grpc', 'asyncapi'];
  const addApi = (name: string, type: string, system: number, provider: number) => {
    apis.push({ name, type, system, provider });
    systemApis[system].push(apis.length - 1);
    if (provider >= 0) components[provider].providesApis.push(name);
  };
  HUB_COMPONENTS.forEach((hub, index) => {
    for (const api of hub.apis) addApi(api, 'openapi', 0, index);
  });
  const regularApis = shape.apis - apis.length;
  for (let i = 0; i < regularApis; i++) {
    const system = Math.floor((i * shape.systems) / regularApis);
    const candidates = systemComponents[system].filter(c => components[c].type !== 'library');
    const pool = candidates.length > 0 ? candidates : systemComponents[system];
    const provider = i % 199 === 150 || pool.length === 0 ? -1 : random.pick(pool);
    const base = provider >= 0 ? components[provider].name.replace(/-\d+$/, '') : 'orphan';
    addApi(`${base}-api-${pad(i)}`, random.pick(apiTypes), system, provider);
  }

  // --- Resources: databases, queues and buckets of each system.
  const resources: Array<{ name: string; type: string; system: number }> = [];
  const systemResources: number[][] = systems.map(() => []);
  const resourceTypes = ['database', 'database', 'queue', 's3-bucket'];
  for (let i = 0; i < shape.resources; i++) {
    const system = Math.floor((i * shape.systems) / shape.resources);
    const type = random.pick(resourceTypes);
    const name = `${systems[system].replace(/-\d+$/, '')}-${type}-${pad(i)}`;
    resources.push({ name, type, system });
    systemResources[system].push(i);
  }

  // --- Dependencies. Within a system a component only depends on components listed before
  // it, and across systems only on earlier systems: the graph is a DAG apart from the cycles
  // added on purpose below, as in real organisations where layering mostly holds.
  const apiRank = createZipf(apis.length, 1);
  const libraries = components
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.type === 'library')
    .map(({ index }) => index);
  const libraryRank = createZipf(libraries.length, 1);
  const componentRef = (index: number) => ref('component', components[index].name);

  components.forEach((component, index) => {
    const { system } = component;
    const siblings = systemComponents[system];
    const position = siblings.indexOf(index);
    const isLibrary = component.type === 'library';

    const localCount = random.poisson(MEAN_LOCAL_DEPENDENCIES);
    for (let k = 0; k < localCount; k++) {
      const resourcePool = systemResources[system];
      if (!isLibrary && resourcePool.length > 0 && random.chance(0.3)) {
        component.dependsOn.add(ref('resource', resources[random.pick(resourcePool)].name));
        continue;
      }
      if (position <= 0) continue;
      const target = siblings[random.int(position)];
      const targetApis = components[target].providesApis;
      if (!isLibrary && targetApis.length > 0 && random.chance(0.6)) {
        component.consumesApis.add(ref('api', random.pick(targetApis)));
      } else {
        component.dependsOn.add(componentRef(target));
      }
    }

    if (system === 0) return; // the platform depends on nothing outside itself
    const remoteCount = random.poisson(MEAN_REMOTE_DEPENDENCIES);
    for (let k = 0; k < remoteCount; k++) {
      // A few redraws keep the layering: targets must live in an earlier system.
      for (let attempt = 0; attempt < 4; attempt++) {
        // Libraries declare `dependsOn` on other libraries; the rest mostly consume APIs.
        if (!isLibrary && random.chance(0.7)) {
          const api = apis[apiRank(random)];
          if (api.system >= system || api.provider === index) continue;
          component.consumesApis.add(ref('api', api.name));
        } else {
          const target = libraries[libraryRank(random)];
          if (components[target].system >= system) continue;
          component.dependsOn.add(componentRef(target));
        }
        break;
      }
    }
    if (!isLibrary && random.chance(AUTH_API_SHARE)) {
      component.consumesApis.add(ref('api', 'auth-api'));
    }
    if (component.type === 'service' && random.chance(EVENTS_API_SHARE)) {
      component.consumesApis.add(ref('api', 'events-api'));
    }
    if (random.chance(0.15)) component.dependsOn.add(componentRef(hubIndex('observability-sdk')));
    if (component.type === 'website' && random.chance(0.6)) {
      component.dependsOn.add(componentRef(hubIndex('design-system')));
    }
  });

  // --- Anomalies, at fixed strides so that every size has a few.
  components.forEach((component, index) => {
    if (component.system === 0) return;
    if (index % 997 === 500) {
      component.dependsOn.add(ref('component', `decommissioned-${pad(index)}`));
    }
    if (index % 2003 === 1000) {
      component.owner = ref('group', `former-team-${pad(index)}`);
    }
    // A two-member cycle with the previous component of the same system.
    const siblings = systemComponents[component.system];
    const position = siblings.indexOf(index);
    if (index % 1499 === 700 && position > 0) {
      const previous = siblings[position - 1];
      component.dependsOn.add(componentRef(previous));
      components[previous].dependsOn.add(componentRef(index));
    }
  });

  // --- Assemble entities with their relations, both sides, as the catalog emits them.
  const entities: Entity[] = [];
  const relationsByRef = new Map<string, EntityRelation[]>();
  const add = (entity: Entity) => {
    const entityRef = ref(entity.kind.toLocaleLowerCase('en-US'), entity.metadata.name);
    const relations: EntityRelation[] = [];
    relationsByRef.set(entityRef, relations);
    entity.relations = relations;
    entities.push(entity);
  };
  const relate = (source: string, type: string, target: string, inverseType: string) => {
    // Relations to entities that do not exist stay on the existing side only, like the
    // catalog, which stitches relations onto entities it has.
    relationsByRef.get(source)?.push({ type, targetRef: target });
    relationsByRef.get(target)?.push({ type: inverseType, targetRef: source });
  };
  const entity = (kind: string, name: string, spec: Entity['spec'], title?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: NAMESPACE, ...(title ? { title } : {}) },
    spec,
  });

  const orgRef = ref('group', orgName);
  const departmentRefs = departments.map(d => ref('group', d));
  const teamRefs = teams.map(t => ref('group', t));
  add(
    entity('Group', orgName, {
      type: 'organization',
      profile: { displayName: 'ACME Corp', email: 'everyone@acme.example' },
      children: departmentRefs,
    }, 'ACME Corp'),
  );
  departments.forEach((name, d) => {
    add(
      entity('Group', name, {
        type: 'department',
        profile: { displayName: titleCase(name), email: `${name}@acme.example` },
        parent: orgRef,
        children: teamRefs.filter((_, t) => teamDepartment[t] === d),
      }, titleCase(name)),
    );
  });
  teams.forEach((name, t) => {
    add(
      entity('Group', name, {
        type: 'team',
        profile: { displayName: titleCase(name), email: `${name}@acme.example` },
        parent: departmentRefs[teamDepartment[t]],
        children: [],
      }, titleCase(name)),
    );
  });
  for (let u = 0; u < shape.users; u++) {
    const name = `user-${pad(u, 6)}`;
    const displayName = `${FIRST_NAMES[u % FIRST_NAMES.length]} ${
      LAST_NAMES[Math.floor(u / FIRST_NAMES.length) % LAST_NAMES.length]
    }`;
    add(
      entity('User', name, {
        profile: { displayName, email: `${name}@acme.example` },
        memberOf: [teamRefs[Math.floor(u / 5)]],
      }),
    );
  }
  domains.forEach((name, d) => {
    add(entity('Domain', name, { owner: departmentRefs[d] }, titleCase(name)));
  });
  systems.forEach((name, s) => {
    const team = systemTeam[s];
    add(
      entity('System', name, {
        owner: teamRefs[team],
        domain: ref('domain', domains[teamDepartment[team]]),
      }, titleCase(name)),
    );
  });
  for (const c of components) {
    add(
      entity('Component', c.name, {
        type: c.type,
        lifecycle: c.lifecycle,
        owner: c.owner,
        system: ref('system', systems[c.system]),
        ...(c.providesApis.length ? { providesApis: c.providesApis.map(a => ref('api', a)) } : {}),
        ...(c.consumesApis.size ? { consumesApis: [...c.consumesApis] } : {}),
        ...(c.dependsOn.size ? { dependsOn: [...c.dependsOn] } : {}),
      }, c.title),
    );
  }
  for (const a of apis) {
    add(
      entity('API', a.name, {
        type: a.type,
        lifecycle: 'production',
        owner: teamRefs[systemTeam[a.system]],
        system: ref('system', systems[a.system]),
        definition: `openapi: 3.0.0\ninfo: { title: ${a.name}, version: 1.0.0 }\npaths: {}\n`,
      }),
    );
  }
  for (const r of resources) {
    add(
      entity('Resource', r.name, {
        type: r.type,
        owner: teamRefs[systemTeam[r.system]],
        system: ref('system', systems[r.system]),
      }),
    );
  }

  // Relations, derived from the specs above the way the catalog's built-in processor does.
  for (const e of entities) {
    const source = ref(e.kind.toLocaleLowerCase('en-US'), e.metadata.name);
    const spec = (e.spec ?? {}) as Record<string, any>;
    if (typeof spec.owner === 'string') relate(source, 'ownedBy', spec.owner, 'ownerOf');
    if (typeof spec.system === 'string') relate(source, 'partOf', spec.system, 'hasPart');
    if (typeof spec.domain === 'string') relate(source, 'partOf', spec.domain, 'hasPart');
    if (typeof spec.parent === 'string') relate(source, 'childOf', spec.parent, 'parentOf');
    for (const team of spec.memberOf ?? []) relate(source, 'memberOf', team, 'hasMember');
    for (const api of spec.providesApis ?? []) relate(source, 'providesApi', api, 'apiProvidedBy');
    for (const api of spec.consumesApis ?? []) relate(source, 'consumesApi', api, 'apiConsumedBy');
    for (const target of spec.dependsOn ?? []) {
      relate(source, 'dependsOn', target, 'dependencyOf');
    }
    // `children` repeats what the children's `parent` says; the catalog deduplicates it.
  }
  return entities;
}

function titleCase(name: string) {
  return name
    .split('-')
    .filter(part => !/^\d+$/.test(part))
    .map(part => part.charAt(0).toLocaleUpperCase('en-US') + part.slice(1))
    .join(' ');
}

/** Counts of a generated organisation, for printing next to the figures. */
export interface OrganizationStats {
  entities: number;
  byKind: Record<string, number>;
  /** Entries of all `relations` arrays: each relation is stored on both sides. */
  relationEntries: number;
}

export function organizationStats(entities: readonly Entity[]): OrganizationStats {
  const byKind: Record<string, number> = {};
  let relationEntries = 0;
  for (const e of entities) {
    byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    relationEntries += e.relations?.length ?? 0;
  }
  return { entities: entities.length, byKind, relationEntries };
}

/**
 * For each Component or Resource, how many distinct entities depend on it directly, through
 * `dependsOn` or by consuming an API it provides: the fan-in the dependency graph will show.
 */
export function directDependents(entities: readonly Entity[]): Map<string, number> {
  const providers = new Map<string, string[]>();
  for (const e of entities) {
    if (e.kind !== 'API') continue;
    const apiRef = ref('api', e.metadata.name);
    providers.set(
      apiRef,
      (e.relations ?? []).filter(r => r.type === 'apiProvidedBy').map(r => r.targetRef),
    );
  }
  const dependents = new Map<string, Set<string>>();
  const note = (target: string, source: string) => {
    if (target === source) return;
    let set = dependents.get(target);
    if (!set) dependents.set(target, (set = new Set()));
    set.add(source);
  };
  for (const e of entities) {
    if (e.kind !== 'Component' && e.kind !== 'Resource') continue;
    const source = ref(e.kind.toLocaleLowerCase('en-US'), e.metadata.name);
    for (const r of e.relations ?? []) {
      if (r.type === 'dependsOn') note(r.targetRef, source);
      if (r.type === 'consumesApi') {
        for (const provider of providers.get(r.targetRef) ?? []) note(provider, source);
      }
    }
  }
  return new Map([...dependents].map(([target, set]) => [target, set.size]));
}

const hubCache = new Map<string, string>();

/**
 * The ref of the Component with the most direct dependents in the organisation of `size`
 * entities: the worst case for "what breaks if this breaks" questions.
 */
export function hubRef(size: number, seed: number = DEFAULT_SEED): string {
  const key = `${size}:${seed}`;
  const cached = hubCache.get(key);
  if (cached) return cached;
  let best = '';
  let bestCount = -1;
  for (const [target, count] of directDependents(generateOrganization(size, seed))) {
    if (target.startsWith('component:') && count > bestCount) {
      best = target;
      bestCount = count;
    }
  }
  hubCache.set(key, best);
  return best;
}
