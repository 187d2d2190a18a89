/**
 * `npm run seed`: migrates and seeds the demo province on demand (idempotent), against DATABASE_URL
 * or the embedded database under DATA_DIR (stop the server first: one process owns that folder).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';

process.env.SEED_DEMO = 'true';
const app = await NestFactory.createApplicationContext(AppModule, { logger: ['log', 'error', 'warn'] });
await app.close();
