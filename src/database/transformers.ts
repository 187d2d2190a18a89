import type { ValueTransformer } from 'typeorm';

/** `numeric` columns arrive from pg as strings (exactness); the API speaks numbers. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
