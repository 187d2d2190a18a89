/**
 * `npm run openapi:breaking`: compares openapi.json with its version at a base git revision
 * (env OPENAPI_BASE, default `HEAD~1`: in CI on main, the previous commit) and fails on a change
 * that would break a client generated from the base document, unless CHANGELOG.md gains a line
 * under a "Breaking" heading since the base. If the base has no openapi.json, or git or the base
 * revision is missing (a shallow clone), it says so and passes.
 *
 * A small comparer rather than a library: `openapi-diff` pulls axios, swagger-parser and an old
 * openapi3-ts for what is a walk over two JSON trees, and Optic's CLI downloads a binary. The rules,
 * read from the point of view of a client generated from the base document:
 *
 * Operations and parameters
 * - an operation (path + method) is removed;
 * - a parameter (path, query, header) becomes required, or a required one is added;
 * - a request body becomes required where there was none or it was optional;
 * - a 2xx response of the base loses its media type (e.g. application/json).
 * Request bodies (the client sends what the base allowed)
 * - a property is removed (the API rejects unknown properties: forbidNonWhitelisted);
 * - a property becomes required (or a new property is required);
 * - a property is no longer nullable; enum values are removed;
 * - a type or format changes (a narrowed type).
 * Response bodies (the client reads what the base promised)
 * - a property is removed, or is no longer required;
 * - a property becomes nullable;
 * - enum values are added (generated Kotlin/Swift enums fail on an unknown value);
 * - a type or format changes.
 * Not breaking: new operations, new optional request properties, new response properties, new
 * error statuses and new codes of an error status (error responses are not compared: clients treat
 * an unknown code by its status, README "Compatibility promise"), descriptions and examples. Not checked: lengths, minimum/maximum, patterns.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Doc = { paths?: Record<string, Record<string, any>>; components?: { schemas?: Record<string, any> } };
type Direction = 'request' | 'response';
export interface Break {
  where: string;
  what: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The schema with its `$ref`s, single-branch `allOf`s and `anyOf [X, null]` unwrapped. */
function normalize(doc: Doc, schema: any, seen = 0): any {
  if (!schema || typeof schema !== 'object' || seen > 20) return schema ?? {};
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    const { $ref: _ref, ...rest } = schema;
    return normalize(doc, { ...(doc.components?.schemas?.[name] ?? {}), ...rest }, seen + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    const merged: any = { ...rest };
    for (const part of allOf.map((s: any) => normalize(doc, s, seen + 1))) {
      const { properties, required, ...other } = part;
      Object.assign(merged, other, rest);
      if (properties) merged.properties = { ...merged.properties, ...properties };
      if (required) merged.required = [...(merged.required ?? []), ...required];
    }
    return merged;
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    const isNull = (s: any) => Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null;
    const others = alternatives.filter((s: any) => !isNull(s));
    if (others.length === 1) {
      const { anyOf: _a, oneOf: _o, ...rest } = schema;
      const inner = normalize(doc, others[0], seen + 1);
      return { ...inner, ...rest, nullable: inner.nullable || others.length < alternatives.length || rest.nullable };
    }
  }
  return schema;
}

function compareSchemas(base: Doc, head: Doc, before: any, after: any, dir: Direction, where: string, out: Break[], depth = 0): void {
  if (depth > 12) return;
  const b = normalize(base, before);
  const a = normalize(head, after);
  const add = (what: string) => out.push({ where, what });
  if ((b.type ?? null) !== (a.type ?? null) && b.type !== undefined) add(`type changed from ${b.type} to ${a.type ?? 'any'}`);
  if ((b.format ?? null) !== (a.format ?? null) && (a.format !== undefined || dir === 'response')) {
    add(`format changed from ${b.format ?? 'none'} to ${a.format ?? 'none'}`);
  }
  if (dir === 'response' && !b.nullable && a.nullable) add('became nullable');
  if (dir === 'request' && b.nullable && !a.nullable) add('is no longer nullable');
  if (Array.isArray(b.enum) || Array.isArray(a.enum)) {
    const was = new Set<unknown>(b.enum ?? []);
    const now = new Set<unknown>(a.enum ?? []);
    if (dir === 'request' && b.enum) {
      const removed = [...was].filter((v) => !now.has(v) && a.enum);
      if (removed.length) add(`enum values removed: ${removed.join(', ')}`);
    }
    if (dir === 'response' && a.enum) {
      const added = [...now].filter((v) => !was.has(v) && v !== null);
      if (added.length) add(`enum values added: ${added.join(', ')}`);
    }
  }
  if (b.items || a.items) compareSchemas(base, head, b.items, a.items, dir, `${where}[]`, out, depth + 1);
  const bProps: Record<string, any> = b.properties ?? {};
  const aProps: Record<string, any> = a.properties ?? {};
  const bReq = new Set<string>(b.required ?? []);
  const aReq = new Set<string>(a.required ?? []);
  for (const [name, schema] of Object.entries(bProps)) {
    const at = `${where}.${name}`;
    if (!(name in aProps)) {
      out.push({ where: at, what: `${dir} field removed` });
      continue;
    }
    if (dir === 'response' && bReq.has(name) && !aReq.has(name)) out.push({ where: at, what: 'response field no longer required' });
    if (dir === 'request' && !bReq.has(name) && aReq.has(name)) out.push({ where: at, what: 'request field became required' });
    compareSchemas(base, head, schema, aProps[name], dir, at, out, depth + 1);
  }
  if (dir === 'request') {
    for (const name of Object.keys(aProps)) {
      if (!(name in bProps) && aReq.has(name)) out.push({ where: `${where}.${name}`, what: 'new required request field' });
    }
  }
}

