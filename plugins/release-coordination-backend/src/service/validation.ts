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
