import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { MeDocumentsController } from './me-documents.controller.js';
import { MeDocumentsService } from './me-documents.service.js';
import { FileStorage } from './storage/file-storage.js';
import { LocalFileStorage } from './storage/local-file-storage.js';

/**
 * The document library: editors publish Party and State documents with a file; members read,
 * download and bookmark them. Files live in a FileStorage: the local directory `$DATA_DIR/files`
 * (an S3-compatible implementation would be provided here instead; none is built).
 */
@Module({
  imports: [MembershipModule, AnalyticsModule],
  controllers: [DocumentsController, MeDocumentsController],
  providers: [
    DocumentsService,
    MeDocumentsService,
    { provide: FileStorage, useFactory: (config: AppConfig) => new LocalFileStorage(join(config.DATA_DIR, 'files')), inject: [AppConfig] },
  ],
  exports: [FileStorage],
})
export class DocumentsModule {}
