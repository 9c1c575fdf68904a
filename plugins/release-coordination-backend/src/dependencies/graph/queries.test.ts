import { InputError } from '@backstage/errors';
import { deriveDependencyGraph } from './derive';
import { DependencyIndex } from './DependencyIndex';
import {
  blastRadius,
  deploymentWaves,
  downstreamOf,
  edgesTouching,
  isCrossTeam,
  ownershipOf,
  parseDependencyScope,
  resolveScope,
  teamMatrix,
  upstreamOf,
} from './queries';
import { componentsCatalog, organizationCatalog, TestCatalog } from './testEntities';
import { UNOWNED } from '@release-coordination/plugin-release-coordination-common';
import { CatalogEntityLike } from './types';

const WEB = 'component:default/web';
const CART = 'component:default/cart';
const PAYMENTS = 'component:default/payments';
const LEGACY = 'component:default/legacy';
const ORPHAN = 'component:default/orphan';
const TOOL = 'component:default/tool';
const DB = 'resource:default/db';
const CHECKOUT_TEAM = 'group:default/checkout-team';
const PAYMENTS_TEAM = 'group:default/payments';
const PLATFORM = 'group:default/platform';
const GHOST = 'group:default/ghost';

const c = (name: string) => `component:default/${name}`;
const indexOf = (entities: CatalogEntityLike[]) =>
  new DependencyIndex(deriveDependencyGraph(entities));
const refs = (reached: Array<{ ref: string }>) => reached.map(entity => entity.ref);

const org = indexOf(organizationCatalog());
const diamond = indexOf(componentsCatalog('a>b', 'a>c', 'b>d', 'c>d'));

describe('parseDependencyScope', () => {
  it('accepts organization and Domain, System and Group refs', () => {
    expect(parseDependencyScope('organization')).toEqual({ type: 'organization' });
    expect(parseDependencyScope(' Organization ')).toEqual({ type: 'organization' });
    expect(parseDependencyScope('system:default/checkout')).toEqual({
      type: 'system',
      ref: 'system:default/checkout',
    });
    expect(parseDependencyScope('system:checkout')).toEqual({
      type: 'system',
      ref: 'system:default/checkout',
    });
    expect(parseDependencyScope('Domain:Shop/Commerce')).toEqual({
      type: 'domain',
      ref: 'domain:shop/commerce',
    });
    expect(parseDependencyScope('group:team-a')).toEqual({
      type: 'group',
      ref: 'group:default/team-a',
    });
  });

  it('rejects anything else with an InputError', () => {
    expect(() => parseDependencyScope('component:default/x')).toThrow(
      "Invalid scope 'component:default/x': use 'organization' or the ref of a Domain, " +
        'System or Group',
    );
    for (const value of ['', 'checkout', 'system:', 'system:default/', 'user:default/alice']) {
      expect(() => parseDependencyScope(value)).toThrow(InputError);
    }
  });
});

describe('resolveScope', () => {
  it('resolves organization, domain, system and group (with child groups)', () => {
    expect(resolveScope(org, { type: 'organization' })).toEqual([
      CART,
      LEGACY,
      ORPHAN,
      PAYMENTS,
      TOOL,
      WEB,
      DB,
    ]);
    expect(resolveScope(org, parseDependencyScope('domain:commerce'))).toEqual([
      CART,
      PAYMENTS,
      WEB,
    ]);
    expect(resolveScope(org, parseDependencyScope('system:infra'))).toEqual([DB]);
    expect(resolveScope(org, parseDependencyScope('group:payments'))).toEqual([
      CART,
      PAYMENTS,
      WEB,
    ]);
    expect(resolveScope(org, parseDependencyScope('group:org'))).toEqual([CART, PAYMENTS, WEB, DB]);
    expect(resolveScope(org, parseDependencyScope('group:empty'))).toEqual([]);
  });

  it('is undefined for an unknown scope entity', () => {
    expect(resolveScope(org, parseDependencyScope('system:nowhere'))).toBeUndefined();
    expect(resolveScope(org, parseDependencyScope('group:ghost'))).toBeUndefined();
    // The ref of a System given as a Domain.
    expect(resolveScope(org, { type: 'domain', ref: 'system:default/shop' })).toBeUndefined();
  });
});

