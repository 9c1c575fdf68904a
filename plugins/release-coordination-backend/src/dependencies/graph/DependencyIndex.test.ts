import { deriveDependencyGraph } from './derive';
import { DependencyIndex } from './DependencyIndex';
import { componentsCatalog, organizationCatalog } from './testEntities';
import { UNOWNED } from '@release-coordination/plugin-release-coordination-common';

const WEB = 'component:default/web';
const CART = 'component:default/cart';
const PAYMENTS = 'component:default/payments';
const DB = 'resource:default/db';

describe('DependencyIndex', () => {
  const index = new DependencyIndex(deriveDependencyGraph(organizationCatalog()));

  it('looks entities up by ref in any case', () => {
    expect(index.node('Component:Default/WEB')?.ref).toBe(WEB);
    expect(index.node('component:web')?.ref).toBe(WEB);
    expect(index.node('group:default/payments')).toBeUndefined();
    expect(index.group('payments')?.members).toEqual(['user:default/bob']);
    expect(index.group('Group:Default/Checkout-Team')?.title).toBe('Checkout');
    expect(index.user('alice')?.email).toBe('alice@example.com');
    expect(index.scopeEntity('system:shop')).toEqual({
      ref: 'system:default/shop',
      kind: 'System',
      owner: 'group:default/checkout-team',
      domain: 'domain:default/commerce',
    });
    expect(index.scopeEntity('component:default/web')).toBeUndefined();
  });

  it('lists outgoing and incoming edges', () => {
    expect(index.outgoing('component:default/WEB').map(edge => edge.to)).toEqual([CART, PAYMENTS]);
    expect(index.incoming(DB).map(edge => edge.from)).toEqual([CART, PAYMENTS]);
    expect(index.outgoing(DB)).toEqual([]);
    expect(index.incoming('component:default/nothing')).toEqual([]);
  });

  it('resolves owners, keeping an unknown owner ref', () => {
    expect(index.ownerOf(WEB)).toBe('group:default/checkout-team');
    expect(index.ownerOf('component:default/legacy')).toBe(UNOWNED);
    expect(index.ownerOf('component:default/orphan')).toBe('group:default/ghost');
    expect(index.ownerOf('system:default/infra')).toBe('group:default/platform');
    expect(index.ownerOf('component:default/unknown')).toBe(UNOWNED);
  });

  it('answers group, system and domain roll-ups', () => {
    expect(index.childGroups('group:default/org')).toEqual([
      'group:default/payments',
      'group:default/platform',
    ]);
    expect(index.childGroups('group:default/empty')).toEqual([]);
    expect(index.groupAndDescendants('group:default/payments')).toEqual([
      'group:default/payments',
      'group:default/checkout-team',
    ]);
    expect(index.ancestorGroups('group:default/checkout-team').map(group => group.ref)).toEqual([
      'group:default/payments',
      'group:default/org',
    ]);
    expect(index.nodesOwnedBy('group:default/checkout-team')).toEqual([CART, WEB]);
    expect(index.nodesOwnedBy('user:default/carol')).toEqual(['component:default/tool']);
    expect(index.nodesInSystem('system:default/shop')).toEqual([CART, PAYMENTS, WEB]);
    expect(index.nodesInDomain('domain:default/commerce')).toEqual([CART, PAYMENTS, WEB]);
    expect(index.systemsInDomain('domain:default/commerce')).toEqual(['system:default/shop']);
  });

  it('knows the cycles of the graph and of each node', () => {
    const cyclic = new DependencyIndex(
      deriveDependencyGraph(componentsCatalog('a>b', 'b>a', 'b>c')),
    );
    const cycle = ['component:default/a', 'component:default/b'];
    expect(cyclic.cycles).toEqual([cycle]);
    expect(cyclic.cyclesOf('component:default/B')).toEqual([cycle]);
    expect(cyclic.cyclesOf('component:default/c')).toEqual([]);
    expect(index.cycles).toEqual([]);
  });
});
