import { Global, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, loadConfig } from './app-config.js';

/**
 * Outside production a missing JWT_SECRET is generated once and kept under DATA_DIR,
 * so that tokens survive a restart of the development server.
 */
export function ensureJwtSecret(config: AppConfig): AppConfig {
  if (config.JWT_SECRET) return config;
  mkdirSync(config.DATA_DIR, { recursive: true });
  const file = join(config.DATA_DIR, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  config.JWT_SECRET = readFileSync(file, 'utf8').trim();
  return config;
}

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => ensureJwtSecret(loadConfig()) }],
  exports: [AppConfig],
})
export class ConfigModule {}
