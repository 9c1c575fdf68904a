import fc from 'fast-check';
import { spec } from '../schema/openapi/generated/router';

/**
 * Inputs for fuzzing the write operations of the OpenAPI document: a valid request per
 * operation, derived from the document's schemas, and mutations of it that a client could send
 * by mistake or on purpose.
 */

type Schema = Record<string, any>;

/** A write operation of the document. */
export interface WriteOperation {
  operationId: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the document writes it, e.g. `/trains/{trainId}/advance`. */
  template: string;
  pathParameters: string[];
  /** The JSON request body's schema; absent when the operation takes no body. */
  bodySchema?: Schema;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

function resolve(schema: Schema): Schema {
  if (!schema?.$ref) return schema;
  const [, , kind, name] = (schema.$ref as string).split('/');
  return resolve((spec.components as any)[kind][name]);
}

/** Every POST, PUT, PATCH and DELETE operation of the document, in the document's order. */
export function writeOperations(): WriteOperation[] {
  return Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(
    ([template, item]) =>
      WRITE_METHODS.filter(method => item[method]).map(method => {
        const operation = item[method];
        const parameters: Schema[] = (operation.parameters ?? []).map(resolve);
        return {
          operationId: operation.operationId as string,
          method: method.toUpperCase() as WriteOperation['method'],
          template,
          pathParameters: parameters.filter(p => p.in === 'path').map(p => p.name as string),
          bodySchema: operation.requestBody?.content?.['application/json']?.schema,
        };
      }),
  );
}

/** The text every plain string field of a derived example starts as; it fits every pattern. */
const PLAIN_TEXT = 'fuzz-1';

/**
 * A valid value of `schema`: required fields only (or as few more as `minProperties` asks),
 * enums' first value, the document's example, else `values` by property name (entity refs of
 * the fixture, dates that suit the rules). Throws when no valid value can be derived, so that
 * an operation is never fuzzed from an invalid start.
 */
export function validExample(
  schema: Schema,
  values: Record<string, unknown>,
  name = 'body',
): unknown {
  const s = resolve(schema);
  if (name in values) return values[name];
  if (s.enum) return s.enum[0];
  if (s.example !== undefined && !String(s.example).includes('%')) return s.example;
  switch (s.type ?? (s.properties ? 'object' : undefined)) {
    case 'object': {
      // The required fields, and as many more as `minProperties` asks for.
      const optional = Object.keys(s.properties ?? {}).filter(key => !s.required?.includes(key));
      const fields = [...(s.required ?? []), ...optional.slice(0, s.minProperties ?? 0)];
      return Object.fromEntries(
        fields.map(key => [key, validExample(s.properties?.[key] ?? {}, values, key)]),
      );
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () =>
        validExample(s.items, values, name),
      );
    case 'string':
      if (s.format === 'date-time') return values['date-time'];
      if (s.format === 'uri') return 'https://ci.example.com/runs/1';
      if (s.pattern && !new RegExp(s.pattern).test(PLAIN_TEXT)) break;
      return PLAIN_TEXT;
    case 'integer':
    case 'number':
      return s.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      break;
  }
  throw new Error(`No valid example can be derived for '${name}': ${JSON.stringify(s)}`);
}

/** The names of the fields an object schema knows, for mutations that add a known field. */
export function knownFields(schema: Schema | undefined): string[] {
  const s = schema ? resolve(schema) : undefined;
  return Object.keys(s?.properties ?? {});
}

const lone = (code: number) => String.fromCharCode(code);

/** Dates at and beyond the ends of what the engines and `Date` hold, and impossible ones. */
const EXTREME_DATES = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1900-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-12-04T25:61:61Z',
  '2026-12-04T00:00:00+14:00',
  '2026-12-04T00:00:00',
  '2026-12-04',
  'not a date',
];

/** Strings that break naive code: size, control characters, unicode, dates and numbers as text. */
const nastyStrings = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'fuzz\u0000',
    '\u0007\u001b[31m\b\f\v',
    '\r\n\t',
    'x'.repeat(10_000),
    '🚂'.repeat(2_600),
    '\u202Eevil\u202C',
    'שלום',
    'e\u0301\u0302\u0303\u0304',
    lone(0xd800),
    `a${lone(0xdfff)}b`,
    '\uFEFF\u200B',
    'NaN',
    'Infinity',
    '-1',
    '1e308',
    '0x10',
    'null',
    'true',
    ...EXTREME_DATES,
    "'; DROP TABLE release_trains; --",
    '../../etc/passwd',
    'component:default/',
    ':::',
    `user:default/${'a'.repeat(300)}`,
    // A hostile input the API must refuse or store inertly, never something this code runs.
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    'https://',
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map(lone), maxLength: 4 }),
);