describe('upstreamOf and downstreamOf', () => {
  it('reaches each entity once, at its shortest depth', () => {
    const upstream = upstreamOf(diamond, 'Component:Default/A');
    expect(refs(upstream)).toEqual([c('b'), c('c'), c('d')]);
    expect(upstream[2]).toEqual({
      ref: c('d'),
      owner: 'group:default/team',
      depth: 2,
      path: [c('b'), c('d')],
      via: { from: c('b'), to: c('d'), dependsOn: true, apis: [] },
    });
    const downstream = downstreamOf(diamond, c('d'));
    expect(downstream.map(entity => [entity.ref, entity.depth])).toEqual([
      [c('b'), 1],
      [c('c'), 1],
      [c('a'), 2],
    ]);
    expect(downstream[2].path).toEqual([c('b'), c('a')]);
  });

  it('stops at maxDepth', () => {
    expect(refs(upstreamOf(org, WEB, { maxDepth: 1 }))).toEqual([CART, PAYMENTS]);
    expect(refs(upstreamOf(org, WEB))).toEqual([CART, PAYMENTS, DB]);
    expect(upstreamOf(org, WEB, { maxDepth: 0 })).toEqual([]);
  });

  it('walks from several starts and never returns a start', () => {
    const reached = downstreamOf(org, [CART, PAYMENTS]);
    expect(reached.map(entity => [entity.ref, entity.depth, entity.owner])).toEqual([
      [LEGACY, 1, undefined],
      [WEB, 1, CHECKOUT_TEAM],
      [ORPHAN, 2, GHOST],
    ]);
    expect(reached[0]).not.toHaveProperty('owner');
    const cycle = indexOf(componentsCatalog('a>b', 'b>c', 'c>a'));
    expect(refs(upstreamOf(cycle, c('a')))).toEqual([c('b'), c('c')]);
    expect(upstreamOf(cycle, [c('a'), c('b'), c('c')])).toEqual([]);
  });
});

describe('edges, team matrix and cross-team edges', () => {
  it('finds the edges touching a set of nodes, in graph order', () => {
    expect(edgesTouching(org, [DB]).map(edge => edge.from)).toEqual([CART, PAYMENTS]);
    expect(edgesTouching(org, resolveScope(org, { type: 'organization' })!)).toEqual(
      org.graph.edges,
    );
    expect(edgesTouching(org, ['Component:Default/Orphan', ORPHAN])).toHaveLength(1);
    expect(edgesTouching(org, [TOOL])).toEqual([]);
  });

  it('counts edges from team to team', () => {
    expect(teamMatrix(org, org.graph.edges)).toEqual({
      teams: [CHECKOUT_TEAM, GHOST, PAYMENTS_TEAM, PLATFORM, UNOWNED],
      cells: [
        { fromTeam: CHECKOUT_TEAM, toTeam: CHECKOUT_TEAM, count: 1 },
        { fromTeam: CHECKOUT_TEAM, toTeam: PAYMENTS_TEAM, count: 2 },
        { fromTeam: CHECKOUT_TEAM, toTeam: PLATFORM, count: 1 },
        { fromTeam: GHOST, toTeam: CHECKOUT_TEAM, count: 1 },
        { fromTeam: PAYMENTS_TEAM, toTeam: PLATFORM, count: 1 },
        { fromTeam: UNOWNED, toTeam: PAYMENTS_TEAM, count: 1 },
      ],
    });
    expect(teamMatrix(org, [])).toEqual({ teams: [], cells: [] });
  });

  it('detects cross-team edges', () => {
    const [cartToPayments, cartToDb] = org.outgoing(CART);
    expect(isCrossTeam(org, cartToDb)).toBe(true);
    expect(isCrossTeam(org, cartToPayments)).toBe(true);
    expect(isCrossTeam(org, org.outgoing(WEB)[0])).toBe(false);
    expect(org.graph.edges.filter(edge => isCrossTeam(org, edge))).toHaveLength(6);
    const unowned = indexOf(new TestCatalog().add('a', { dependsOn: ['b'] }).add('b').build());
    expect(isCrossTeam(unowned, unowned.graph.edges[0])).toBe(false);
  });
});

