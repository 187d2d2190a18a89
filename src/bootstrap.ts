import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { AppModule } from './app.module.js';
import { ErrorFilter, sendError } from './common/error.filter.js';
import { ApiError } from './common/errors.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildOpenApiDocument } from './common/openapi.js';
import { installRequestTimeouts } from './common/request-timeouts.js';
import { securityHeaders } from './common/security-headers.js';
import { installETags } from './common/etag.js';
import { installAdminLists } from './common/admin-list.js';
import { registerMultipartStreams } from './common/multipart.js';
import { AppConfig } from './config/app-config.js';
import { REPO_ROOT } from './common/repo-root.js';
import { apiPressure } from './common/api-pressure.js';
import { serveSinglePageApp } from './common/single-page-app.js';

export { REPO_ROOT } from './common/repo-root.js';

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logger: false,
    // the whole request (headers and body) must arrive within this (slow clients: 408 and closed);
    // answering it is bounded per route by handlerTimeout (configureApp)
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    // a request arriving on an open connection while the server shuts down gets the one error body
    // (configureApp), not Fastify's own {"error":"Service Unavailable",...}
    return503OnClosing: false,
    // what Fastify's router refuses before any route runs (a malformed URL: 400, a path parameter
    // over 100 characters: 414) gets the one error body too
    frameworkErrors: (error: unknown, request: FastifyRequest, reply: FastifyReply) => sendError(error, request, reply),
  });
}

/**
 * Everything the running server and the e2e tests share: prefix, uploads, error handling, CORS,
 * request ids, Swagger and the dashboard's static files.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // Content-Security-Policy, HSTS, nosniff, frame and referrer policies on every answer (API,
  // dashboard, Swagger UI, files, streams, errors): helmet's headers, worked out once
  // (security-headers.ts), among the reply's own headers. Nothing here writes an answer past Fastify
  // (no hijack), and with no header set on the raw response Node writes Fastify's headers in one go
  // at writeHead instead of through setHeader one by one (~3 KB of garbage less per request, issue 20)
  const headers = securityHeaders();
  fastify.addHook('onRequest', (req, reply, done) => {
    apiPressure.noteApiRequest();
    for (let i = 0; i < headers.length; i++) reply.header(headers[i][0], headers[i][1]);
    reply.header('x-request-id', req.id);
    // shutting down (SIGTERM): the requests in flight finish; one arriving now on a connection
    // still open is refused, and the client told to go elsewhere
    if (!closing) return done();
    reply.header('connection', 'close');
    sendError(
      new ApiError(503, 'SERVICE_UNAVAILABLE', 'The server is shutting down; try again in a moment', undefined, { 'retry-after': '2' }),
      req,
      reply,
    );
  });
  // each request is answered within REQUEST_TIMEOUT_MS (503, its database work cancelled), a few within LONG_REQUEST_TIMEOUT_MS
  installRequestTimeouts(fastify, config.REQUEST_TIMEOUT_MS, config.LONG_REQUEST_TIMEOUT_MS);
  // ETag and 304 of the member app's reads (@ETagged(), common/etag.ts)
  installETags(fastify);
  // Content-Range and the items of the admin lists (@AdminList(), common/admin-list.ts)
  installAdminLists(fastify);

  // file uploads: one file per request, read by the route with request.file() (which may set its own size limit)
  await registerMultipartStreams(fastify, { limits: { files: 1, fileSize: config.IMPORT_MAX_BYTES, fields: 10, parts: 20 } });

  app.setGlobalPrefix('api');
  // validation: the body, query and path parameters of every route (common/params.ts), not a global pipe
  app.useGlobalFilters(new ErrorFilter());
  // cross-origin callers only from CORS_ORIGINS; without any, no CORS hook at all (same answers: no
  // CORS headers, a preflight 404; @fastify/cors with `origin: false` cost a few µs on every request)
  if (config.CORS_ORIGINS.length) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      exposedHeaders: ['Content-Range', 'X-Request-Id', 'Retry-After', 'ETag', 'Content-Disposition'],
    });
  }

  if (config.SWAGGER_ENABLED) {
    const document = buildOpenApiDocument(app as INestApplication);
    SwaggerModule.setup('api/docs', app, document, {
      jsonDocumentUrl: 'api/docs-json',
      customSiteTitle: 'Sổ tay Đảng viên điện tử API',
    });
  }

  // the dashboard and the member app, or a page that says they are being built
  await serveSinglePageApp(fastify, 'admin', resolve(REPO_ROOT, 'admin/dist'), 'giao diện quản trị');
  await serveSinglePageApp(fastify, 'app', resolve(REPO_ROOT, 'app/dist'), 'ứng dụng đảng viên');
}

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(config), {
    logger: config.LOG_LEVEL === 'silent' ? false : undefined,
  });
  await configureApp(app, config);
  return app;
}
