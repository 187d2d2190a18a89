import { vietnamToday } from './common/vietnamTime';
import type { DownloadedFile } from './types';

/**
 * The file name of a `Content-Disposition: attachment` header (RFC 6266:
 * `filename*=UTF-8''...` first, then `filename="..."`), or the fallback.
 */
export const filenameFromDisposition = (headers: Headers, fallback: string): string => {
  const value = headers.get('Content-Disposition');
  if (!value) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;]+)/.exec(value);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || fallback;
};

/** Hand a downloaded Blob to the browser as a file (object URL + <a download>). */
export const saveFile = ({ blob, filename }: DownloadedFile): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before freeing the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/** Today's date as YYYY-MM-DD in Vietnam (the API's days), whatever the browser's time zone. */
export const localIsoDate = (date = new Date()): string => vietnamToday(date);
