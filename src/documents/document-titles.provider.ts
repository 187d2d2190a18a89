import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ContentTitles } from '../analytics/content-titles.registry.js';
import { DocumentsRepository } from './documents.repository.js';

/** Tells analytics the titles of documents, for its top-content report (analytics does not read `documents`). */
@Injectable()
export class DocumentTitlesProvider implements OnModuleInit {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly contentTitles: ContentTitles,
  ) {}

  onModuleInit(): void {
    this.contentTitles.register('document', (ids) => this.repository.titles(ids));
  }
}
