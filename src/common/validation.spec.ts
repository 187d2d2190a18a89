import 'reflect-metadata';
import { describe, expect, it, jest } from '@jest/globals';
import type { ArgumentMetadata, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { Transform, TransformationType } from 'class-transformer';
// @ts-expect-error -- no types beside the package's cjs files; its store of @Transform()s, typed below
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { getMetadataStorage, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppModule } from '../app.module.js';
import { ApiError } from './errors.js';
import { createValidationPipe, REMEMBERED_QUERIES, RememberingQueryValidation } from './validation.js';

class PageQuery {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @IsIn(['csv', 'json'])
  format?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  q?: string;

  @IsOptional()
  @IsString()
  kept = 'default';
}

class TagsQuery {
  @IsOptional()
  @IsString({ each: true })
  tag?: string[];
}

/** class-transformer's store of @Transform()s (not exported from its index). */
const transforms = defaultMetadataStorage as MetadataStorage;

const asQuery = (metatype: Type<unknown>): ArgumentMetadata => ({ type: 'query', metatype, data: undefined });

function pipes() {
  const pipe = createValidationPipe();
  const transform = jest.spyOn(pipe, 'transform');
  return { remembering: new RememberingQueryValidation(pipe), transform };
}

async function refusal(run: () => unknown): Promise<ApiError> {
  try {
    await run();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the query to be refused');
}

describe('RememberingQueryValidation', () => {
  it('answers a query it has seen without validating it again, with a new instance each time', async () => {
    const { remembering, transform } = pipes();
    const first = (await remembering.transform({ limit: '20', format: 'csv' }, asQuery(PageQuery))) as PageQuery;
    first.limit = 99; // a route changing its own DTO does not change the next request's
    const second = (await remembering.transform({ limit: '20', format: 'csv' }, asQuery(PageQuery))) as PageQuery;
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).not.toBe(first);
    expect({ ...second }).toEqual({ limit: 20, format: 'csv', kept: 'default' });
    expect(transform).toHaveBeenCalledTimes(1);
    await remembering.transform({ limit: '21', format: 'csv' }, asQuery(PageQuery));
    expect(transform).toHaveBeenCalledTimes(2);
  });

  it('refuses a bad query every time, and an unknown field, as the pipe does', async () => {
    const { remembering, transform } = pipes();
    for (let i = 0; i < 2; i++) {
      const e = await refusal(() => remembering.transform({ limit: '500' }, asQuery(PageQuery)));
      expect(e).toBeInstanceOf(ApiError);
      expect(e.getStatus()).toBe(400);
      expect(JSON.stringify(e.getResponse())).toContain('limit');
    }
    const unknown = await refusal(() => remembering.transform({ limit: '5', other: 'x' }, asQuery(PageQuery)));
    expect(JSON.stringify(unknown.getResponse())).toContain('other is not an accepted field');
    expect(transform).toHaveBeenCalledTimes(3);
    // a valid query after a refused one with the same fields is not answered from the refusal
    expect(await remembering.transform({ limit: '5' }, asQuery(PageQuery))).toMatchObject({ limit: 5 });
  });

  it('keeps no query whose DTO holds an array, and passes other parameters through', async () => {
    const { remembering, transform } = pipes();
    const a = (await remembering.transform({ tag: ['x', 'y'] }, asQuery(TagsQuery))) as TagsQuery;
    const b = (await remembering.transform({ tag: ['x', 'y'] }, asQuery(TagsQuery))) as TagsQuery;
    expect(b.tag).toEqual(['x', 'y']);
    expect(b.tag).not.toBe(a.tag);
    expect(transform).toHaveBeenCalledTimes(2);
    expect(await remembering.transform('7', { type: 'query', metatype: String, data: 'id' })).toBe('7');
    expect(await remembering.transform({ limit: '3' }, { type: 'body', metatype: PageQuery })).toMatchObject({ limit: 3 });
  });

  it('keeps at most REMEMBERED_QUERIES per class and still answers right past it', async () => {
    const { remembering, transform } = pipes();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 100; i++) await remembering.transform({ format: 'csv', limit: String(i + 1) }, asQuery(PageQuery));
    }
    expect(transform).toHaveBeenCalledTimes(100); // 100 distinct queries, each validated once
    for (let i = 0; i < 2 * REMEMBERED_QUERIES + 10; i++) {
      const dto = (await remembering.transform({ limit: String((i % 100) + 1), q: `q${i}` }, asQuery(PageQuery))) as PageQuery;
      expect({ ...dto }).toEqual({ limit: (i % 100) + 1, q: `q${i}`, kept: 'default' });
    }
    // the map was started anew past the bound: the early queries are validated again
    await remembering.transform({ format: 'csv', limit: '1' }, asQuery(PageQuery));
    expect(transform).toHaveBeenCalledTimes(100 + 2 * REMEMBERED_QUERIES + 10 + 1);
  });
});

/** The rules of class-validator that look at the value alone (what a remembered answer may rest on). */
const VALUE_ONLY_RULES = new Set([
  'isOptional',
  'isDefined',
  'isString',
  'isInt',
  'isBoolean',
  'isIn',
  'min',
  'max',
  'maxLength',
  'isLength',
  'matches',
]);

/** Every controller of the app with the DTO classes of its `@Query()` parameters. */
function queryDtos(): Set<Type<unknown>> {
  const dtos = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  const visit = (module: unknown) => {
    if (!module || seen.has(module)) return;
    seen.add(module);
    const m = (module as { module?: unknown }).module ?? module;
    for (const controller of (Reflect.getMetadata('controllers', m as object) ?? []) as Type<unknown>[]) {
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type<unknown>[];
        for (const [key, arg] of Object.entries(args)) {
          if (key.startsWith(`${RouteParamtypes.QUERY}:`) && arg.data === undefined) dtos.add(types[arg.index]);
        }
      }
    }
    for (const imported of (Reflect.getMetadata('imports', m as object) ?? []) as unknown[]) visit(imported);
  };
  visit(AppModule);
  return dtos;
}

describe('the query DTOs', () => {
  it('check the value alone (no rule or transform reads the clock, the database or the request), so an answer can be remembered', () => {
    const dtos = queryDtos();
    expect(dtos.size).toBeGreaterThanOrEqual(15);
    const storage = getMetadataStorage();
    const offending: string[] = [];
    for (const dto of dtos) {
      const rules = storage.getTargetValidationMetadatas(dto, '', true, false);
      for (const rule of rules) {
        const name = rule.name ?? rule.type;
        if (!VALUE_ONLY_RULES.has(name)) offending.push(`${dto.name}.${rule.propertyName}: @${name}`);
        for (const t of transforms.findTransformMetadatas(dto, rule.propertyName, TransformationType.PLAIN_TO_CLASS)) {
          if (/\bDate\b|now\(|random|await|process\.|this\./.test(String(t.transformFn))) {
            offending.push(`${dto.name}.${rule.propertyName}: @Transform(${String(t.transformFn).slice(0, 60)})`);
          }
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
