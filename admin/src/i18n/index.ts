import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import vi from './vi';
import en from './en';

export const DEFAULT_LOCALE = 'vi';

const messages: Record<string, TranslationMessages> = { vi, en };

export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[locale] ?? messages[DEFAULT_LOCALE],
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
