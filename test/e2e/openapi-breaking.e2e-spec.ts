import { describe, expect, it } from '@jest/globals';
import { findBreakingChanges, hasNewBreakingLine, judge } from '../../scripts/openapi-breaking.js';

/** A one-operation document: GET /api/things/{id} answering a Thing, POST /api/things taking a NewThing. */
function doc(
  thing: Record<string, any>,
  newThing: Record<string, any> = { properties: { title: { type: 'string' } }, required: ['title'] },
) {
  return {
    openapi: '3.0.0',
    paths: {
      '/api/things/{id}': {
        get: {
          parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
      '/api/things': {
        post: {
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewThing' } } } },
          responses: { '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    },
    components: { schemas: { Thing: { type: 'object', ...thing }, NewThing: { type: 'object', ...newThing } } },
  };
}
const thing = {
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    state: { type: 'string', enum: ['draft', 'published'] },
  },
  required: ['id', 'title', 'state'],
};
const CHANGELOG = '# Changelog\n\n## Unreleased\n\n### Breaking\n\n### Added\n';

describe('npm run openapi:breaking (scripts/openapi-breaking.ts)', () => {
  it('finds nothing between a document and itself, nor when an optional field is added', () => {
    expect(findBreakingChanges(doc(thing), doc(thing))).toEqual([]);
    const more = { ...thing, properties: { ...thing.properties, note: { type: 'string', nullable: true } } };
    expect(findBreakingChanges(doc(thing), doc(more))).toEqual([]);
    const optionalInput = { properties: { title: { type: 'string' }, note: { type: 'string' } }, required: ['title'] };
    expect(findBreakingChanges(doc(thing), doc(thing, optionalInput))).toEqual([]);
  });

  it('fails on a removed response field, listing each operation that answers it', () => {
    const { title: _title, ...properties } = thing.properties;
    const breaks = findBreakingChanges(doc(thing), doc({ properties, required: ['id', 'state'] }));
    expect(breaks).toEqual([
      { where: 'GET /api/things/{id} 200 body.title', what: 'response field removed' },
      { where: 'POST /api/things 201 body.title', what: 'response field removed' },
    ]);
    const verdict = judge({
      base: 'HEAD~1',
      baseSpec: JSON.stringify(doc(thing)),
      headSpec: JSON.stringify(doc({ properties, required: ['id', 'state'] })),
      baseChangelog: CHANGELOG,
      headChangelog: CHANGELOG,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain('GET /api/things/{id} 200 body.title: response field removed');
  });

  it('fails on the other rules: removed operation, optional or nullable response field, new required input, narrowed types, enums', () => {
    const base = doc(thing);
    const head: any = doc(
      {
        properties: {
          id: { type: 'integer' },
          title: { type: 'string', nullable: true },
          state: { type: 'string', enum: ['draft', 'published', 'archived'] },
        },
        required: ['id', 'state'],
      },
      { properties: { title: { type: 'string' }, committeeId: { type: 'integer' } }, required: ['title', 'committeeId'] },
    );
    delete head.paths['/api/things/{id}'];
    expect(findBreakingChanges(base, head).map((b) => `${b.where}: ${b.what}`)).toEqual([
      'GET /api/things/{id}: operation removed',
      'POST /api/things request body.committeeId: new required request field',
      'POST /api/things 201 body.id: type changed from string to integer',
      'POST /api/things 201 body.id: format changed from uuid to none',
      'POST /api/things 201 body.title: response field no longer required',
      'POST /api/things 201 body.title: became nullable',
      'POST /api/things 201 body.state: enum values added: archived',
    ]);
  });

  it('reads `anyOf [X, null]` and `allOf [X]` as X, so the unchanged document has no false alarm', () => {
    const wrapped = {
      properties: { ...thing.properties, state: { allOf: [{ $ref: '#/components/schemas/State' }] } },
      required: thing.required,
    };
    const base: any = doc(wrapped);
    base.components.schemas.State = { type: 'string', enum: ['draft', 'published'] };
    expect(findBreakingChanges(base, doc(thing))).toEqual([]);
    const nullable: any = doc({
      ...wrapped,
      properties: {
        ...wrapped.properties,
        state: { anyOf: [{ $ref: '#/components/schemas/State' }, { enum: [null], nullable: true, type: 'string' }] },
      },
    });
    nullable.components.schemas.State = base.components.schemas.State;
    expect(findBreakingChanges(base, nullable).map((b) => b.what)).toEqual(['became nullable', 'became nullable']);
  });

  it('passes a breaking change once CHANGELOG.md gains a line under "Breaking"', () => {
    const { title: _title, ...properties } = thing.properties;
    const announced = CHANGELOG.replace('### Breaking\n', '### Breaking\n\n- `Thing.title` is gone: read `name`.\n');
    expect(hasNewBreakingLine(CHANGELOG, announced)).toBe(true);
    expect(hasNewBreakingLine(announced, announced)).toBe(false); // an old line does not announce a new break
    expect(hasNewBreakingLine(CHANGELOG, CHANGELOG.replace('### Added\n', '### Added\n\n- something\n'))).toBe(false);
    const input = {
      base: 'HEAD~1',
      baseSpec: JSON.stringify(doc(thing)),
      headSpec: JSON.stringify(doc({ properties, required: ['id', 'state'] })),
      baseChangelog: CHANGELOG,
    };
    expect(judge({ ...input, headChangelog: announced }).ok).toBe(true);
    expect(judge({ ...input, headChangelog: CHANGELOG }).ok).toBe(false);
  });

  it('passes when the base revision has no openapi.json', () => {
    expect(judge({ base: 'HEAD~1', headSpec: JSON.stringify(doc(thing)) })).toEqual({
      ok: true,
      message: expect.stringContaining('does not exist'),
    });
  });
});