/** Any JSON value a field could be given instead of the right one. */
const nastyValues: fc.Arbitrary<unknown> = fc.oneof(
  nastyStrings,
  fc.constantFrom(null, true, false, -1, 0, 1e308, -1e308, 5e-324, 2 ** 53 + 2, [], {}),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(nastyStrings, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** JSON number texts that `JSON.stringify` never writes: beyond doubles, negative zero. */
const RAW_NUMBERS = ['1e400', '-1e400', '-0', '123456789012345678901234567890', '0.1e-400'];

/** JSON texts that are not JSON at all, or not an object. */
const MALFORMED_BODIES = ['{', '{"a":', 'NaN', "{'a':1}", '[]', '"text"', '0', 'null', '\u0000'];

/** Where a value sits in a body: keys and indexes from the top. */
type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (value && typeof value === 'object') {
    return [at, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  }
  return [at];
}

function getAt(value: any, path: Path): any {
  return path.reduce((current, key) => current?.[key], value);
}

/** A copy of `body` with the value at `path` replaced, or removed when `replacement` is absent. */
function setAt(body: unknown, path: Path, replacement?: { value: unknown }): unknown {
  if (path.length === 0) return replacement?.value;
  const copy = structuredClone(body) as any;
  const parent = getAt(copy, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!replacement) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    // defineProperty, so that keys like `__proto__` become fields rather than prototypes.
    Object.defineProperty(parent, key, {
      value: replacement.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const RAW_MARKER = '\u0001raw-json-number\u0001';

/** A mutated request: what was done, and the JSON text sent (absent: no body). */
export interface Mutation {
  kind: string;
  text?: string;
}

const asText = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));

/**
 * Mutations of a valid body: one field replaced by a wrong value, removed, an unknown or known
 * field added, a string field with nasty text appended, a date field at the ends of time, a
 * number beyond doubles, arbitrary JSON, or no JSON at all.
 */
export function mutatedBodies(valid: unknown, fields: string[]): fc.Arbitrary<Mutation> {
  const paths = pathsOf(valid);
  const objectPaths = paths.filter(path => {
    const value = getAt(valid, path);
    return value && typeof value === 'object' && !Array.isArray(value);
  });
  const stringPaths = paths.filter(path => typeof getAt(valid, path) === 'string');
  const memberPaths = paths.filter(path => path.length > 0);
  const fieldNames = fc.oneof(
    fc.constantFrom(...fields, '__proto__', 'constructor', 'id', '', '\u0000', 'x'.repeat(1000)),
    fc.string({ maxLength: 12 }),
  );
  const pick = <T>(items: T[]) => fc.constantFrom(...items);

  // Weighted towards small changes of a valid body, which pass validation more often and so
  // reach the rules and the database.
  const mutations: fc.WeightedArbitrary<Mutation>[] = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<Mutation>) =>
    mutations.push({ weight, arbitrary });
  add(
    3,
    fc.tuple(pick(paths), nastyValues).map(([path, value]) => ({
      kind: 'wrong value',
      text: asText(setAt(valid, path, { value })),
    })),
  );
  add(
    1,
    fc.jsonValue().map(value => ({ kind: 'arbitrary JSON', text: JSON.stringify(value) })),
  );
  add(
    1,
    fc.constantFrom(...MALFORMED_BODIES).map(text => ({ kind: 'malformed JSON', text })),
  );
  if (objectPaths.length) {
    add(
      2,
      fc.tuple(pick(objectPaths), fieldNames, nastyValues).map(([path, field, value]) => ({
        kind: 'added field',
        text: asText(setAt(valid, [...path, field], { value })),
      })),
    );
  }
  if (memberPaths.length) {
    add(
      1,
      pick(memberPaths).map(path => ({ kind: 'missing field', text: asText(setAt(valid, path)) })),
    );
    add(
      1,
      fc.tuple(pick(memberPaths), fc.constantFrom(...RAW_NUMBERS)).map(([path, raw]) => ({
        kind: 'raw number',
        text: asText(setAt(valid, path, { value: RAW_MARKER }))?.replace(`"${RAW_MARKER}"`, raw),
      })),
    );
  }
  if (stringPaths.length) {
    add(
      5,
      fc.tuple(pick(stringPaths), nastyStrings).map(([path, suffix]) => ({
        kind: 'nasty text',
        text: asText(setAt(valid, path, { value: `${getAt(valid, path)}${suffix}` })),
      })),
    );
  }
  const datePaths = stringPaths.filter(path => /^\d{4}-\d\d-\d\dT/.test(getAt(valid, path)));
  if (datePaths.length) {
    add(
      3,
      fc.tuple(pick(datePaths), fc.constantFrom(...EXTREME_DATES)).map(([path, value]) => ({
        kind: 'extreme date',
        text: asText(setAt(valid, path, { value })),
      })),
    );
  }
  return fc.oneof(...mutations);
}

/** A path parameter's value as sent: usually the fixture's, sometimes a wrong one. */
export function pathParameterValues(valid: string): fc.Arbitrary<string> {
  const encoded = (text: string) => {
    try {
      return encodeURIComponent(text) || '%20';
    } catch {
      // Lone surrogates cannot be encoded as UTF-8: send them as the bytes a client might.
      return '%ED%A0%80';
    }
  };
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    { weight: 1, arbitrary: nastyStrings.map(text => encoded(text.slice(0, 600))) },
  );
}
