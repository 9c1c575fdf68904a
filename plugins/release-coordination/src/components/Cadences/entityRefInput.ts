import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { errorMessage } from '../shared';

/**
 * A typed entity ref of one kind, in full and lowercase as the backend keeps refs: a bare name
 * is of that kind in the default namespace. `invalid` is what the parser said when it is no
 * ref at all; `otherKind` the ref in full when it names an entity of another kind.
 */
export type ParsedRefInput =
  { ref: string } | { invalid: string } | { otherKind: string };

export function parseRefInput(
  typed: string,
  kind: 'group' | 'user',
): ParsedRefInput {
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(typed.trim(), {
        defaultKind: kind,
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch (e) {
    return { invalid: errorMessage(e) };
  }
  return ref.startsWith(`${kind}:`) ? { ref } : { otherKind: ref };
}