describe('blastRadius', () => {
  it('groups everything that transitively depends on an entity by owner, largest first', () => {
    const groups = blastRadius(org, 'Resource:default/DB');
    expect(groups.map(group => [group.owner, refs(group.entities)])).toEqual([
      [CHECKOUT_TEAM, [CART, WEB]],
      [GHOST, [ORPHAN]],
      [PAYMENTS_TEAM, [PAYMENTS]],
      [UNOWNED, [LEGACY]],
    ]);
    expect(groups[1].entities[0].depth).toBe(3);
    expect(blastRadius(org, TOOL)).toEqual([]);
  });
});

describe('deploymentWaves', () => {
  it('ships providers before consumers', () => {
    expect(deploymentWaves(diamond, [c('a'), c('b'), c('c'), c('d')])).toEqual({
      waves: [
        { index: 0, members: [c('d')], cycle: false },
        { index: 1, members: [c('b'), c('c')], cycle: false },
        { index: 2, members: [c('a')], cycle: false },
      ],
      cycles: [],
      unknown: [],
    });
  });

  it('follows dependencies through entities that were not requested', () => {
    const index = indexOf(componentsCatalog('a>x', 'x>b', 'c'));
    expect(deploymentWaves(index, [c('a'), c('b'), c('c')]).waves).toEqual([
      { index: 0, members: [c('b'), c('c')], cycle: false },
      { index: 1, members: [c('a')], cycle: false },
    ]);
  });

  it('groups a cycle into one wave', () => {
    const index = indexOf(componentsCatalog('a>b', 'b>c', 'c>a', 'c>d', 'e>a', 'f'));
    expect(deploymentWaves(index, ['a', 'b', 'c', 'd', 'e', 'f'].map(c))).toEqual({
      waves: [
        { index: 0, members: [c('d'), c('f')], cycle: false },
        { index: 1, members: [c('a'), c('b'), c('c')], cycle: true },
        { index: 2, members: [c('e')], cycle: false },
      ],
      cycles: [[c('a'), c('b'), c('c')]],
      unknown: [],
    });
  });

  it('groups a cycle through an entity that was not requested', () => {
    const index = indexOf(componentsCatalog('a>x', 'x>b', 'b>a', 'b>d'));
    expect(deploymentWaves(index, [c('d'), c('b'), c('a')])).toEqual({
      waves: [
        { index: 0, members: [c('d')], cycle: false },
        { index: 1, members: [c('a'), c('b')], cycle: true },
      ],
      cycles: [[c('a'), c('b')]],
      unknown: [],
    });
  });

  it('puts the entities outside cycles first within a layer', () => {
    const index = indexOf(componentsCatalog('a>b', 'b>a', 'c'));
    expect(deploymentWaves(index, [c('a'), c('b'), c('c')]).waves).toEqual([
      { index: 0, members: [c('c')], cycle: false },
      { index: 1, members: [c('a'), c('b')], cycle: true },
    ]);
  });

  it('lists requested refs that are not nodes, and normalises the others', () => {
    const requested = ['Component:Default/B', 'component:b', 'component:nope', 'group:team'];
    expect(deploymentWaves(diamond, requested)).toEqual({
      waves: [{ index: 0, members: [c('b')], cycle: false }],
      cycles: [],
      unknown: ['component:default/nope', 'group:default/team'],
    });
    expect(deploymentWaves(diamond, [])).toEqual({ waves: [], cycles: [], unknown: [] });
  });
});

