import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { isEmail, ValidateBy, ValidateIf } from 'class-validator';
import { ApiError } from './errors.js';

/** Flattens class-validator's tree into `{ "questions.0.text": "text should not be empty" }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      // whitelist violations read better as "unknown field" than as class-validator's sentence
      const messages = Object.entries(e.constraints).map(([k, m]) =>
        k === 'whitelistValidation' ? `${path} is not an accepted field` : m,
      );
      out[path] = messages.join('; ');
    }
    if (e.children?.length) Object.assign(out, flattenValidationErrors(e.children, path));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiError.validation(flattenValidationErrors(errors)),
  });
}

/**
 * A field that may be left out or be null (null clears it): the validators after it apply to any
 * other value.
 */
export const Nullable = () => ValidateIf((_, v) => v !== null && v !== undefined);

/**
 * A field that may be left out but is never null: unlike class-validator's `@IsOptional()`, which
 * lets null through to the service (and to a NOT NULL column), null is validated and refused.
 */
export const Optional = () => ValidateIf((_, v) => v !== undefined);

/**
 * The options of every `PartialType(…)` update body: a field left out is kept, a null is validated
 * like any other value (so refused unless the field is `@Nullable()`), never silently taken for
 * "left out".
 */
export const UPDATE_BODY = { skipNullProperties: false } as const;

/**
 * For an update body whose DTO lets null through (`@IsOptional()` under PartialType): refuses, as one
 * validation error, a null in any of `fields`, which cannot be cleared (`name cannot be empty`).
 */
export function refuseCleared<T extends object>(dto: T, fields: readonly (keyof T & string)[]): void {
  const cleared = fields.filter((f) => dto[f] === null);
  if (cleared.length) throw ApiError.validation(Object.fromEntries(cleared.map((f) => [f, `${f} cannot be empty`])));
}

/** A lone UTF-16 surrogate: JSON may carry one, no text encoding can store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * An e-mail address. class-validator's `@IsEmail()` throws (a 500) on a string holding a lone
 * surrogate, because validator.js passes it to `encodeURI`: such a string is refused first.
 */
export const IsEmailAddress = (message: string) =>
  ValidateBy({
    name: 'isEmailAddress',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value),
      defaultMessage: () => message,
    },
  });
