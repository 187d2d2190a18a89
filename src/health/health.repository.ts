import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The health check's one statement. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A round trip to the database (`SELECT 1`). */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
