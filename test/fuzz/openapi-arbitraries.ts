import fc from 'fast-check';

/**
 * fast-check arbitraries built from the request schemas of openapi.json, in three flavours:
 * - valid: what the schema allows (types, enums, formats, patterns, lengths, ranges, required
 *   fields), with real ids of the test data for fields named like ids (`hints`);
 * - near-valid: a valid body with exactly one thing wrong (a field of the wrong type, out of
 *   range, too long, not in the enum, a bad date, a required field left out, an unknown field);
 * - hostile: huge strings, deep nesting, wrong types from the root down, Unicode edge cases,
 *   SQL and HTML payloads, prototype keys, numbers at the edges, bodies that are not JSON.
 */

export type Schema = Record<string, any>;
export type OpenApiDocument = { components: { schemas: Record<string, Schema> }; paths: Record<string, Record<string, any>> };
/** Realistic values by property name: real ids of the test data, well-formed codes. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** A request body: JSON (any value), or raw text with its content type. */
export type Body =
  | { kind: 'json'; value: unknown; note: string }
  | { kind: 'raw'; text: string; contentType: string; note: string }
  | { kind: 'none'; note: string };

const MAX_DEPTH = 6;

/** Follows `$ref`s and merges `allOf` (the way @nestjs/swagger writes enums and nested DTOs). */
export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    return resolve(doc, { ...doc.components.schemas[name], ...(schema.nullable ? { nullable: true } : {}) });
  }
  if (schema.anyOf) {
    // `anyOf: [X, null only]`: how the document writes a nullable DTO or named enum (src/common/openapi.ts)
    const { anyOf, ...rest } = schema;
    const [value] = (anyOf as Schema[]).filter((part) => !(Array.isArray(part.enum) && part.enum.length === 1 && part.enum[0] === null));
    return resolve(doc, { ...rest, ...value, nullable: true });
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return (allOf as Schema[]).reduce<Schema>((acc, part) => ({ ...resolve(doc, part), ...acc }), rest);
  }
  return schema;
}

// ---- strings ---------------------------------------------------------------------------------

const VIETNAMESE_WORDS = [
  'Chi bộ',
  'Đảng bộ',
  'Nghị quyết',
  'Đảng viên',
  'Thái Nguyên',
  'Đại Từ',
  'học tập',
  'quán triệt',
  'sinh hoạt',
  'Hùng Sơn',
  'Kim Phượng',
  'xóm Đồng Kè',
  'Tỉnh ủy',
  'Ban Tuyên giáo',
  'năm 2025',
  'số 12-NQ/TU',
  'ưu tiên',
];
const vietnamese = fc.array(fc.constantFrom(...VIETNAMESE_WORDS), { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));

/** Strings that have broken other services: huge, NUL, bidi, zero-width, emoji, lone surrogates, SQL, HTML, templates, paths, LIKE and regex metacharacters. */
export const HOSTILE_STRINGS: string[] = [
  'x'.repeat(10_000),
  'Đảng'.repeat(2_500),
  '\u0000',
  'a\u0000b',
  '\u202eđiện thoại\u202c',
  '\u200b\u200d\u2060',
  '👨‍👩‍👧‍👦'.repeat(50),
  '\ud800',
  'x\udfffy',
  "' OR 1=1 --",
  "'; DROP TABLE members; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%27%22',
  '\\',
  '%_\\',
  '(?:a+)+$[',
  '\r\n\r\nHTTP/1.1 200 OK\r\n',
  ' ',
  '',
  'null',
  'NaN',
  '1e309',
  '\ufeff',
  'İı ß ﷺ',
  'a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308',
  'constructor',
  '__proto__ toString hasOwnProperty',
  'valueOf prototype',
  '\u007f\u0001\u001b[31m',
];
export const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

// ---- values of one schema ---------------------------------------------------------------------

