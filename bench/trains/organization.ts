/**
 * The organisation the `trains` benchmark runs in: the generated catalog of
 * generateOrganization.ts plus one person, the bench user, who is a member of several teams, as
 * release managers and tech leads often are. Their approvals page then gathers the gates of
 * several owner Groups, which is the expensive case.
 *
 * The same dependency engine the plugin runs (deriveDependencyGraph, DependencyIndex) tells
 * owners, members and dependencies, so that the seeded trains name owners and approvers the
 * way the plugin itself would have resolved them from this catalog.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DependencyIndex,
  deriveDependencyGraph,
} from '../../plugins/release-coordination-backend/src/dependencies/graph';
import { generateOrganization } from '../generateOrganization';

/** The name of the User entity the reads are made as. */
export const BENCH_USER_NAME = 'bench-release-manager';
/** How many teams the bench user belongs to. */
const BENCH_USER_TEAMS = 4;

export interface BenchOrganization {
  /** What the catalog gets: the generated organisation and the bench user. */
  entities: Entity[];
  index: DependencyIndex;
  /** Teams that own Components and have members: the ones that run trains. */
  teams: string[];
  componentsOf: Map<string, string[]>;
  membersOf: Map<string, string[]>;
  /** What each Component depends on directly (other Components only). */
  upstreamOf: Map<string, string[]>;
  /** Components, most direct dependents first: the popular ones join most trains. */
  ranked: string[];
  benchUserRef: string;
  benchUserGroups: string[];
}

export function benchOrganization(size: number): BenchOrganization {
  const entities = generateOrganization(size);
  const teamEntities = entities.filter(
    e => e.kind === 'Group' && (e.spec as { type?: string }).type === 'team',
  );
  // The platform team (hubs everyone depends on) and the next teams: deterministic, and among
  // them the owners of the most popular Components.
  const benchGroups = teamEntities.slice(0, BENCH_USER_TEAMS);
  const benchUserRef = `user:default/${BENCH_USER_NAME}`;
  const groupRefs = benchGroups.map(g => `group:default/${g.metadata.name}`);
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: BENCH_USER_NAME, namespace: 'default' },
    spec: {
      profile: { displayName: 'Bench Release Manager', email: 'bench@acme.example' },
      memberOf: groupRefs,
    },
    // Both sides, as the catalog stitches them (generateOrganization does the same).
    relations: groupRefs.map(targetRef => ({ type: 'memberOf', targetRef })),
  });
  for (const group of benchGroups) {
    group.relations = [...(group.relations ?? []), { type: 'hasMember', targetRef: benchUserRef }];
  }

  const index = new DependencyIndex(deriveDependencyGraph(entities));
  const components = index.graph.nodes.filter(n => n.kind === 'Component');
  const componentsOf = new Map<string, string[]>();
  for (const node of components) {
    if (!node.owner) continue;
    componentsOf.set(node.owner, [...(componentsOf.get(node.owner) ?? []), node.ref]);
  }
  const membersOf = new Map(
    index.graph.groups.map(group => [group.ref, group.members] as [string, string[]]),
  );
  const isComponent = new Set(components.map(n => n.ref));
  const upstreamOf = new Map(
    components.map(n => [
      n.ref,
      [...new Set(index.outgoing(n.ref).map(e => e.to))].filter(ref => isComponent.has(ref)),
    ]),
  );
  const dependents = (ref: string) => index.incoming(ref).length;
  const ranked = components
    .map(n => n.ref)
    .sort((a, b) => dependents(b) - dependents(a) || a.localeCompare(b));
  const teams = index.graph.groups
    .filter(g => g.type === 'team' && componentsOf.has(g.ref) && g.members.length > 0)
    .map(g => g.ref);
  return {
    entities,
    index,
    teams,
    componentsOf,
    membersOf,
    upstreamOf,
    ranked,
    benchUserRef,
    benchUserGroups: groupRefs,
  };
}

/** The catalog's input: entities without relations, which the catalog computes from specs. */
export function catalogYaml(entities: Entity[]): string {
  // JSON is YAML: one document per entity, no YAML library needed.
  return entities
    .map(({ relations: _relations, ...entity }) => `---\n${JSON.stringify(entity)}\n`)
    .join('');
}
