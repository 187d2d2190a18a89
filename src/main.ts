import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { ensureJwtSecret } from './config/config.module.js';

/** How long the requests in flight get to finish after SIGTERM or SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * Graceful shutdown: on SIGTERM (or SIGINT) the server stops accepting connections, answers the
 * requests in flight (with `Connection: close`, so that keep-alive clients let go), closes the
 * database pool and the embedded database, and exits 0. Past the grace period, or on a second
 * signal, it exits 1 without waiting.
 */
function stopOnSignals(app: NestFastifyApplication, log: Logger): void {
  let stopping = false;
  app
    .getHttpAdapter()
    .getInstance()
    // callback form: an async hook costs its promises on every request
    .addHook('onSend', (_req, reply, payload, done) => {
      if (stopping) reply.header('connection', 'close');
      done(null, payload);
    });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting for the requests in flight`);
      process.exit(1);
    }
    stopping = true;
    log.log(`${signal}: refusing new connections, finishing the requests in flight, then closing the database`);
    setTimeout(() => {
      log.error(`shutdown did not finish within ${SHUTDOWN_GRACE_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => {
        log.log('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        log.error(`shutdown failed: ${(e as Error)?.stack ?? String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main(): Promise<void> {
  let config;
  try {
    config = ensureJwtSecret(loadConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp(config);
  const log = new Logger('Sổ tay Đảng viên');
  stopOnSignals(app, log);
  await app.listen({ port: config.PORT, host: config.HOST });
  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  log.log(`API          ${base}/api`);
  if (config.SWAGGER_ENABLED) log.log(`Swagger UI   ${base}/api/docs   (OpenAPI JSON: ${base}/api/docs-json)`);
  log.log(`Dashboard    ${base}/admin`);
  log.log(`Member app   ${base}/app   (a phone-sized window; demo member: dangvien)`);
}

void main();