describe('ownershipOf', () => {
  it('describes the owner, members and escalation path of a component', () => {
    expect(ownershipOf(org, 'Component:Default/Web')).toEqual({
      entityRef: WEB,
      owner: CHECKOUT_TEAM,
      ownerGroup: org.group(CHECKOUT_TEAM),
      members: [{ ref: 'user:default/alice', title: 'Alice', email: 'alice@example.com' }],
      escalationPath: [org.group(PAYMENTS_TEAM), org.group('group:default/org')],
      owns: [],
      dependsOnTeams: [{ team: PAYMENTS_TEAM, count: 1 }],
      dependedOnByTeams: [{ team: GHOST, count: 1 }],
      warnings: [],
    });
  });

  it('rolls up the nodes of a System and a Domain', () => {
    const shop = ownershipOf(org, 'system:shop')!;
    expect(shop.owner).toBe(CHECKOUT_TEAM);
    expect(shop.dependsOnTeams).toEqual([
      { team: PAYMENTS_TEAM, count: 2 },
      { team: PLATFORM, count: 2 },
    ]);
    expect(shop.dependedOnByTeams).toEqual([
      { team: GHOST, count: 1 },
      { team: UNOWNED, count: 1 },
    ]);
    const commerce = ownershipOf(org, 'domain:commerce')!;
    expect(commerce.owner).toBe(PAYMENTS_TEAM);
    expect(commerce.escalationPath.map(group => group.ref)).toEqual(['group:default/org']);
    expect(commerce.dependsOnTeams).toEqual([
      { team: PLATFORM, count: 2 },
      { team: CHECKOUT_TEAM, count: 1 },
    ]);
  });

  it('describes an API: its owner, and the teams that consume it', () => {
    const api = ownershipOf(org, 'api:payments-api')!;
    expect(api.owner).toBe(PAYMENTS_TEAM);
    expect(api.escalationPath.map(group => group.ref)).toEqual(['group:default/org']);
    // web and cart of the checkout team consume it; its provider is the API's own team.
    expect(api.dependedOnByTeams).toEqual([{ team: CHECKOUT_TEAM, count: 2 }]);
    expect(api.dependsOnTeams).toEqual([]);
  });

  it('describes a group: its members, ancestors and what it owns', () => {
    expect(ownershipOf(org, 'group:payments')).toEqual({
      entityRef: PAYMENTS_TEAM,
      owner: PAYMENTS_TEAM,
      ownerGroup: org.group(PAYMENTS_TEAM),
      members: [{ ref: 'user:default/bob' }],
      escalationPath: [org.group('group:default/org')],
      owns: [PAYMENTS],
      dependsOnTeams: [{ team: PLATFORM, count: 1 }],
      dependedOnByTeams: [
        { team: CHECKOUT_TEAM, count: 2 },
        { team: UNOWNED, count: 1 },
      ],
      warnings: [],
    });
    expect(ownershipOf(org, 'group:empty')!.warnings).toEqual([
      'Group group:default/empty has no members',
    ]);
  });

  it('warns about missing and unknown owners', () => {
    const legacy = ownershipOf(org, LEGACY)!;
    expect(legacy.owner).toBeUndefined();
    expect(legacy.members).toEqual([]);
    expect(legacy.escalationPath).toEqual([]);
    expect(legacy.dependsOnTeams).toEqual([{ team: PAYMENTS_TEAM, count: 1 }]);
    expect(legacy.warnings).toEqual(['No owner is set in the catalog']);
    const orphan = ownershipOf(org, ORPHAN)!;
    expect(orphan.owner).toBe(GHOST);
    expect(orphan.ownerGroup).toBeUndefined();
    expect(orphan.warnings).toEqual(['Owner group:default/ghost is not in the catalog']);
  });

  it('warns when the escalation path leaves the catalog', () => {
    const index = indexOf(
      new TestCatalog()
        .add('group:team', { parent: 'group:gone', members: ['user:dan'] })
        .add('user:dan')
        .add('a', { owner: 'team' })
        .build(),
    );
    const info = ownershipOf(index, c('a'))!;
    expect(info.escalationPath).toEqual([]);
    expect(info.warnings).toEqual([
      'Parent group group:default/gone of group:default/team is not in the catalog',
    ]);
  });

  it('lists a user owner as the only member', () => {
    const tool = ownershipOf(org, TOOL)!;
    expect(tool.owner).toBe('user:default/carol');
    expect(tool.ownerGroup).toBeUndefined();
    expect(tool.members).toEqual([{ ref: 'user:default/carol', title: 'Carol' }]);
    expect(tool.warnings).toEqual([]);
  });

  it('describes a user as the owner of what it owns', () => {
    expect(ownershipOf(org, 'user:carol')).toMatchObject({
      entityRef: 'user:default/carol',
      owner: 'user:default/carol',
      members: [{ ref: 'user:default/carol', title: 'Carol' }],
      escalationPath: [],
      owns: [TOOL],
      warnings: [],
    });
  });

  it('is undefined for refs that are not in the graph', () => {
    expect(ownershipOf(org, 'component:default/nope')).toBeUndefined();
    expect(ownershipOf(org, 'user:default/nobody')).toBeUndefined();
  });
});
