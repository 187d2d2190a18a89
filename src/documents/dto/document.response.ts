import { ApiProperty } from '@nestjs/swagger';
import { CONTENT_STATUSES, DOCUMENT_TYPES, type ContentStatus, type Document, type DocumentType } from '../document.entity.js';

export class DocumentFileResponse {
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'Detected from the bytes', example: 'application/pdf' }) mime: string;
  @ApiProperty({ description: 'The name it is downloaded under', example: 'Nghị quyết 27-NQ-TW.pdf' }) name: string;
  @ApiProperty({
    description: "SHA-256 of the bytes (also the download's ETag)",
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  sha256: string;
}

/** A document as editors see it (the dashboard). */
export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'The publishing committee' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', nullable: true }) number: string | null;
  @ApiProperty({ enum: DOCUMENT_TYPES, enumName: 'DocumentType' }) type: DocumentType;
  @ApiProperty() issuingBody: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) issuedOn: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: CONTENT_STATUSES, enumName: 'ContentStatus' }) status: ContentStatus;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'The first publication' }) publishedAt: Date | null;
  @ApiProperty({ type: DocumentFileResponse, nullable: true }) file: DocumentFileResponse | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

function fileOf(d: Document): DocumentFileResponse | null {
  return d.file && d.fileName ? { size: d.file.size, mime: d.file.mime, name: d.fileName, sha256: d.file.sha256 } : null;
}

/** `d.file` and `d.committee` loaded. */
export function toDocumentResponse(d: Document): DocumentResponse {
  return {
    id: d.id,
    committeeId: d.committeeId,
    committeeName: d.committee?.name ?? null,
    title: d.title,
    number: d.number,
    type: d.type,
    issuingBody: d.issuingBody,
    issuedOn: d.issuedOn,
    summary: d.summary,
    tags: d.tags,
    status: d.status,
    publishedAt: d.publishedAt,
    file: fileOf(d),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** A document in a mobile list: enough to show a row, no summary. */
export class MyDocumentItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', nullable: true, example: '27-NQ/TW' }) number: string | null;
  @ApiProperty({ enum: DOCUMENT_TYPES, enumName: 'DocumentType' }) type: DocumentType;
  @ApiProperty() issuingBody: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) issuedOn: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) publishedAt: Date;
  @ApiProperty({ description: 'A file can be downloaded (GET /api/me/documents/{id}/file)' }) hasFile: boolean;
  @ApiProperty({ description: 'The caller bookmarked it' }) bookmarked: boolean;
}

export class MyDocumentFile {
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ example: 'application/pdf' }) mime: string;
  @ApiProperty({ example: 'Nghị quyết 27-NQ-TW.pdf' }) name: string;
  @ApiProperty({ description: "SHA-256 of the bytes: a stable key for an offline copy (and the download's ETag)" }) sha256: string;
}

export class MyDocumentDetail extends MyDocumentItem {
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'string', nullable: true, description: 'The publishing committee' }) publisherName: string | null;
  @ApiProperty({ type: MyDocumentFile, nullable: true }) file: MyDocumentFile | null;
}

export class MyDocumentPage {
  @ApiProperty({ type: [MyDocumentItem] }) items: MyDocumentItem[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export class MyBookmarkItem extends MyDocumentItem {
  @ApiProperty({ type: 'string', format: 'date-time' }) bookmarkedAt: Date;
}

export class MyBookmarkPage {
  @ApiProperty({ type: [MyBookmarkItem] }) items: MyBookmarkItem[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export function toMyDocumentItem(d: Document, bookmarked: boolean): MyDocumentItem {
  return {
    id: d.id,
    title: d.title,
    number: d.number,
    type: d.type,
    issuingBody: d.issuingBody,
    issuedOn: d.issuedOn,
    publishedAt: d.publishedAt as Date,
    hasFile: d.fileId !== null,
    bookmarked,
  };
}

/** `d.file` and `d.committee` loaded. */
export function toMyDocumentDetail(d: Document, bookmarked: boolean): MyDocumentDetail {
  return {
    ...toMyDocumentItem(d, bookmarked),
    summary: d.summary,
    tags: d.tags,
    publisherName: d.committee?.name ?? null,
    file: fileOf(d),
  };
}
