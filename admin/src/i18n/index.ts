import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import vi from './vi';

export const DEFAULT_LOCALE = 'vi';

export const i18nProvider = polyglotI18nProvider(
  // English is the second language: its messages load when someone picks it, not with the login page
  (locale): TranslationMessages | Promise<TranslationMessages> => (locale === 'en' ? import('./en').then((module) => module.default) : vi),
  DEFAULT_LOCALE,
  [
    { locale: 'vi', name: 'Tiếng Việt' },
    { locale: 'en', name: 'English' },
  ],
  // A missing key shows the key's default (or the key itself) instead of
  // flooding the console; server messages passed through notify() rely on it.
  { allowMissing: true },
);

/** Intl locale tag for numbers and dates in the given UI locale. */
export const intlLocale = (locale: string): string => (locale === 'vi' ? 'vi-VN' : 'en-GB');