const day = (d: Date) => d.toISOString().slice(0, 10);
const pastDate = fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true }).map(day);
const recentInstant = fc
  .integer({ min: 1, max: 60 * 24 * 20 })
  .map((minutesAgo) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace('Z', '+00:00'));

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, Math.max(min, 60));
  switch (schema.format) {
    case 'date':
      return pastDate;
    case 'date-time':
      return recentInstant;
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'password':
      return fc.stringMatching(/^[A-Za-z0-9!@#%^&*-]{12,24}$/).map((s) => `Mk-${s}-9x`);
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  return fc
    .oneof({ weight: 3, arbitrary: vietnamese }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }) })
    .filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
}

/** A value that the schema allows. */
export function validValue(doc: OpenApiDocument, raw: Schema | undefined, hints: Hints, name = '', depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const hinted = name && hints[name];
  const nullable = schema.nullable
    ? (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) })
    : (a: fc.Arbitrary<unknown>) => a;
  if (hinted && schema.type !== 'array')
    return nullable(fc.oneof({ weight: 4, arbitrary: hinted }, { weight: 1, arbitrary: plainValid(doc, schema, hints, depth) }));
  return nullable(plainValid(doc, schema, hints, depth, name));
}

function plainValid(doc: OpenApiDocument, schema: Schema, hints: Hints, depth: number, name = ''): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? Math.max(schema.minimum ?? 0, 1000) });
    case 'number':
      return fc
        .double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true, noDefaultInfinity: true })
        .map((n) => Math.round(n * 100) / 100);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const itemHint = hints[`${name}[]`];
      const items = itemHint ?? validValue(doc, schema.items, hints, '', depth + 1);
      const minLength = schema.minItems ?? 0;
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case 'object':
    default: {
      const properties: Record<string, Schema> = schema.properties ?? {};
      if (!Object.keys(properties).length || depth > MAX_DEPTH) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) model[key] = validValue(doc, sub, hints, key, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k: string) => k in properties) });
    }
  }
}

/** Values of the wrong type, or the right type out of its range, for one field. */
export function wrongValues(doc: OpenApiDocument, raw: Schema): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const wrong: unknown[] = [];
  if (!schema.nullable) wrong.push(null);
  switch (schema.enum ? 'enum' : schema.type) {
    case 'enum':
      wrong.push('not_one_of_them', String(schema.enum[0]).toUpperCase() + ' ', 42);
      break;
    case 'string':
      wrong.push(123, true, {}, ['a'], 'x'.repeat((schema.maxLength ?? 5000) + 1));
      if (schema.minLength) wrong.push('x'.repeat(schema.minLength - 1));
      if (schema.format === 'date') wrong.push('2024-02-30', '31/12/2024', '2024-1-5', '99999-01-01', '2024-12-31T00:00:00Z');
      if (schema.format === 'date-time') wrong.push('2024-13-01T00:00:00Z', 'hôm qua', '2024-06-01T25:61:00+07:00', '1710000000');
      if (schema.format === 'uuid') wrong.push('not-a-uuid', '00000000-0000-0000-0000-00000000000g', '1');
      if (schema.format === 'email') wrong.push('a@', '@b.vn', 'a b@c.vn');
      if (schema.pattern) wrong.push('không hợp lệ!', '');
      break;
    case 'integer':
      wrong.push('12', 1.5, true, [], (schema.maximum ?? 2_147_483_647) + 1, (schema.minimum ?? 0) - 1, 2 ** 53 + 2, -(2 ** 31) - 1);
      break;
    case 'number':
      wrong.push('0.5', true, (schema.maximum ?? 1e308) + 1, (schema.minimum ?? -1e308) - 1, 0.123456789);
      break;
    case 'boolean':
      wrong.push('true', 1, 0, 'yes', []);
      break;
    case 'array':
      wrong.push(
        {},
        'a',
        [null],
        Array.from({ length: Math.min((schema.maxItems ?? 600) + 1, 601) }, () => ({})),
      );
      break;
    default:
      wrong.push('x', [], 12, [{}]);
  }
  return fc.constantFrom(...wrong);
}

