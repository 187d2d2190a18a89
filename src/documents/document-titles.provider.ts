import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ContentTitles } from '../analytics/content-titles.registry.js';
import { Document } from './document.entity.js';

/** Tells analytics the titles of documents, for its top-content report (analytics does not read `documents`). */
@Injectable()
export class DocumentTitlesProvider implements OnModuleInit {
  constructor(
    @InjectRepository(Document) private readonly documents: Repository<Document>,
    private readonly contentTitles: ContentTitles,
  ) {}

  onModuleInit(): void {
    this.contentTitles.register('document', (ids) => this.titles(ids));
  }

  /** id → title of the documents among `ids` that exist. */
  async titles(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.documents.find({ select: { id: true, title: true }, where: { id: In(ids) } });
    return new Map(rows.map((d) => [d.id, d.title]));
  }
}
