import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth.decorators.js';
import { AppConfig } from '../config/app-config.js';
import { HealthRepository } from './health.repository.js';

class DatabaseHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['postgres', 'embedded'] }) kind: 'postgres' | 'embedded';
  @ApiProperty({ type: 'integer', nullable: true, description: 'Round trip of `SELECT 1`, ms' }) latencyMs: number | null;
}

class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: DatabaseHealth }) database: DatabaseHealth;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: HealthRepository,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness and the database' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const kind = this.config.embeddedDatabase ? 'embedded' : 'postgres';
    const started = performance.now();
    try {
      await Promise.race([
        this.db.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('health check timed out')), 2000).unref()),
      ]);
      return { status: 'ok', database: { status: 'up', kind, latencyMs: Math.round(performance.now() - started) } };
    } catch {
      reply.status(503);
      return { status: 'degraded', database: { status: 'down', kind, latencyMs: null } };
    }
  }
}
