import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMemberAppPath } from '../../src/common/openapi-examples.js';
import { REPO_ROOT } from '../../src/common/repo-root.js';

/**
 * The contract check every e2e response goes through (test/support/test-app.ts wraps supertest with
 * it): the response of a request to an operation of openapi.json must have a status the operation
 * lists, the headers it declares (present when `required`, matching their schema) and a body that
 * matches the schema of that status and media type; a request body answered 2xx must match the
 * operation's request schema. A violation names the operation id and the JSON pointer.
 *
 * OpenAPI 3.0 schemas are not quite JSON Schema; `toJsonSchema` converts the one keyword that
 * differs (`nullable`) with the semantics of OpenAPI 3.0.3 (the "Clarify nullable" proposal that
 * validating proxies such as Prism follow): `nullable: true` adds null to the schema's `type` and
 * nothing else, so a nullable enum must list null and `allOf: [$ref]` never admits null.
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Routes that are not API operations, so not in the document, skipped on purpose. Anything else
 * outside the document is a violation: a route the clients cannot know about.
 */
const NOT_IN_THE_DOCUMENT: { pattern: RegExp; why: string }[] = [
  { pattern: /^\/admin(\/|$)/, why: 'the dashboard static files' },
  { pattern: /^\/api\/docs(-json)?(\/|$)/, why: 'Swagger UI and the document itself' },
  { pattern: /^\/api\/(khong-co|no-such-thing)$/, why: 'the answer to a route that does not exist (security-headers, foundation)' },
];

/**
 * Operations that accept a request body beyond their schema on purpose, so its check is skipped:
 * the schema says what a client should send, the operation answers what it did with the rest.
 */
const LENIENT_REQUESTS: Record<string, string> = {
  sendMyEvents: 'a batch is accepted (202) as a whole; each invalid event is answered in `rejected` with its reason',
};

interface Operation {
  id: string;
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  op: any;
}

export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed body (JSON), or undefined/Buffer/{} for other media types. */
  body: unknown;
  text: string | undefined;
  /** What the test sent with `.send()`; undefined for none or multipart. */
  requestBody: unknown;
}

/** OpenAPI 3.0 Schema Object → JSON Schema (draft-07), see the file comment. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'examples' || key === 'nullable') continue;
    // data, not schemas
    out[key] =
      key === 'enum' || key === 'default' ? value : key === 'properties' ? mapValues(value as object, toJsonSchema) : toJsonSchema(value);
  }
  const s = schema as Record<string, unknown>;
  if (s.nullable === true && typeof s.type === 'string') out.type = [s.type, 'null'];
  return out;
}

function mapValues(obj: object, fn: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));
}

/**
 * Objects whose properties the document lists may not carry others: an undocumented field is a violation too.
 * A member of `allOf` that narrows another (the error body with its codes: `allOf: [ErrorBody, {code: enum}]`)
 * stays open, since the instance carries the other member's properties as well.
 */
function closeObjects(schema: unknown, narrowing = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === 'enum' || key === 'default'
        ? value
        : key === 'properties'
          ? mapValues(value as object, (v) => closeObjects(v))
          : key === 'allOf' && Array.isArray(value)
            ? value.map((member, i) => closeObjects(member, i > 0))
            : closeObjects(value);
  }
  if (out.properties && out.additionalProperties === undefined && !narrowing) out.additionalProperties = false;
  return out;
}

