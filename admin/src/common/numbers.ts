import { useMemo } from 'react';
import { useLocale } from 'react-admin';
import { intlLocale } from '../i18n';

/**
 * The dashboard's one way of writing numbers and shares, for every page (vi-VN: "10.000", "86,2%").
 * A share that is not zero never reads "0%", nor one short of all "100%": "< 0,1%", "> 99,9%".
 */
export const numberFormats = (locale: string) => {
  const tag = intlLocale(locale);
  const integer = new Intl.NumberFormat(tag);
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  /** `rate` (0–1); with `part` and `whole`, a share that rounds to 0 or 100 while it is not says so. */
  const share = (rate: number, part?: number, whole?: number): string => {
    if (part != null && part > 0 && rate < 0.0005) return `<\u00a0${percent.format(0.001)}`;
    if (part != null && whole != null && part < whole && rate > 0.9995) return `>\u00a0${percent.format(0.999)}`;
    return percent.format(rate);
  };
  return {
    /** 10000 → "10.000" */
    number: (n: number) => integer.format(n),
    /** 4123.45 → "4.123,45" */
    decimal: (n: number, digits = 2) =>
      digits === 2 ? decimal.format(n) : new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(n),
    /** 0.8944 → "89,4%" */
    percent: share,
    /** 89.4 (a percentage, as some reports send them) → "89,4%" */
    percentOf100: (value: number, part?: number, whole?: number) => share(value / 100, part, whole),
  };
};

export type NumberFormats = ReturnType<typeof numberFormats>;

/** The formats of the UI's locale. */
export const useNumberFormats = (): NumberFormats => {
  const locale = useLocale();
  return useMemo(() => numberFormats(locale), [locale]);
};