/** A body that is valid but for one thing; `base` gives the valid bodies (default: from the schema). */
export function nearValidBody(
  doc: OpenApiDocument,
  raw: Schema,
  hints: Hints,
  base?: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Body> {
  const schema = resolve(doc, raw);
  const properties: Record<string, Schema> = schema.properties ?? {};
  const keys = Object.keys(properties);
  return (base ?? (validValue(doc, schema, hints) as fc.Arbitrary<Record<string, unknown>>)).chain((valid) => {
    const options: fc.Arbitrary<Body>[] = [
      fc.constant({ kind: 'json' as const, value: { ...valid, isAdmin: true }, note: 'an unknown field' }),
    ];
    if (keys.length) {
      options.push(
        fc.constantFrom(...keys).chain((key) =>
          wrongValues(doc, properties[key]).map((value) => ({
            kind: 'json' as const,
            value: { ...valid, [key]: value },
            note: `${key} is wrong`,
          })),
        ),
      );
    }
    const required: string[] = (schema.required ?? []).filter((k: string) => k in valid);
    if (required.length) {
      options.push(
        fc.constantFrom(...required).map((key) => {
          const { [key]: _gone, ...rest } = valid;
          return { kind: 'json' as const, value: rest, note: `${key} is missing` };
        }),
      );
    }
    return fc.oneof(...options);
  });
}

// ---- hostile bodies ---------------------------------------------------------------------------

const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};

/** Replaces every string in a value, at any depth, with a hostile one. */
function poisonStrings(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === 'string') return hostileString;
  if (Array.isArray(value)) return value.length ? fc.tuple(...value.map(poisonStrings)) : fc.constant(value);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return fc.constant(value);
    return fc.tuple(...entries.map(([, v]) => poisonStrings(v))).map((vs) => Object.fromEntries(entries.map(([k], i) => [k, vs[i]])));
  }
  return fc.constant(value);
}

/** Own keys named __proto__ / constructor (JSON.parse makes them own properties, as a request body would). */
const PROTOTYPE_KEYS = [
  '{"__proto__":{"role":"admin","isAdmin":true}}',
  '{"constructor":{"prototype":{"role":"admin"}}}',
  '{"__proto__":null}',
  '{"prototype":{"toString":"x"}}',
].map((text) => JSON.parse(text) as Record<string, unknown>);

const EDGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 2_147_483_648, -1, 0, -0, 1e-300, 0.1 + 0.2];

const RAW_BODIES: { text: string; contentType: string; note: string }[] = [
  { text: '{"a":', contentType: 'application/json', note: 'truncated JSON' },
  { text: '{"a":1}}', contentType: 'application/json', note: 'trailing garbage' },
  { text: '', contentType: 'application/json', note: 'empty JSON body' },
  { text: '\u0000', contentType: 'application/json', note: 'a NUL byte' },
  { text: 'null', contentType: 'application/json', note: 'JSON null' },
  { text: "{'single':'quotes'}", contentType: 'application/json', note: 'not JSON' },
  {
    text: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    contentType: 'application/xml',
    note: 'XML with an external entity',
  },
  { text: 'name=Chi+b%E1%BB%99&kind=branch', contentType: 'application/x-www-form-urlencoded', note: 'a form' },
  { text: 'plain text', contentType: 'text/plain', note: 'text/plain' },
  { text: '{"a":1}', contentType: 'application/json; charset=utf-16', note: 'a charset it does not speak' },
];

