import { deriveDependencyGraph } from './derive';
import { generateCatalog, TestCatalog } from './testEntities';
import { CatalogEntityLike, DependencyGraph } from './types';

const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';
const D = 'component:default/d';
const X = 'api:default/x';
const Y = 'api:default/y';

function edgePairs(graph: DependencyGraph) {
  return graph.edges.map(edge => `${edge.from} -> ${edge.to}`);
}

describe('deriveDependencyGraph', () => {
  it('derives nodes and dependsOn edges of a diamond, sorted', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('group:team-a')
        .add('d', { owner: 'team-a' })
        .add('c', { owner: 'team-a', dependsOn: ['d'] })
        .add('b', { owner: 'team-a', dependsOn: ['d'] })
        .add('a', { owner: 'team-a', dependsOn: ['c', 'b'] })
        .build(),
    );
    expect(graph.nodes.map(node => node.ref)).toEqual([A, B, C, D]);
    expect(edgePairs(graph)).toEqual([
      `${A} -> ${B}`,
      `${A} -> ${C}`,
      `${B} -> ${D}`,
      `${C} -> ${D}`,
    ]);
    expect(graph.edges[0]).toEqual({ from: A, to: B, dependsOn: true, apis: [] });
    expect(graph.problems).toEqual([]);
  });

  it('reads node fields, systems and domains', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('group:team-a')
        .add('domain:commerce', { owner: 'team-a', title: 'Commerce' })
        .add('domain:platform', { owner: 'team-a' })
        .add('system:checkout', { owner: 'team-a', domain: 'commerce' })
        .add('a', {
          owner: 'team-a',
          system: 'checkout',
          title: 'Service A',
          spec: { type: 'service', lifecycle: 'production' },
        })
        .add('resource:db', { owner: 'team-a', domain: 'platform', spec: { type: 42 } })
        .build(),
    );
    expect(graph.nodes).toEqual([
      {
        ref: A,
        kind: 'Component',
        title: 'Service A',
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/team-a',
        system: 'system:default/checkout',
        domain: 'domain:default/commerce',
      },
      {
        ref: 'resource:default/db',
        kind: 'Resource',
        owner: 'group:default/team-a',
        domain: 'domain:default/platform',
      },
    ]);
    expect(graph.scopes).toEqual([
      {
        ref: 'domain:default/commerce',
        kind: 'Domain',
        title: 'Commerce',
        owner: 'group:default/team-a',
      },
      { ref: 'domain:default/platform', kind: 'Domain', owner: 'group:default/team-a' },
      {
        ref: 'system:default/checkout',
        kind: 'System',
        owner: 'group:default/team-a',
        domain: 'domain:default/commerce',
      },
    ]);
  });

  it('merges API edges and dependsOn into one edge per pair, with sorted APIs', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('user:u')
        .add('api:y')
        .add('api:x')
        .add('b', { owner: 'user:u', providesApis: ['y', 'x'] })
        .add('c', { owner: 'user:u', providesApis: ['x'] })
        .add('a', { owner: 'user:u', consumesApis: ['x', 'y'], dependsOn: ['b'] })
        .build(),
    );
    expect(graph.edges).toEqual([
      { from: A, to: B, dependsOn: true, apis: [X, Y] },
      { from: A, to: C, dependsOn: false, apis: [X] },
    ]);
    expect(graph.problems).toEqual([]);
  });

  it('does not duplicate edges or problems for duplicated relations', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('group:team')
        .add('api:x')
        .add('b', { owner: 'team', providesApis: ['x', 'x'] })
        .add('a', {
          owner: 'team',
          dependsOn: ['b', 'b', 'ghost', 'ghost'],
          consumesApis: ['x', 'x'],
        })
        .build(),
    );
    expect(graph.edges).toEqual([{ from: A, to: B, dependsOn: true, apis: [X] }]);
    expect(graph.problems).toEqual([
      {
        type: 'unknown-ref',
        entityRef: A,
        relation: 'dependsOn',
        targetRef: 'component:default/ghost',
      },
    ]);
  });

  it('reads every relation from either side when the catalog wrote only one', () => {
    const catalog = new TestCatalog()
      .add('group:parent')
      .add('group:team')
      .add('user:alice')
      .add('user:bob')
      .add('domain:commerce')
      .add('system:checkout')
      .add('api:x')
      .add('api:y')
      .add('a')
      .add('b')
      .add('c')
      .add('d');
    const oneSided = { oneSided: true };
    // Written on the "other" side only.
    catalog
      .relate('group:default/team', 'ownerOf', A, oneSided)
      .relate('system:default/checkout', 'hasPart', A, oneSided)
      .relate('domain:default/commerce', 'hasPart', 'system:default/checkout', oneSided)
      .relate('group:default/team', 'ownerOf', 'domain:default/commerce', oneSided)
      .relate(D, 'dependencyOf', A, oneSided)
      .relate(X, 'apiConsumedBy', A, oneSided)
      .relate(X, 'apiProvidedBy', B, oneSided)
      .relate('group:default/parent', 'parentOf', 'group:default/team', oneSided)
      .relate('user:default/bob', 'memberOf', 'group:default/team', oneSided)
      // Written on the usual side only.
      .relate(A, 'consumesApi', Y, oneSided)
      .relate(Y, 'apiProvidedBy', C, oneSided)
      .relate('group:default/team', 'hasMember', 'user:default/alice', oneSided);
    const graph = deriveDependencyGraph(catalog.build());

    expect(edgePairs(graph)).toEqual([`${A} -> ${B}`, `${A} -> ${C}`, `${A} -> ${D}`]);
    expect(graph.edges[2].dependsOn).toBe(true);
    expect(graph.nodes[0]).toMatchObject({
      owner: 'group:default/team',
      system: 'system:default/checkout',
      domain: 'domain:default/commerce',
    });
    expect(graph.groups).toEqual([
      { ref: 'group:default/parent', members: [] },
      {
        ref: 'group:default/team',
        parent: 'group:default/parent',
        members: ['user:default/alice', 'user:default/bob'],
      },
    ]);
  });

  it('reports unknown refs and missing owners, keeping a named unknown owner', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('group:team')
        .add('system:checkout', { owner: 'team' })
        .add('a', {
          owner: 'group:ghost-team',
          system: 'system:ghost',
          dependsOn: ['ghost'],
          consumesApis: ['api:nowhere'],
          providesApis: ['api:elsewhere'],
        })
        .add('b')
        .add('c', { owner: 'component:b', system: 'checkout' })
        .build(),
    );
    expect(graph.nodes.map(node => node.owner)).toEqual([
      'group:default/ghost-team',
      undefined,
      B,
    ]);
    expect(graph.problems).toEqual([
      { type: 'missing-owner', entityRef: A, ownerRef: 'group:default/ghost-team' },
      { type: 'missing-owner', entityRef: B },
      { type: 'missing-owner', entityRef: C, ownerRef: B },
      {
        type: 'unknown-ref',
        entityRef: A,
        relation: 'consumesApi',
        targetRef: 'api:default/nowhere',
      },
      {
        type: 'unknown-ref',
        entityRef: A,
        relation: 'dependsOn',
        targetRef: 'component:default/ghost',
      },
      { type: 'unknown-ref', entityRef: A, relation: 'partOf', targetRef: 'system:default/ghost' },
      {
        type: 'unknown-ref',
        entityRef: A,
        relation: 'providesApi',
        targetRef: 'api:default/elsewhere',
      },
    ]);
  });

  it('reports self-references without edges, and APIs nobody provides', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('group:team')
        .add('api:x')
        .add('api:y')
        .add('a', {
          owner: 'team',
          dependsOn: ['a'],
          consumesApis: ['x', 'y'],
          providesApis: ['x'],
        })
        .build(),
    );
    expect(graph.edges).toEqual([]);
    expect(graph.problems).toEqual([
      { type: 'api-without-provider', entityRef: A, apiRef: Y },
      { type: 'self-reference', entityRef: A, relation: 'consumesApi' },
      { type: 'self-reference', entityRef: A, relation: 'dependsOn' },
    ]);
  });

  it('reports each cycle once with sorted members', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('group:team')
        .add('c', { owner: 'team', dependsOn: ['a'] })
        .add('b', { owner: 'team', dependsOn: ['c'] })
        .add('a', { owner: 'team', dependsOn: ['b', 'd'] })
        .add('e', { owner: 'team', dependsOn: ['d'] })
        .add('d', { owner: 'team', dependsOn: ['e', 'd'] })
        .build(),
    );
    expect(graph.problems).toEqual([
      { type: 'cycle', members: [A, B, C] },
      { type: 'cycle', members: [D, 'component:default/e'] },
      { type: 'self-reference', entityRef: D, relation: 'dependsOn' },
    ]);
  });

  it('normalises refs and kinds in any case', () => {
    const entities: CatalogEntityLike[] = [
      {
        kind: 'COMPONENT',
        metadata: { name: 'Checkout', namespace: 'Shop' },
        relations: [
          { type: 'dependsOn', targetRef: 'Resource:Shop/DB' },
          { type: 'ownedBy', targetRef: 'group:team' },
        ],
      },
      { kind: 'resource', metadata: { name: 'db', namespace: 'shop' } },
      { kind: 'group', metadata: { name: 'Team' } },
    ];
    const graph = deriveDependencyGraph(entities);
    expect(graph.edges).toEqual([
      { from: 'component:shop/checkout', to: 'resource:shop/db', dependsOn: true, apis: [] },
    ]);
    expect(graph.nodes[0]).toEqual({
      ref: 'component:shop/checkout',
      kind: 'COMPONENT',
      owner: 'group:default/team',
    });
    expect(graph.groups).toEqual([{ ref: 'group:default/team', members: [] }]);
  });

  it('reads groups and users', () => {
    const graph = deriveDependencyGraph(
      new TestCatalog()
        .add('group:org', { spec: { type: 'organization' } })
        .add('group:team', {
          parent: 'org',
          title: 'The Team',
          members: ['carol', 'alice'],
          spec: { type: 'team' },
        })
        .add('user:alice', { spec: { profile: { displayName: 'Alice', email: 'a@x.io' } } })
        .add('user:carol', { title: 'Carol' })
        .build(),
    );
    expect(graph.groups).toEqual([
      { ref: 'group:default/org', type: 'organization', members: [] },
      {
        ref: 'group:default/team',
        title: 'The Team',
        type: 'team',
        parent: 'group:default/org',
        members: ['user:default/alice', 'user:default/carol'],
      },
    ]);
    expect(graph.users).toEqual([
      { ref: 'user:default/alice', title: 'Alice', email: 'a@x.io' },
      { ref: 'user:default/carol', title: 'Carol' },
    ]);
  });

  it('gives the same graph whatever the order of the entities', () => {
    const entities = generateCatalog(2_000, 7).entities;
    const reversed = [...entities].reverse().map(entity => ({
      ...entity,
      relations: [...(entity.relations ?? [])].reverse(),
    }));
    expect(deriveDependencyGraph(reversed)).toEqual(deriveDependencyGraph(entities));
  });

  it('derives a 50,000-entity catalog', () => {
    const { entities, sizes } = generateCatalog(50_000);
    const relationCount = entities.reduce((sum, e) => sum + (e.relations?.length ?? 0), 0);
    expect(relationCount).toBeGreaterThan(400_000);

    const graph = deriveDependencyGraph(entities);
    expect(graph.nodes).toHaveLength(sizes.components + sizes.resources);
    expect(graph.scopes).toHaveLength(sizes.systems + sizes.domains + sizes.apis);
    expect(graph.groups).toHaveLength(sizes.groups);
    expect(graph.users).toHaveLength(sizes.users);
    // Each component but the first depends on a component, a resource and an API provider;
    // the first two and the provider may coincide.
    expect(graph.edges.length).toBeGreaterThan(2 * sizes.components);
    expect(graph.edges.length).toBeLessThanOrEqual(3 * sizes.components);
    expect(graph.problems).toEqual([]);
    expect(graph.nodes.every(node => node.owner && node.system && node.domain)).toBe(true);
  });
});
