import { DOCUMENT_TYPES } from '../types';

/** Choices whose names are translation keys (inputs translate them). */
export const documentTypeChoices = DOCUMENT_TYPES.map((id) => ({
  id,
  name: `resources.documents.types.${id}`,
}));

/** What the server accepts (it reads the type from the bytes). */
export const DOCUMENT_FILE_ACCEPT =
  '.pdf,.docx,.png,.jpg,.jpeg,.webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg,image/webp';

export const isPdf = (mime?: string | null) => mime === 'application/pdf';
export const isImage = (mime?: string | null) => !!mime && /^image\/(png|jpeg|webp)$/.test(mime);
