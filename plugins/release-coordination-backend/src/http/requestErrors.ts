import { InputError } from '@backstage/errors';
import express from 'express';

/** A problem the validator found, e.g. `{ path: '/body/name', message: 'must be string' }`. */
interface ValidationProblem {
  path?: string;
  message: string;
  errorCode?: string;
}

const LOCATIONS: Record<string, string> = {
  body: 'body',
  query: 'query',
  params: 'path',
  headers: 'headers',
};

/**
 * A 400 that names every offending field, grouped by where it is, e.g. `Invalid request body:
 * name: must be string; colour: is not a field of this request`. The validator's own summary
 * names the object, not the unknown property in it, and says `request/body/…`.
 */
export function describeInvalidRequest(
  error: { message?: string; errors?: ValidationProblem[] },
  bodyFields: string[] = [],
): InputError {
  const groups = new Map<string, string[]>();
  for (const problem of error.errors ?? [{ message: error.message ?? 'invalid request' }]) {
    const [head, ...rest] = (problem.path ?? '').split('/').filter(Boolean);
    const location = LOCATIONS[head] ?? 'request';
    const field = (LOCATIONS[head] ? rest : [head, ...rest].filter(Boolean)).join('.');
    let message = problem.message;
    if (problem.errorCode === 'required.openapi.validation') message = 'is required';
    if (problem.errorCode === 'additionalProperties.openapi.validation') {
      message = 'is not a field of this request';
    }
    // The patterns that keep control characters out read as what they mean, not as a regex.
    if (problem.message.startsWith('must match pattern') && problem.message.includes('\\x00')) {
      message = problem.message.includes('(?=')
        ? 'must hold text and no control characters (only free text may hold line breaks and tabs)'
        : 'must hold no control characters (only free text may hold line breaks and tabs)';
      if (problem.message.includes('[Hh][Tt][Tt][Pp]')) {
        message = 'must be an http(s) URL without control characters';
      }
    }
    // An empty change: say which fields could have been given.
    if (problem.errorCode === 'minProperties.openapi.validation' && !field && bodyFields.length) {
      message = `give at least one of ${bodyFields.join(', ')}`;
    }
    const text = field ? `${field}: ${message}` : message;
    groups.set(location, [...(groups.get(location) ?? []), text]);
  }
  const parts = [...groups].map(([location, texts]) =>
    location === 'request'
      ? `Invalid request: ${texts.join('; ')}`
      : `Invalid request ${location}: ${texts.join('; ')}`,
  );
  return new InputError(parts.join('. '));
}

/**
 * `createValidatedOpenApiRouterFromGeneratedEndpointMap` turns a validation failure into an
 * `InputError` carrying only the validator's summary, which drops the names of unknown fields.
 * This swaps that one error handler, right behind the validator, for `describeInvalidRequest`.
 */
export function nameEveryInvalidField(router: express.Router): void {
  const layers = (router as unknown as { stack: { handle: Function }[] }).stack;
  const translator = layers.findIndex(layer => layer.handle.length === 4);
  if (translator < 0) {
    throw new Error('The validated router has no error handler behind its validator to replace');
  }
  layers[translator].handle = (
    error: Parameters<typeof describeInvalidRequest>[0],
    req: express.Request,
    _res: express.Response,
    next: express.NextFunction,
  ) => next(describeInvalidRequest(error, bodyFieldsOf(req)));
}

/** The fields of the request body of the operation the validator matched the request to. */
function bodyFieldsOf(req: express.Request): string[] {
  // The validator puts the matched operation of the document on the request.
  const operation = (req as { openapi?: { schema?: any } }).openapi?.schema;
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  return Object.keys(schema?.properties ?? {});
}

/** The fields (dotted paths) of `value` whose text, or name, holds the NUL character. */
function fieldsWithNul(value: unknown, at: string[] = []): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [at.join('.')] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key.includes('\u0000') ? [[...at, key].join('.')] : fieldsWithNul(item, [...at, key]),
  );
}

/** The path's segments as the routes receive them, decoded. */
function decodedSegments(path: string): string[] {
  return path.split('/').map(segment => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/**
 * Refuses text holding the NUL character (U+0000) anywhere in a request's path, query or body,
 * with a 400 naming the field. PostgreSQL cannot store it in a text column, so it would
 * otherwise fail as a 500 there, and write on the other engines: one answer on every engine.
 * Mounted behind the document's validation, which names the fields it checks itself first.
 */
export function refuseNulCharacters(
  req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
): void {
  const found = [
    ['path', decodedSegments(req.path).some(s => s.includes('\u0000')) ? [''] : []],
    ['query', fieldsWithNul(req.query)],
    ['body', fieldsWithNul(req.body)],
  ] as const;
  const parts = found
    .filter(([, fields]) => fields.length > 0)
    .map(
      ([location, fields]) =>
        `Invalid request ${location}: ${fields
          .map(field => `${field ? `${field}: ` : ''}must not contain the NUL character (U+0000)`)
          .join('; ')}`,
    );
  next(parts.length ? new InputError(parts.join('. ')) : undefined);
}
