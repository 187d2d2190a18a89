import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module.js';
import { ErrorFilter, sendError } from './common/error.filter.js';
import { ApiError } from './common/errors.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildOpenApiDocument } from './common/openapi.js';
import { installRequestTimeouts } from './common/request-timeouts.js';
import { securityHeaders } from './common/security-headers.js';
import { installETags } from './common/etag.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { REPO_ROOT } from './common/repo-root.js';
import { apiPressure } from './common/api-pressure.js';

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

/** Nest's register() is typed against its own copy of fastify's plugin type; the plugins are fastify 5's. */
type FastifyPlugin = Parameters<NestFastifyApplication['register']>[0];

/**
 * Everything the running server and the e2e tests share: prefix, pipes, error handling, CORS,
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
  // dashboard, Swagger UI, files, errors): helmet's headers, worked out once (security-headers.ts),
  // set on the raw response so that an answer written past Fastify carries them too
  const headers = securityHeaders();
  fastify.addHook('onRequest', (req, reply, done) => {
    apiPressure.noteApiRequest();
    const raw = reply.raw;
    for (let i = 0; i < headers.length; i++) raw.setHeader(headers[i][0], headers[i][1]);
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

  // file uploads: one file per request, read by the route with request.file() (which may set its own size limit)
  await app.register(fastifyMultipart as unknown as FastifyPlugin, {
    limits: { files: 1, fileSize: config.IMPORT_MAX_BYTES, fields: 10, parts: 20 },
  });

  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableCors({
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    exposedHeaders: ['Content-Range', 'X-Request-Id', 'Retry-After', 'ETag', 'Content-Disposition'],
  });

  if (config.SWAGGER_ENABLED) {
    const document = buildOpenApiDocument(app as INestApplication);
    SwaggerModule.setup('api/docs', app, document, {
      jsonDocumentUrl: 'api/docs-json',
      customSiteTitle: 'Sổ tay Đảng viên điện tử API',
    });
  }

  await serveSinglePageApp(app, 'admin', resolve(REPO_ROOT, 'admin/dist'), 'the dashboard', 'build:admin');
  await serveSinglePageApp(app, 'app', resolve(REPO_ROOT, 'app/dist'), 'the member app', 'build:app');
}

/**
 * A built single-page app (the dashboard, the member app) at /<prefix>/: its files, and index.html
 * for any other path below it (the app's own routes). index.html, the member app's service worker
 * (sw.js) and manifest are revalidated on every load, so that a release reaches the installed apps;
 * the hashed files of assets/ never change and are cached for a year.
 */
async function serveSinglePageApp(app: NestFastifyApplication, prefix: string, dist: string, what: string, script: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (!existsSync(join(dist, 'index.html'))) {
    new Logger('Bootstrap').warn(`no build of ${what} at ${dist}; run "npm run ${script}"`);
    return;
  }
  await app.register(fastifyStatic as unknown as FastifyPlugin, {
    root: dist,
    prefix: `/${prefix}/`,
    wildcard: false,
    // reply.sendFile is decorated once per server, by the first app served
    decorateReply: !fastify.hasReplyDecorator('sendFile'),
    setHeaders: (reply: FastifyReply, path: string) => {
      if (/(^|[\\/])(sw\.js|index\.html|manifest\.webmanifest)$/.test(path)) reply.header('cache-control', 'no-cache');
      else if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  // the query stays: a shared or reloaded /admin?committeeId=304&days=30 lands where it was
  fastify.get(`/${prefix}`, (req, reply) => {
    const query = req.url.indexOf('?');
    return reply.redirect(query < 0 ? `/${prefix}/` : `/${prefix}/${req.url.slice(query)}`);
  });
  fastify.get(`/${prefix}/*`, (req, reply) => {
    // a missing asset (a stale hashed file name) is a 404, not the page
    if (/\.[A-Za-z0-9]+$/.test(req.url.split('?')[0])) return reply.callNotFound();
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', dist);
  });
}

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(config), {
    logger: config.LOG_LEVEL === 'silent' ? false : undefined,
  });
  await configureApp(app, config);
  return app;
}
