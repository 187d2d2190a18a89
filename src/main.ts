import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { ensureJwtSecret } from './config/config.module.js';

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
  app.enableShutdownHooks();
  await app.listen({ port: config.PORT, host: config.HOST });
  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  const log = new Logger('Sổ tay Đảng viên');
  log.log(`API          ${base}/api`);
  if (config.SWAGGER_ENABLED) log.log(`Swagger UI   ${base}/api/docs   (OpenAPI JSON: ${base}/api/docs-json)`);
  log.log(`Dashboard    ${base}/admin`);
}

void main();
