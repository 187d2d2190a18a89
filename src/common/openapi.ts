import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { codesOfErrorSchema, errorResponse, errorSchema, isErrorSchema } from './api-docs.js';
import { CommonErrorCode as C } from './errors.js';
import { isMemberAppPath, responseExample } from './openapi-examples.js';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Object keys sorted recursively, so that the checked-in document diffs cleanly. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * The OpenAPI document the mobile clients are generated from. Every operation requires the bearer
 * token unless its route is @Public(), which the document shows as `security: []`.
 */
/**
 * `nullable` with the meaning OpenAPI 3.0.3 gives it (and validating proxies such as Prism check):
 * it adds null to the schema's own `type`, nothing else. @nestjs/swagger writes a nullable nested DTO
 * or named enum as `{ nullable: true, allOf: [{ $ref }] }`, which no value null satisfies (allOf
 * requires the referenced schema too), and a nullable inline enum without null among its values.
 * This rewrites the first into `anyOf: [{ $ref }, <null only>]` and adds null to the second, so that
 * the document admits the nulls it means to (generators read both forms as "X or null").
 */
/** A schema object of the document, as JSON: only the keys read here are typed. */
interface JsonSchema {
  [key: string]: unknown;
  $ref?: string;
  allOf?: { $ref?: string }[];
  anyOf?: object[];
  nullable?: boolean;
  type?: string;
  enum?: unknown[];
}

function truthfulNullable(node: unknown, schemas: Record<string, JsonSchema>): void {
  if (Array.isArray(node)) return node.forEach((n) => truthfulNullable(n, schemas));
  if (!node || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  for (const [key, value] of Object.entries(schema))
    if (key !== 'enum' && key !== 'example' && key !== 'default') truthfulNullable(value, schemas);
  if (schema.nullable !== true) return;
  const ref: string | undefined = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (ref) {
    const target = schemas[ref.replace('#/components/schemas/', '')];
    delete schema.$ref;
    delete schema.allOf;
    delete schema.nullable;
    delete schema.type;
    schema.anyOf = [{ $ref: ref }, { type: target?.type ?? 'object', nullable: true, enum: [null] }];
  } else if (Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    schema.enum = [...schema.enum, null];
  }
}

/**
 * The codes any operation may answer for a status, whatever it declares itself: the HTTP-level
 * refusals of bootstrap.ts and error.filter.ts, the validation pipe, the rate limits.
 */
const SHARED_CODES: Record<number, string[]> = {
  400: [C.BadRequest, C.ValidationFailed, C.InvalidValue],
  401: [C.Unauthorized],
  403: [C.Forbidden],
  404: [C.NotFound],
  409: [C.Conflict, C.AlreadyExists],
  413: [C.PayloadTooLarge],
  414: [C.BadRequest],
  415: [C.UnsupportedMediaType],
  422: [C.UnprocessableEntity],
  429: [C.RateLimited, C.TooManyRequests],
  500: [C.InternalError],
  503: [C.ServiceUnavailable, C.RequestTimeout],
};

/** Answered by auth's global guard, its password-change gate (AuthErrorCode.PasswordChangeRequired; common/ may not import auth/, a test ties the two). */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

interface OperationTraits {
  passwordChangeGuard: boolean;
  longWork: boolean;
  queryParameters: string[];
}

/** The codes an operation with these traits shares for a status (besides its own, declared with @ApiErrors). */
export function sharedErrorCodes(status: number, op: OperationTraits): string[] {
  const codes = [...(SHARED_CODES[status] ?? [])];
  const query = new Set(op.queryParameters);
  if (status === 400 && ['filter', 'range', 'sort'].some((q) => query.has(q))) codes.push(C.InvalidListQuery);
  if (status === 400 && query.has('cursor')) codes.push(C.InvalidCursor);
  if (status === 403 && op.passwordChangeGuard) codes.push(PASSWORD_CHANGE_REQUIRED);
  if (status === 429 && op.longWork) codes.push(C.TooManyConcurrentJobs);
  if (status === 503 && op.longWork) codes.push(C.LongWorkBusy);
  return codes;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sổ tay Đảng viên điện tử API')
    .setDescription(
      'API of the electronic Party member handbook: the dashboard (admin-list contract of ra-data-simple-rest) ' +
        'and the mobile clients. Errors share one body: `{statusCode, code, message, errors?, requestId}`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, OperationObject | undefined>)[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!op) continue;
      const passwordChangeGuard = !op['x-public'] && !op['x-allow-with-password-change'];
      if (op['x-public']) {
        op.security = [];
        delete op['x-public'];
      } else if (op['x-allow-with-password-change']) {
        delete op['x-allow-with-password-change'];
      } else {
        // the password-change gate (auth.guards.ts): an account that must change its issued password gets 403 everywhere else
        op.responses['403'] ??= errorResponse(403);
      }
      // what every route shares (src/bootstrap.ts, common/rate-limits.ts, common/error.filter.ts):
      // a body over BODY_LIMIT or of a media type not parsed, the rate limits of writes and of public
      // routes, the database away, and an unexpected failure (a bare 500: the log has the rest)
      // the ValidationPipe, and a body sent to a write that takes none
      if (op.requestBody || method !== 'get') op.responses['400'] ??= errorResponse(400);
      if (op.requestBody || method !== 'get') op.responses['413'] ??= errorResponse(413);
      if (op.requestBody || method !== 'get') op.responses['415'] ??= errorResponse(415);
      if (op.parameters?.some((p) => 'in' in p && p.in === 'path')) op.responses['414'] ??= errorResponse(414);
      op.responses['500'] ??= errorResponse(500);
      // 429: the rate limits of writes and of public routes, and the per-account bulkhead of long work
      // (@LongWork(), common/long-work.ts)
      const longWork = op['x-long-work'] === true;
      delete op['x-long-work'];
      if (method !== 'get' || op.security?.length === 0 || longWork) op.responses['429'] ??= errorResponse(429);
      op.responses['503'] ??= errorResponse(503);
      // the member app's operations show a real answer (src/common/openapi-examples.ts), under each
      // success status (they share one body: 200 and 201 of an idempotent create)
      const example = isMemberAppPath(path) && op.operationId ? responseExample(op.operationId) : undefined;
      for (const [status, response] of Object.entries(op.responses)) {
        const media =
          example && /^2/.test(status) && response && 'content' in response ? response.content?.['application/json'] : undefined;
        if (media && example) media.example = example.value;
      }
      // every error response lists the codes it answers with: the operation's own and the shared ones
      const traits: OperationTraits = {
        passwordChangeGuard,
        longWork,
        queryParameters: (op.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'query' ? [p.name] : [])),
      };
      for (const [status, response] of Object.entries(op.responses)) {
        const media = response && 'content' in response ? response.content?.['application/json'] : undefined;
        if (+status < 400 || !media || !isErrorSchema(media.schema)) continue;
        media.schema = errorSchema([...codesOfErrorSchema(media.schema), ...sharedErrorCodes(+status, traits)]);
      }
    }
  }
  const schemas = (doc.components?.schemas ?? {}) as Record<string, JsonSchema>;
  truthfulNullable(doc.components?.schemas, schemas);
  truthfulNullable(doc.paths, schemas);
  return sortKeys(doc) as OpenAPIObject;
}

export function serializeOpenApi(doc: OpenAPIObject): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