export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: any) {
    this.ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(this.ajv);
    for (const noCheck of ['binary', 'password', 'byte']) this.ajv.addFormat(noCheck, true);
    // responses: closed objects (no undocumented field); requests: as documented (the
    // ValidationPipe refuses unknown fields itself, and refusals are not validated here)
    const components = toJsonSchema(doc.components ?? {});
    this.ajv.addSchema({ components: closeObjects(components) }, 'response');
    this.ajv.addSchema({ components }, 'request');
    for (const [template, item] of Object.entries<any>(doc.paths)) {
      const segments = template.split('/');
      const pattern = new RegExp(
        '^' + segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/') + '$',
      );
      for (const method of METHODS) {
        if (!item[method]) continue;
        this.operations.push({
          id: item[method].operationId,
          method,
          template,
          pattern,
          literalSegments: segments.filter((s) => !/^\{.+\}$/.test(s)).length,
          op: item[method],
        });
      }
    }
    // a literal path (/api/faqs/unanswered) wins over a template (/api/faqs/{id})
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  static fromRepository(): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8')));
  }

  private validator(kind: 'response' | 'request', pointer: string, schema: unknown): ValidateFunction {
    const key = `${kind}:${pointer}`;
    let v = this.validators.get(key);
    if (!v) {
      const converted = toJsonSchema(schema);
      v = this.ajv.compile(withRefsTo(kind, kind === 'response' ? closeObjects(converted) : converted));
      this.validators.set(key, v);
    }
    return v;
  }

  /** The violations of a JSON body as the response of an operation with a status (an example of the document, say). */
  checkResponseBody(operationId: string, status: number, body: unknown): string[] {
    const operation = this.operations.find((o) => o.id === operationId);
    const schema = operation?.op.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return [`${operationId} has no JSON response for ${status}`];
    const v = this.validator('response', `${operationId}:${status}:application/json`, schema);
    return v(body) ? [] : describe(`${operationId} ${status}: body`, v.errors);
  }

  /** The violations of one exchange; [] when it keeps the contract or is outside the document on purpose. */
  check(x: Exchange): string[] {
    const method = x.method.toLowerCase();
    const path = x.url.split('?')[0]; // as sent: a template's parameter matches its encoded form too
    if (method === 'head' || method === 'options') return []; // HEAD mirrors GET; CORS preflights are not operations
    if (x.status === 431) return []; // Node refuses oversized headers before any route or operation (no body of ours)
    if (NOT_IN_THE_DOCUMENT.some((r) => r.pattern.test(path))) return [];
    const onPath = this.operations.filter((o) => o.pattern.test(path));
    const operation = onPath.find((o) => o.method === method);
    if (!operation) {
      return [`${x.method.toUpperCase()} ${path} answered ${x.status} but is not an operation of openapi.json`];
    }
    const where = `${operation.id} (${method.toUpperCase()} ${operation.template}) answered ${x.status}`;
    // a test that buffers a download also buffers its JSON refusal: read it as JSON all the same
    const parsed = Buffer.isBuffer(x.body) ? parseJson(x.body.toString('utf8')) : x.body;
    const code = x.status >= 400 && parsed && typeof parsed === 'object' ? (parsed as { code?: unknown }).code : undefined;
    if (process.env.CONTRACT_CODES_LOG && typeof code === 'string')
      appendFileSync(process.env.CONTRACT_CODES_LOG, `${operation.id}\t${x.status}\t${code}\n`);
    const response = operation.op.responses?.[String(x.status)] ?? operation.op.responses?.default;
    if (!response)
      return [
        `${where}: the document does not list status ${x.status} (responses: ${Object.keys(operation.op.responses ?? {}).join(', ')})`,
      ];
    const violations: string[] = [];

    for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
      if (/^content-type$/i.test(name)) continue; // the media type is checked against `content` below
      const value = x.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) violations.push(`${where}: header ${name} is required and missing`);
        continue;
      }
      if (header.schema) {
        const v = this.validator('response', `${operation.id}:${x.status}:header:${name}`, header.schema);
        const values = Array.isArray(value) ? value : [value];
        for (const one of values) if (!v(one)) violations.push(...describe(`${where}: header ${name}`, v.errors));
      }
    }

    const content: Record<string, any> = response.content ?? {};
    const mediaTypes = Object.keys(content);
    const contentType = String(x.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const hasBody = contentType !== '' || (x.text !== undefined && x.text !== '');
    if (!mediaTypes.length) {
      if (hasBody) violations.push(`${where}: the document declares no body but one came (${contentType || 'no content-type'})`);
    } else if (!hasBody && x.status !== 204 && x.status !== 304) {
      violations.push(`${where}: the document declares a body (${mediaTypes.join(', ')}) but none came`);
    } else if (hasBody) {
      const mediaType = mediaTypes.find((m) => m.toLowerCase() === contentType);
      if (!mediaType) {
        violations.push(`${where}: content-type ${contentType || '(none)'} is not one the document declares (${mediaTypes.join(', ')})`);
      } else if (/json$/.test(mediaType) && content[mediaType].schema) {
        const v = this.validator('response', `${operation.id}:${x.status}:${mediaType}`, content[mediaType].schema);
        if (!v(parsed)) violations.push(...describe(`${where}: body`, v.errors));
      }
    }

    // CONTRACT_EXAMPLES_LOG=<file> gathers the member app's answers that keep the contract (scripts/openapi-examples.ts)
    if (
      process.env.CONTRACT_EXAMPLES_LOG &&
      !violations.length &&
      x.status < 300 &&
      /json/.test(contentType) &&
      isMemberAppPath(operation.template)
    )
      appendFileSync(
        process.env.CONTRACT_EXAMPLES_LOG,
        JSON.stringify({ operationId: operation.id, status: x.status, body: x.body }) + '\n',
      );

    const requestSchema = operation.op.requestBody?.content?.['application/json']?.schema;
    if (
      x.status >= 200 &&
      x.status < 300 &&
      requestSchema &&
      !LENIENT_REQUESTS[operation.id] &&
      x.requestBody !== undefined &&
      typeof x.requestBody === 'object'
    ) {
      const v = this.validator('request', `${operation.id}:request`, requestSchema);
      if (!v(x.requestBody))
        violations.push(
          ...describe(
            `${operation.id} (${method.toUpperCase()} ${operation.template}) accepted (${x.status}) a request body the document refuses:`,
            v.errors,
          ),
        );
    }
    return violations;
  }
}

