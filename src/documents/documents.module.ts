import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { DocumentFilesService } from './document-files.service.js';
import { DocumentTitlesProvider } from './document-titles.provider.js';
import { MeDocumentsController } from './me-documents.controller.js';
import { MeDocumentsService } from './me-documents.service.js';
import { FileStorage } from './storage/file-storage.js';
import { LocalFileStorage } from './storage/local-file-storage.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StoredFile } from './stored-file.entity.js';
import { Document } from './document.entity.js';
import { Bookmark } from './bookmark.entity.js';
import { BookmarkRepository } from './bookmark.repository.js';
import { DocumentsRepository } from './documents.repository.js';
import { StoredFileRepository } from './stored-file.repository.js';
import { StoredFileHolders } from './stored-file-holders.js';

/**
 * The document library: editors publish Party and State documents with a file; members read,
 * download and bookmark them. Files live in a FileStorage: the local directory `$DATA_DIR/files`
 * (an S3-compatible implementation would be provided here instead; none is built).
 */
@Module({
  imports: [TypeOrmModule.forFeature([StoredFile, Document, Bookmark]), CommitteesModule, AnalyticsModule, NotificationsModule],
  controllers: [DocumentsController, MeDocumentsController],
  providers: [
    DocumentsService,
    MeDocumentsService,
    DocumentFilesService,
    DocumentTitlesProvider,
    DocumentsRepository,
    BookmarkRepository,
    StoredFileRepository,
    StoredFileHolders,
    { provide: FileStorage, useFactory: (config: AppConfig) => new LocalFileStorage(join(config.DATA_DIR, 'files')), inject: [AppConfig] },
  ],
  exports: [FileStorage, DocumentFilesService, DocumentsService, StoredFileHolders],
})
export class DocumentsModule {}
