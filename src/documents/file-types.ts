import { fileTypeFromFile } from 'file-type';

/**
 * The attachments a document may have, by what their bytes are (magic bytes, never the name or
 * the client's Content-Type): the detected MIME type → the extension the served name ends with.
 * A DOCX is a zip whose entries make it a Word document; file-type reads them to tell it from a
 * plain zip, an xlsx or a macro-enabled docm (all refused).
 */
export const ALLOWED_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

export const ALLOWED_FILE_TYPE_NAMES = 'PDF, DOCX, PNG, JPEG, WebP';

/** The file's detected type if it is an allowed one, else null (unknown bytes, an executable, a zip, HTML...). */
export async function detectAllowedType(path: string): Promise<{ mime: string; ext: string } | null> {
  const type = await fileTypeFromFile(path);
  if (!type || !Object.hasOwn(ALLOWED_FILE_TYPES, type.mime)) return null;
  return { mime: type.mime, ext: ALLOWED_FILE_TYPES[type.mime] };
}