/** Rewrites `#/components/...` references to the component store of one kind (closed or open objects). */
function withRefsTo(kind: string, schema: unknown): any {
  if (Array.isArray(schema)) return schema.map((s) => withRefsTo(kind, s));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${kind}${value}`;
    else out[key] = key === 'enum' || key === 'default' ? value : withRefsTo(kind, value);
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 8).map((e) => {
    const detail =
      e.keyword === 'additionalProperties'
        ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
        : e.keyword === 'enum'
          ? ` ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`
          : '';
    return `${prefix} at ${e.instancePath || '/'} ${e.message}${detail} [schema ${e.schemaPath}]`;
  });
}

let shared: OpenApiContract | undefined;

/**
 * Wraps a supertest agent (`request(server)`) so that every request it makes is checked against
 * openapi.json when it completes: a violation fails the awaiting test like a failed `.expect()`.
 */
export function checkedAgainstContract<T extends object>(agent: T, contract?: OpenApiContract): T {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const test = value.apply(target, args);
        if (test && typeof test.end === 'function' && Array.isArray(test._asserts)) instrument(test, contract);
        return test;
      };
    },
  });
}

/**
 * For a request whose body is meant to be invalid (the fuzz suite's near and hostile bodies): its
 * answer is still checked, its body is not held to the request schema even when accepted.
 */
export function skipRequestCheck<T>(test: T): T {
  (test as { contractSkipsRequest?: boolean }).contractSkipsRequest = true;
  return test;
}

function instrument(test: any, contract: OpenApiContract | undefined): void {
  const end = test.end;
  test.end = function (this: any, fn: unknown) {
    this._asserts.push((res: any) => {
      if (!res) return undefined; // no response (a network error): supertest reports it
      const checker = contract ?? (shared ??= OpenApiContract.fromRepository());
      const url = new URL(this.url);
      const violations = checker.check({
        method: this.method,
        url: url.pathname + url.search,
        status: res.status,
        headers: res.headers,
        body: res.body,
        text: res.text,
        requestBody: this._formData || this.contractSkipsRequest ? undefined : this._data,
      });
      // CONTRACT_VIOLATIONS_LOG=<file> also gathers them across a run (to fix a document in one go)
      if (violations.length && process.env.CONTRACT_VIOLATIONS_LOG)
        appendFileSync(process.env.CONTRACT_VIOLATIONS_LOG, violations.join('\n') + '\n');
      if (violations.length) return new Error(`response breaks openapi.json:\n  ${violations.join('\n  ')}`);
      return undefined;
    });
    return end.call(this, fn);
  };
}
