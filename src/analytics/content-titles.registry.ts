import { Injectable } from '@nestjs/common';
import type { RankedTargetType } from './analytics.rules.js';

/** Answers the titles of the given items of one kind (id → title); ids it does not know are left out. */
export type TitleResolver = (ids: string[]) => Promise<Map<string, string>>;

/**
 * The titles of the content the top-content report ranks. Analytics sits below the modules that own
 * the content (they record views through EventsService), so it does not read their tables: each
 * registers a resolver for its kind at start (src/documents/document-titles.provider.ts,
 * src/news/news-titles.provider.ts). A kind without a resolver has no titles (null in the report).
 */
@Injectable()
export class ContentTitles {
  private readonly resolvers = new Map<RankedTargetType, TitleResolver>();

  register(kind: RankedTargetType, resolver: TitleResolver): void {
    this.resolvers.set(kind, resolver);
  }

  /** The titles of these items of `kind`; an empty map without ids or without a resolver. */
  async titles(kind: RankedTargetType, ids: string[]): Promise<Map<string, string>> {
    const resolver = this.resolvers.get(kind);
    return ids.length && resolver ? resolver(ids) : new Map();
  }
}
