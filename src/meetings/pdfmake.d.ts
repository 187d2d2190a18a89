/**
 * The part of pdfmake (0.3, server side) that the minutes use. Written here rather than taken from
 * @types/pdfmake, whose `/// <reference lib="dom" />` would put the browser's globals (fetch, Blob)
 * into the whole server's type check.
 */
declare module 'pdfmake' {
  /** A node of the document: text, or an object of pdfmake's document-definition language. */
  export type PdfContent = string | PdfNode | PdfContent[];
  export interface PdfNode {
    [key: string]: unknown;
  }
  export interface PdfDocumentDefinition {
    content: PdfContent;
    info?: Record<string, string>;
    pageSize?: string;
    pageMargins?: [number, number, number, number];
    watermark?: { text: string; opacity?: number; bold?: boolean; color?: string };
    defaultStyle?: PdfNode;
    styles?: Record<string, PdfNode>;
    footer?: (currentPage: number, pageCount: number) => PdfContent;
    compress?: boolean;
  }
  export interface PdfFontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface CreatedPdf {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, PdfFontFiles>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: PdfDocumentDefinition): CreatedPdf;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