const jsonSchema = (content: Record<string, any> | undefined) => content?.['application/json']?.schema;

/** Every change from `base` to `head` that breaks a client generated from `base`. */
export function findBreakingChanges(base: Doc, head: Doc): Break[] {
  const out: Break[] = [];
  for (const [path, bItem] of Object.entries(base.paths ?? {})) {
    for (const method of METHODS) {
      const bOp = bItem[method];
      if (!bOp) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const aOp = head.paths?.[path]?.[method];
      if (!aOp) {
        out.push({ where, what: 'operation removed' });
        continue;
      }
      const key = (p: any) => `${p.in}:${p.name}`;
      const bParams = new Map<string, any>((bOp.parameters ?? []).map((p: any) => [key(p), p]));
      for (const p of aOp.parameters ?? []) {
        const was = bParams.get(key(p));
        if (p.required && !was?.required)
          out.push({ where: `${where} ${p.in} parameter ${p.name}`, what: was ? 'became required' : 'new required parameter' });
        if (was) compareSchemas(base, head, was.schema, p.schema, 'request', `${where} ${p.in} parameter ${p.name}`, out);
      }
      const bBody = bOp.requestBody;
      const aBody = aOp.requestBody;
      if (aBody?.required && !bBody?.required) out.push({ where: `${where} request body`, what: 'request body became required' });
      if (jsonSchema(bBody?.content) && jsonSchema(aBody?.content)) {
        compareSchemas(base, head, jsonSchema(bBody.content), jsonSchema(aBody.content), 'request', `${where} request body`, out);
      }
      for (const [status, bRes] of Object.entries<any>(bOp.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        const aRes = aOp.responses?.[status];
        const at = `${where} ${status}`;
        if (!aRes) {
          out.push({ where: at, what: 'response status removed' });
          continue;
        }
        for (const type of Object.keys(bRes.content ?? {})) {
          if (!aRes.content?.[type]) out.push({ where: at, what: `response media type ${type} removed` });
        }
        if (jsonSchema(bRes.content) && jsonSchema(aRes.content)) {
          compareSchemas(base, head, jsonSchema(bRes.content), jsonSchema(aRes.content), 'response', `${at} body`, out);
        }
      }
    }
  }
  return out;
}

/** The non-empty lines under any "Breaking" heading of a CHANGELOG.md. */
export function breakingLines(changelog: string): string[] {
  const lines: string[] = [];
  let inBreaking = false;
  for (const line of changelog.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) inBreaking = /^breaking\b/i.test(heading[1].trim());
    else if (inBreaking && line.trim()) lines.push(line.trim());
  }
  return lines;
}

/** Whether the head CHANGELOG.md has a "Breaking" line that the base one lacks. */
export function hasNewBreakingLine(baseChangelog: string | undefined, headChangelog: string | undefined): boolean {
  const before = new Set(breakingLines(baseChangelog ?? ''));
  return breakingLines(headChangelog ?? '').some((l) => !before.has(l));
}

export interface Verdict {
  ok: boolean;
  message: string;
}

/** The decision, from the four texts (undefined: the file does not exist there). */
export function judge(input: {
  baseSpec?: string;
  headSpec: string;
  baseChangelog?: string;
  headChangelog?: string;
  base: string;
}): Verdict {
  if (input.baseSpec === undefined) return { ok: true, message: `openapi.json does not exist at ${input.base}: nothing to compare` };
  const breaks = findBreakingChanges(JSON.parse(input.baseSpec), JSON.parse(input.headSpec));
  if (!breaks.length) return { ok: true, message: `openapi.json: no breaking change since ${input.base}` };
  const list = breaks.map((b) => `  - ${b.where}: ${b.what}`).join('\n');
  if (hasNewBreakingLine(input.baseChangelog, input.headChangelog)) {
    return {
      ok: true,
      message: `openapi.json: ${breaks.length} breaking change(s) since ${input.base}, announced in CHANGELOG.md:\n${list}`,
    };
  }
  return {
    ok: false,
    message:
      `openapi.json: ${breaks.length} breaking change(s) since ${input.base}:\n${list}\n` +
      'Either keep the API compatible, or add a line under "Breaking" in CHANGELOG.md (Unreleased) saying what changes for clients.',
  };
}

function gitShow(root: string, rev: string, file: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${rev}:${file}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 << 20,
    });
  } catch {
    return undefined;
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function main(): number {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const base = process.env.OPENAPI_BASE || 'HEAD~1';
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    console.log(`openapi breaking changes: no git revision ${base} here (no git, or a shallow clone): nothing to compare`);
    return 0;
  }
  const verdict = judge({
    base,
    baseSpec: gitShow(root, base, 'openapi.json'),
    headSpec: readFileSync(join(root, 'openapi.json'), 'utf8'),
    baseChangelog: gitShow(root, base, 'CHANGELOG.md'),
    headChangelog: readOrUndefined(join(root, 'CHANGELOG.md')),
  });
  (verdict.ok ? console.log : console.error)(verdict.message);
  return verdict.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
