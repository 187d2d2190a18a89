import { Module } from '@nestjs/common';
import { JobsService } from './jobs.service.js';

/** The job queue (pg-boss on the application's PostgreSQL): modules that enqueue or work jobs import it. */
@Module({
  providers: [JobsService],
  exports: [JobsService],
})
export class JobsModule {}
