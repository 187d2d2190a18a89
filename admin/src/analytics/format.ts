import { useMemo } from 'react';
import { useLocale } from 'react-admin';
import { vietnamToday } from '../common/vietnamTime';
import { numberFormats } from '../common/numbers';

export { vietnamToday };

/** `isoDate` plus `days` (negative: before), as YYYY-MM-DD. */
export const addDays = (isoDate: string, days: number): string => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/** The Vietnam date of an instant (for a phase change recorded without a start date). */
export const vietnamDate = (instant: string): string => vietnamToday(new Date(instant));

/** Formatters of numbers, rates and dates for the UI locale. */
export const useFormat = () => {
  const locale = useLocale();
  return useMemo(() => {
    const numbers = numberFormats(locale);
    const parts = (iso: string) => {
      const [y, m, d] = iso.slice(0, 10).split('-');
      return { y, m, d };
    };
    return {
      /** 10000 → "10.000" (vi) */
      number: numbers.number,
      /** 4123.45 → "4.123,45" (vi): the API rounds averages to 2 decimals */
      decimal: (n: number) => numbers.decimal(n),
      /** 0.8944 → "89,4%" (vi); with the counts, never "0%" for a share that is not zero */
      percent: numbers.percent,
      /** 2022-11-15 → 15/11/2022 */
      date: (iso: string) => {
        const { y, m, d } = parts(iso);
        return `${d}/${m}/${y}`;
      },
      /** 2022-11-15 → 15/11 */
      shortDate: (iso: string) => {
        const { m, d } = parts(iso);
        return `${d}/${m}`;
      },
      /** 2022-11-01 → 11/2022 */
      month: (iso: string) => {
        const { y, m } = parts(iso);
        return `${m}/${y}`;
      },
    };
  }, [locale]);
};

export type Format = ReturnType<typeof useFormat>;
