import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { Server } from 'node:http';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The answers of the real routers, checked against the OpenAPI document: every JSON body must
 * match the schema the document gives the operation for that status. Objects without
 * `additionalProperties` are taken as closed, so a field the code answers but the document does
 * not name is a difference too, and `required` fields must be there.
 */

const API = '/api/release-coordination';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const document = parse(
  readFileSync(join(__dirname, '..', 'schema', 'openapi.yaml'), 'utf8'),
) as any;

function resolveComponent(ref: string): any {
  const [, , kind, name] = ref.split('/');
  return document.components[kind][name];
}

/** Gathers the parts of an `allOf` into one object, so the union of their fields is closed. */
function mergeAllOf(parts: any[]): any {
  const merged: any = { type: 'object', properties: {}, required: [] };
  for (const part of parts) {
    const schema = part.$ref ? resolveComponent(part.$ref) : part;
    const flat = schema.allOf ? mergeAllOf(schema.allOf) : schema;
    Object.assign(merged.properties, flat.properties ?? {});
    merged.required.push(...(flat.required ?? []));
    if (flat.additionalProperties !== undefined) {
      merged.additionalProperties = flat.additionalProperties;
    }
  }
  return merged;
}

/** A copy of `schema` whose objects are closed and whose refs point into the closed copy. */
function closed(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  if (schema.$ref) return { $ref: `contract${schema.$ref}` };
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return closed({ ...rest, ...mergeAllOf(allOf) });
  }
  const copy: any = Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === 'properties'
        ? [key, Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closed(v)]))]
        : [key, closed(value)],
    ),
  );
  const isObject = copy.type === 'object' || copy.properties;
  if (isObject && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(
  { components: { schemas: closed(document.components.schemas) } },
  'contract',
);

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, any>;
}

const operations: Operation[] = Object.entries(document.paths as Record<string, any>).flatMap(
  ([template, item]) =>
    METHODS.filter(method => item[method]).map(method => ({
      method: method.toUpperCase(),
      template,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      responses: item[method].responses,
    })),
);

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: any): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(closed(schema));
    validators.set(key, validate);
  }
  return validate;
}

/** How an answer differs from the document; empty when it matches. */
export function responseDifferences(answer: {
  method: string;
  url: string;
  status: number;
  contentType?: string;
  body: string;
}): string[] {
  const path = answer.url.split('?')[0];
  if (!path.startsWith(`${API}/`)) return [];
  const route = path.slice(API.length);
  const operation = operations.find(
    candidate => candidate.method === answer.method && candidate.pattern.test(route),
  );
  const label = `${answer.method} ${route} → ${answer.status}`;
  if (!operation) {
    // Backstage's own routes in the plugin: the document itself, the permission
    // integration's under /.well-known and the actions registry's under /.backstage/actions.
    if (
      route === '/openapi.json' ||
      route.startsWith('/.well-known/') ||
      route.startsWith('/.backstage/actions/')
    ) {
      return [];
    }
    return [`${label}: the document has no such operation`];
  }
  let response = operation.responses[String(answer.status)] ?? operation.responses.default;
  if (!response) {
    return [`${label}: status ${answer.status} is not documented for ${operation.template}`];
  }
  if (response.$ref) response = resolveComponent(response.$ref);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    return answer.body.length > 0 ? [`${label}: the document gives no body, but one was sent`] : [];
  }
  if (!answer.contentType?.includes('application/json')) {
    return [`${label}: expected a JSON body, got ${answer.contentType ?? 'none'}`];
  }
  const key = `${operation.method} ${operation.template} ${answer.status}`;
  const validate = validatorFor(key, schema);
  if (validate(JSON.parse(answer.body))) return [];
  return (validate.errors ?? []).map(error => {
    const where = error.instancePath || '(body)';
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return `${label}: ${where} ${error.message}${extra ? `: '${extra}'` : ''}`;
  });
}

/**
 * Checks every answer `server` sends against the document, collecting the differences in
 * `found`: the answers are observed as they leave the server, so every request of a test is
 * checked, whichever way it was made.
 */
export function checkAnswersAgainstDocument(server: Server, found: string[]): void {
  server.prependListener('request', (req, res) => {
    // Express rewrites `req.url` while routing; the URL as it arrived names the operation.
    const { method = 'GET', url = '' } = req;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: any[]) => boolean;
    const end = res.end.bind(res) as (...args: any[]) => typeof res;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (!chunk || typeof chunk === 'function') return;
      const charset = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, charset));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.on('finish', () => {
      try {
        found.push(
          ...responseDifferences({
            method,
            url,
            status: res.statusCode,
            contentType: String(res.getHeader('content-type') ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      } catch (error) {
        found.push(`${method} ${url}: ${error}`);
      }
    });
  });
}
