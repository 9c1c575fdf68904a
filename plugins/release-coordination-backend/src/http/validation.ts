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
 * An entity ref from the path or the query, normalised like `entityRef`. The document says it is
 * a string; that it names an entity is ours to check.
 */
export function entityRefIn(value: string, field: string, location: 'path' | 'query'): string {
  const parsed = entityRef.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => issue.message).join('; ');
    throw new InputError(`Invalid request ${location}: ${field}: ${problems}`);
  }
  return parsed.data;
}

/**
 * The page a list request asks for. The validated router has filled in the document's defaults
 * for `limit` and `offset` (the document gives every list both), and checked their bounds.
 */
export function pageOf(query: { limit?: number; offset?: number }): {
  limit: number;
  offset: number;
} {
  if (query.limit === undefined || query.offset === undefined) {
    throw new Error('A list route without the default limit and offset of the document');
  }
  return { limit: query.limit, offset: query.offset };
}

/** The `limit` of a route that answers only the first page of its lists. */
export function limitOf(query: { limit?: number }): { limit: number } {
  if (query.limit === undefined) {
    throw new Error('A route without the default limit of the document');
  }
  return { limit: query.limit };
}
