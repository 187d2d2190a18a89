import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDocument } from '../factories/content.js';
import { createCommittee, createUser, login } from '../factories/index.js';
import { checkedAgainstContract, OpenApiContract } from '../support/openapi-contract.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The hook of test/support/openapi-contract.ts, which every e2e request goes through: a response
 * that contradicts openapi.json fails the test that made the request, naming the operation and the
 * JSON pointer. Each case takes the checked-in document and changes one thing in it, so the real
 * answer of the app no longer matches.
 */
describe('every e2e response is checked against openapi.json', () => {
  let t: TestApp;
  let token: string;
  let documentId: string;
  const committed = OpenApiContract.fromRepository().doc;
  const edited = (change: (doc: any) => void) => {
    const doc = structuredClone(committed);
    change(doc);
    return checkedAgainstContract(request(t.app.getHttpServer()), new OpenApiContract(doc));
  };

  beforeAll(async () => {
    t = await createTestApp();
    const committee = await createCommittee(t.db, { kind: 'province' });
    token = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
    documentId = (await createDocument(t.db, committee)).id;
  });
  afterAll(async () => t?.close());

  it('passes the real app against the checked-in document', async () => {
    await t.http().get(`/api/documents/${documentId}`).set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('fails on a null the document does not admit, with the operation id and the JSON pointer', async () => {
    const http = edited((doc) => {
      doc.components.schemas.DocumentResponse.properties.file = { $ref: '#/components/schemas/DocumentFileResponse' };
    });
    await expect(http.get(`/api/documents/${documentId}`).set('Authorization', `Bearer ${token}`)).rejects.toThrow(
      /getDocument \(GET \/api\/documents\/\{id\}\) answered 200: body at \/file must be object/,
    );
  });

  it('fails on a field the document does not list', async () => {
    const http = edited((doc) => delete doc.components.schemas.DocumentResponse.properties.summary);
    await expect(http.get(`/api/documents/${documentId}`).set('Authorization', `Bearer ${token}`)).rejects.toThrow(
      /getDocument .* body at \/ must NOT have additional properties \(summary\)/,
    );
  });

  it('fails on a status the operation does not list', async () => {
    const http = edited((doc) => delete doc.paths['/api/documents/{id}'].get.responses['404']);
    await expect(http.get('/api/documents/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${token}`)).rejects.toThrow(
      /getDocument .* answered 404: the document does not list status 404/,
    );
  });

  it('fails on an error code the document does not list for the status', async () => {
    const missing = '/api/documents/00000000-0000-4000-8000-000000000000';
    await t
      .http()
      .get(missing)
      .set('Authorization', `Bearer ${token}`)
      .expect(404, /"code":"NOT_FOUND"/);
    const http = edited((doc) => {
      doc.paths['/api/documents/{id}'].get.responses['404'].content['application/json'].schema.allOf[1].properties.code.enum = ['GONE'];
    });
    await expect(http.get(missing).set('Authorization', `Bearer ${token}`)).rejects.toThrow(
      /getDocument .* answered 404: body at \/code must be equal to one of the allowed values \["GONE"\]/,
    );
  });

  it('fails on a missing required header (Content-Range of an admin list)', async () => {
    const http = edited((doc) => {
      doc.paths['/api/documents'].get.responses['200'].headers = { 'X-Not-Sent': { required: true, schema: { type: 'string' } } };
    });
    await expect(http.get('/api/documents').set('Authorization', `Bearer ${token}`)).rejects.toThrow(
      /listDocuments .* header X-Not-Sent is required and missing/,
    );
  });

  it('fails on an accepted request body the document refuses', async () => {
    const http = edited((doc) => {
      doc.components.schemas.UpdateDocumentDto.properties.title.maxLength = 3;
    });
    await expect(
      http.put(`/api/documents/${documentId}`).set('Authorization', `Bearer ${token}`).send({ title: 'Nghị quyết dài hơn ba ký tự' }),
    ).rejects.toThrow(
      /updateDocument .* accepted \(200\) a request body the document refuses: at \/title must NOT have more than 3 characters/,
    );
  });

  it('fails on a route outside the document, and skips only the allow-listed ones', async () => {
    await expect(t.http().get('/api/not-a-route').set('Authorization', `Bearer ${token}`)).rejects.toThrow(
      /GET \/api\/not-a-route answered 404 but is not an operation of openapi.json/,
    );
    await t.http().get('/api/docs-json').expect(200);
  });
});
