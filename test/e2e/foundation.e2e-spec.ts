import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('HTTP foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '2048' });
  });
  afterAll(async () => t?.close());

  it('reports the database on the public health route', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(res.body.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'embedded');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with the one error body', async () => {
    const res = await t.http().get('/api/no-such-thing').set('Authorization', 'Bearer x').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers what the router refuses before any route runs with the one error body', async () => {
    // a path parameter over Fastify's 100 characters
    const long = await t
      .http()
      .get(`/api/committees/${'x'.repeat(300)}`)
      .set('Authorization', 'Bearer x')
      .expect(414);
    expect(long.body).toEqual({
      statusCode: 414,
      code: expect.any(String),
      message: expect.any(String),
      requestId: long.headers['x-request-id'],
    });
    // a malformed percent-encoding in the path
    const bad = await t.http().get('/api/committees/%E0%A4%A').set('Authorization', 'Bearer x');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: expect.any(String), requestId: bad.headers['x-request-id'] });
  });

  it('refuses malformed JSON with a 400, not a 500', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "a",').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON' });
  });

  it('refuses a body over the limit with a 413', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'a', password: 'x'.repeat(5000) })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('reports every invalid field of a body, and unknown fields', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 5, extra: true }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.errors).sort()).toEqual(['extra', 'password', 'username']);
  });

  it('requires a token on every route not marked public', async () => {
    const res = await t.http().get('/api/committees').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });
});
