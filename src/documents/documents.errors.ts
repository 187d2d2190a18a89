import { ApiError } from '../common/errors.js';
import { ALLOWED_FILE_TYPE_NAMES } from './file-types.js';

export const DocumentErrors = {
  notFound: () => ApiError.notFound('Document'),
  fileNotFound: () => ApiError.notFound('File'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeRequired: () => ApiError.validation({ committeeId: 'committeeId is required (the caller has no home committee)' }),
  committeeArchived: () => ApiError.validation({ committeeId: 'the committee was merged or dissolved; publish under the committee that replaced it' }),
  notMultipart: () => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named "file"'),
  noFile: () => ApiError.badRequest('Send the file in a multipart field named "file"', { file: 'a file is required' }, 'FILE_REQUIRED'),
  tooLarge: (max: number) => new ApiError(413, 'FILE_TOO_LARGE', `The file is larger than ${max} bytes`),
  unsupportedType: () =>
    new ApiError(415, 'UNSUPPORTED_FILE_TYPE', `The file's content is not one of ${ALLOWED_FILE_TYPE_NAMES} (the type is read from the bytes, not the name)`),
};
