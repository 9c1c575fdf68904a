import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses request input with a schema; on failure throws an `InputError` (400) that names every
 * offending field, so a caller can fix the request without reading our source.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => `${issue.path.length ? issue.path.join('.') : what}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${problems}`);
  }
  return result.data;
}

/** A full entity ref (`kind:namespace/name` or `kind:name`), normalised to lower case. */
export const entityRef = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(parseEntityRef(value)).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `'${value}' is not an entity ref; expected kind:namespace/name, e.g. component:default/checkout-api`,
      });
      return z.NEVER;
    }
  });

/**
 * The paging of every list: `limit` items from `offset` on. Every list answers a page with the
 * total count beside it (`{ items, totalCount }`), so that a client pages without guessing.
 */
export function pageQuery(options: { defaultLimit?: number; maxLimit?: number } = {}) {
  return z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(options.maxLimit ?? 500)
      .default(options.defaultLimit ?? 50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  });
}
