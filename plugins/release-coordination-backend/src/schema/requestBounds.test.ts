import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Schema = Record<string, any>;

/**
 * Free text people write in sentences and lists: these may hold line breaks and tabs. Every
 * other string is one line. A new free-text field is added here on purpose.
 */
const FREE_TEXT = new Set([
  'objective',
  'reason',
  'comment',
  'text',
  'criteria',
  'purpose',
  'summary',
  'mitigation',
  'description',
  'note',
]);

/** Entity refs are stored in columns of 255 characters. */
const ENTITY_REF_COLUMN = 255;

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** Control characters that no string of a request may hold: C0 but tab and line feed, DEL, C1. */
const ALWAYS_REFUSED = [
  ...Array.from({ length: 0x20 }, (_, code) => code).filter(code => code !== 0x09 && code !== 0x0a),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
].map(code => String.fromCharCode(code));

describe('strings of request bodies in the OpenAPI document', () => {
  const document = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));

  const resolve = (schema: Schema): Schema => {
    let current = schema;
    while (current?.$ref) {
      current = current.$ref
        .split('/')
        .slice(1)
        .reduce((node: Schema, key: string) => node[key], document);
    }
    return current;
  };

  /** Every string property under `schema`, with its path and name. */
  function stringsOf(schema: Schema, path: string, name: string): [string, string, Schema][] {
    const resolved = resolve(schema);
    if (!resolved) return [];
    if (resolved.type === 'string') return [[path, name, resolved]];
    return [
      ...Object.entries<Schema>(resolved.properties ?? {}).flatMap(([key, property]) =>
        stringsOf(property, `${path}.${key}`, key),
      ),
      ...(resolved.items ? stringsOf(resolved.items, `${path}[]`, name) : []),
      ...(typeof resolved.additionalProperties === 'object'
        ? stringsOf(resolved.additionalProperties, `${path}{}`, name)
        : []),
      ...['allOf', 'oneOf', 'anyOf'].flatMap(key =>
        (resolved[key] ?? []).flatMap((part: Schema) => stringsOf(part, path, name)),
      ),
    ];
  }

  const strings = Object.entries<Schema>(document.paths).flatMap(([route, operations]) =>
    WRITE_METHODS.filter(method => operations[method]).flatMap(method => {
      const operation = operations[method];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const query = (operation.parameters ?? [])
        .map(resolve)
        .filter((parameter: Schema) => parameter.in === 'query');
      return [
        ...(body ? stringsOf(body, `${method.toUpperCase()} ${route} body`, '') : []),
        ...query.flatMap((parameter: Schema) =>
          stringsOf(parameter.schema, `${method.toUpperCase()} ${route} ?${parameter.name}`, parameter.name),
        ),
      ];
    }),
  );
  // Enumerations and formatted values (dates, ids) admit nothing else by themselves.
  const free = strings.filter(([, , schema]) => !schema.enum && !schema.format?.match(/^(date-time|date|uuid)$/));

  it('finds the strings of every write', () => {
    expect(free.length).toBeGreaterThan(40);
    expect(free.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'POST /trains body.ambassadorRef',
        'POST /trains body.name',
        'POST /trains body.participants[].entityRef',
        'POST /gates/{gateId}/waive body.reason',
      ]),
    );
  });

  it('bounds every string with maxLength and refuses control characters by its pattern', () => {
    const problems = free.flatMap(([path, name, schema]) => {
      if (typeof schema.maxLength !== 'number') return [`${path}: no maxLength`];
      if (typeof schema.pattern !== 'string') return [`${path}: no pattern`];
      const pattern = new RegExp(schema.pattern, 'u');
      // A value the field takes otherwise, with the character in the middle.
      const sample = (inner: string) => `https://a${inner}b`;
      const accepted = (inner: string) =>
        pattern.test(sample(inner)) || pattern.test(`a${inner}b`);
      const found: string[] = [];
      const leaked = ALWAYS_REFUSED.filter(accepted);
      if (leaked.length) {
        found.push(`${path}: admits ${leaked.map(c => `U+${c.charCodeAt(0).toString(16)}`).join(', ')}`);
      }
      if (FREE_TEXT.has(name)) {
        if (!pattern.test('Line one\n\t- line two')) found.push(`${path}: refuses line breaks and tabs`);
      } else if (accepted('\n') || accepted('\t')) {
        found.push(`${path}: one line, but admits a line break or tab`);
      }
      if (/Ref$|^entityRef$|^entityRefs$/.test(name) && schema.maxLength > ENTITY_REF_COLUMN) {
        found.push(`${path}: maxLength ${schema.maxLength} over the column's ${ENTITY_REF_COLUMN}`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });
});