/** Everything a hostile client might send instead of the documented body. */
export function hostileBody(
  doc: OpenApiDocument,
  raw: Schema | undefined,
  hints: Hints,
  base?: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Body> {
  const schema = resolve(doc, raw);
  const valid =
    base ??
    ((schema.type || schema.properties ? validValue(doc, schema, hints) : fc.constant({})) as fc.Arbitrary<Record<string, unknown>>);
  const keys = Object.keys(schema.properties ?? {});
  const someKey = keys.length ? fc.constantFrom(...keys) : fc.constant('field');
  const json =
    (note: string) =>
    (value: unknown): Body => ({ kind: 'json', value, note });
  return fc.oneof(
    valid.chain(poisonStrings).map(json('hostile strings in every string field')),
    fc.constantFrom<unknown>([], 'text', 0, true, [{}], [[[]]], '"quoted"').map(json('a body that is not an object')),
    fc
      .tuple(valid, someKey, fc.boolean(), fc.constantFrom(50, 200))
      .map(([v, key, asArray, depth]) => json(`${key} nested ${depth} deep`)({ ...v, [key]: nested(depth, 'x', asArray) })),
    fc
      .tuple(valid, fc.constantFrom(...PROTOTYPE_KEYS), someKey)
      .map(([v, proto, key]) => json('prototype keys')({ ...v, ...proto, [key]: JSON.parse(JSON.stringify(proto)) })),
    fc.tuple(valid, someKey, fc.constantFrom(...EDGE_NUMBERS)).map(([v, key, n]) => json(`${key} = ${n}`)({ ...v, [key]: n })),
    fc
      .tuple(valid, someKey)
      .map(([v, key]) => json(`${key} is a 5000-element array`)({ ...v, [key]: Array.from({ length: 5000 }, (_, i) => i) })),
    fc.tuple(valid, someKey, hostileString).map(([v, key, s]) => json(`${key} as an object`)({ ...v, [key]: { $gt: '', $where: s } })),
    fc.constantFrom(...RAW_BODIES).map((r): Body => ({ kind: 'raw', ...r })),
  );
}

// ---- path parameters and query strings -------------------------------------------------------

export const HOSTILE_IDS = [
  '0',
  '-1',
  '2147483648',
  '99999999999999999999',
  '1e3',
  '1.5',
  '0x10',
  'abc',
  "1' OR '1'='1",
  '1;DROP TABLE members',
  '%00',
  '%2e%2e%2f',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '1 ',
  '%20',
  'Đ',
  encodeURIComponent('<script>'),
  'x'.repeat(300),
  '__proto__',
  'constructor',
];

export function queryValue(
  doc: OpenApiDocument,
  raw: Schema | undefined,
  flavour: 'valid' | 'near' | 'hostile',
): fc.Arbitrary<string | undefined> {
  const schema = resolve(doc, raw);
  const examples = schema.example !== undefined ? [String(schema.example)] : [];
  const valid = fc.oneof(
    ...(examples.length ? [fc.constantFrom(...examples)] : []),
    validValue(doc, schema, {}).map((v) =>
      v === null || v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v),
    ),
  );
  if (flavour === 'valid') return fc.option(valid, { nil: undefined });
  if (flavour === 'near')
    return fc.oneof(
      valid,
      wrongValues(doc, schema).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))),
    );
  return fc.oneof(hostileString, fc.constantFrom(...LIST_QUERY_ATTACKS));
}

/** What a hostile client sends as sort / range / filter / cursor. */
export const LIST_QUERY_ATTACKS = [
  '["id","ASC; DROP TABLE members"]',
  '["name) --","DESC"]',
  '["__proto__","ASC"]',
  '[1,2,3]',
  '["id"]',
  '"id"',
  '[0,9999999999]',
  '[-5,3]',
  '[1e308,0]',
  '[0,1.5]',
  '["a","b"]',
  '[3,1]',
  '[0,2147483648]',
  '{"q":"\\\\"}',
  '{"q":"%_%"}',
  '{"q":"\\u0000"}',
  '{"id":[1,"x",null,{}]}',
  '{"id":"1 OR 1=1"}',
  '{"committeeId":"1 OR 1=1"}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{}}}',
  `{"q":"${'Đ'.repeat(3000)}"}`,
  '{"id":[' + Array.from({ length: 3000 }, (_, i) => i + 1).join(',') + ']}',
  '[]',
  'null',
  '{',
  '{"a":' + '['.repeat(500) + ']'.repeat(500) + '}',
  'eyJwdWJsaXNoZWRBdCI6Ind1dCJ9',
  '!!!',
  'AAAA',
  '%',
];
