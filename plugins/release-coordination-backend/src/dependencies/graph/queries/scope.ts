import { InputError } from '@backstage/errors';
import {
  entityRefKind,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../DependencyIndex';
import { DependencyScope } from '../types';

/**
 * Parses the `scope` parameter of organisation-wide questions: `organization`, or the ref of a
 * Domain, System or Group (`system:default/checkout`; the namespace may be left out).
 *
 * @throws InputError for anything else.
 * @public
 */
export function parseDependencyScope(value: string): DependencyScope {
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === 'organization') {
    return { type: 'organization' };
  }
  const invalid = () =>
    new InputError(
      `Invalid scope '${value}': use 'organization' or the ref of a Domain, System or Group`,
    );
  const colon = trimmed.indexOf(':');
  if (colon <= 0) {
    throw invalid();
  }
  const ref = normalizeEntityRef(trimmed);
  const kind = entityRefKind(ref);
  const slash = ref.indexOf('/');
  const namespace = ref.slice(kind.length + 1, slash);
  const name = ref.slice(slash + 1);
  if (!namespace || !name || /[:/\s]/.test(name) || /[:\s]/.test(namespace)) {
    throw invalid();
  }
  if (kind === 'domain' || kind === 'system' || kind === 'group') {
    return { type: kind, ref };
  }
  throw invalid();
}

/**
 * The refs of the nodes in a scope: all of them for `organization`; for a Domain, the nodes
 * in it; for a System, its nodes; for a Group, the nodes owned by it or any descendant group.
 * `undefined` when the Domain, System or Group is not in the graph.
 */
export function resolveScope(index: DependencyIndex, scope: DependencyScope): string[] | undefined {
  switch (scope.type) {
    case 'organization':
      return index.graph.nodes.map(node => node.ref);
    case 'domain':
      if (index.scopeEntity(scope.ref)?.kind !== 'Domain') {
        return undefined;
      }
      return [...index.nodesInDomain(scope.ref)];
    case 'system':
      if (index.scopeEntity(scope.ref)?.kind !== 'System') {
        return undefined;
      }
      return [...index.nodesInSystem(scope.ref)];
    case 'group': {
      if (!index.group(scope.ref)) {
        return undefined;
      }
      const refs: string[] = [];
      for (const group of index.groupAndDescendants(scope.ref)) {
        for (const ref of index.nodesOwnedBy(group)) {
          refs.push(ref);
        }
      }
      return refs.sort();
    }
    default:
      return undefined;
  }
}
