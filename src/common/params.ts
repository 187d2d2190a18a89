// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the one place Nest's own are wrapped
import { Body as NestBody, Param as NestParam, Query as NestQuery, type PipeTransform, type Type } from '@nestjs/common';
import { createValidationPipe, RememberingQueryValidation } from './validation.js';

type Pipe = Type<PipeTransform> | PipeTransform;

/**
 * The request's body, query and path parameters, validated (and transformed) by the one
 * ValidationPipe (validation.ts), then by the route's own pipes — Nest's `@Body()`, `@Query()` and
 * `@Param()` with that pipe first, as it ran when it was the global pipe.
 *
 * Not a global pipe: Nest runs global pipes on every parameter, `@CurrentUser()` too, where the
 * ValidationPipe does nothing but costs each authenticated request about twelve promises (a fifth
 * of an unread-count request's, issue 20). ESLint refuses Nest's own three in src/ (eslint.config.js),
 * so no route can take a body or a query without validation.
 */
const validation = createValidationPipe();
/** The same pipe in front of `@Query()`, remembering the queries it has validated (validation.ts). */
const queryValidation = new RememberingQueryValidation(validation);

function withValidation(decorator: (...args: (string | Pipe)[]) => ParameterDecorator, first: Pipe = validation) {
  return (propertyOrPipe?: string | Pipe, ...pipes: Pipe[]): ParameterDecorator =>
    typeof propertyOrPipe === 'string'
      ? decorator(propertyOrPipe, first, ...pipes)
      : decorator(first, ...(propertyOrPipe === undefined ? [] : [propertyOrPipe]), ...pipes);
}

/** Nest's `@Body()`, validated first. */
export const Body = withValidation(NestBody as (...args: (string | Pipe)[]) => ParameterDecorator);
/** Nest's `@Query()`, validated first. */
export const Query = withValidation(NestQuery as (...args: (string | Pipe)[]) => ParameterDecorator, queryValidation);
/** Nest's `@Param()`, validated first. */
export const Param = withValidation(NestParam as (...args: (string | Pipe)[]) => ParameterDecorator);
