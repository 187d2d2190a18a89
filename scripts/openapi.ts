/**
 * Writes openapi.json at the repository root from the code (`npm run openapi`). Nest's preview mode
 * builds the module graph without running any provider, so no database is needed.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module.js';
import { REPO_ROOT } from '../src/bootstrap.js';
import { buildOpenApiDocument, serializeOpenApi } from '../src/common/openapi.js';

const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { preview: true, logger: false });
app.setGlobalPrefix('api');
const file = join(REPO_ROOT, 'openapi.json');
writeFileSync(file, serializeOpenApi(buildOpenApiDocument(app)));
console.log(`wrote ${file}`);
process.exit(0);
