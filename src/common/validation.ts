import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { getMetadataStorage, isEmail, ValidateBy, ValidateIf } from 'class-validator';
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
  memoizeValidationRules();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiError.validation(flattenValidationErrors(errors)),
  });
}

/** How many validated queries are kept per DTO class; past it, the class's are forgotten and kept anew. */
export const REMEMBERED_QUERIES = 1000;
/** A query longer than this (as JSON) is validated every time and not kept. */
const REMEMBERED_QUERY_MAX_LENGTH = 512;

/**
 * The ValidationPipe in front of a route's query (params.ts), remembering what it answered for the
 * queries it has seen. The hot reads are asked the same few queries over and over (`committeeId=…`,
 * `range=[0,24]`, `month=…`), and class-transformer and class-validator cost each of them ~15 µs of
 * Node CPU and ~11 KB of garbage (a CPU and an allocation profile of the install rates at a branch,
 * issue 20); the answer depends only on the DTO class and the query (no rule of a query DTO reads the
 * clock or the database: validation.spec.ts holds every query DTO to it).
 *
 * Kept: a query that passed, whose DTO holds only strings, numbers, booleans and nulls, as a frozen
 * copy of its fields; each request gets a new instance of the class with them (a route may change
 * its own). A refused query, a long one (a search) or one whose DTO holds an object or array goes
 * through the pipe every time. At most REMEMBERED_QUERIES per class.
 */
export class RememberingQueryValidation implements PipeTransform {
  private readonly kept = new Map<unknown, Map<string, Readonly<Record<string, unknown>>>>();

  constructor(private readonly pipe: ValidationPipe) {}

  /** Whether the pipe validates this parameter at all (its own test: not a primitive's or Object's type). */
  private validates(metadata: ArgumentMetadata): boolean {
    return (this.pipe as unknown as { toValidate(m: ArgumentMetadata): boolean }).toValidate(metadata);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const type = metadata.metatype as (new () => object) | undefined;
    if (metadata.type !== 'query' || !type || !this.validates(metadata) || !value || typeof value !== 'object') {
      return this.pipe.transform(value, metadata);
    }
    const key = JSON.stringify(value);
    let byQuery = this.kept.get(type);
    const fields = byQuery?.get(key);
    if (fields) return Object.assign(Object.create(type.prototype) as object, fields);
    return (this.pipe.transform(value, metadata) as Promise<object>).then((dto) => {
      if (key.length <= REMEMBERED_QUERY_MAX_LENGTH && Object.getPrototypeOf(dto) === type.prototype) {
        const copy = { ...dto } as Record<string, unknown>;
        if (Object.values(copy).every((v) => v === null || (typeof v !== 'object' && typeof v !== 'function'))) {
          if (!byQuery || byQuery.size >= REMEMBERED_QUERIES) this.kept.set(type, (byQuery = new Map()));
          byQuery.set(key, Object.freeze(copy));
        }
      }
      return dto;
    });
  }
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

const MEMOIZED = Symbol('memoizedValidationRules');

/**
 * class-validator looks a class's rules up on every `validate()` by walking every decorated class
 * of the process (an `instanceof` each, for inherited rules) and filtering their rules: 13–25 µs of
 * Node CPU per request on a route with a query DTO (the news feed, the member list; a CPU profile,
 * issue 20). The rules of a class change only when a class is defined (decorators run at import),
 * so the answer is kept per class and options, and forgotten whenever a rule is added (the
 * validator neither changes the list nor its grouping by property, memoized too).
 */
export function memoizeValidationRules(): void {
  const storage = getMetadataStorage() as ReturnType<typeof getMetadataStorage> & { [MEMOIZED]?: true };
  if (storage[MEMOIZED]) return;
  storage[MEMOIZED] = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let memo = new Map<string, ReturnType<typeof lookUp>>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (target: object) => {
    let id = ids.get(target);
    if (id === undefined) ids.set(target, (id = nextId++));
    return id;
  };
  storage.addValidationMetadata = (metadata) => {
    memo = new Map();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${idOf(target)}|${schema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let rules = memo.get(key);
    if (!rules) memo.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  // and the same rules grouped by property, which the validator asks for next (neither is mutated)
  const group = storage.groupByPropertyName.bind(storage);
  const grouped = new WeakMap<object, ReturnType<typeof group>>();
  storage.groupByPropertyName = (rules) => {
    let byProperty = grouped.get(rules);
    if (!byProperty) grouped.set(rules, (byProperty = group(rules)));
    return byProperty;
  };
}
