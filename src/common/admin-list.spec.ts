import { describe, expect, it } from '@jest/globals';
import { ApiError } from './errors.js';
import { intFilter, parseListQuery, type ListSpec } from './admin-list.js';

const spec: ListSpec = {
  sortable: { name: 'c.name', id: 'c.id' },
  defaultSort: ['id', 'ASC'],
  tieBreaker: 'c.id',
  filters: { parentId: intFilter('c.parent_id') },
};

function error(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected an error');
}

describe('parseListQuery (ra-data-simple-rest)', () => {
  it('reads sort, range and filter', () => {
    expect(parseListQuery({ sort: '["name","DESC"]', range: '[25,49]', filter: '{"parentId":3}' }, spec)).toEqual({
      sort: ['name', 'DESC'],
      offset: 25,
      limit: 25,
      filter: { parentId: 3 },
    });
  });

  it('defaults to the first page of 25 in the default order', () => {
    expect(parseListQuery({}, spec)).toMatchObject({ sort: ['id', 'ASC'], offset: 0, limit: 25, filter: {} });
  });

  it.each([
    ['sort', { sort: '["password","ASC"]' }, /sort field must be one of: name, id/],
    ['sort', { sort: '["name","SIDEWAYS"]' }, /ASC or DESC/],
    ['sort', { sort: 'name' }, /not valid JSON/],
    ['range', { range: '[10,5]' }, /first <= last/],
    ['range', { range: '[0,100000]' }, /at most 500/],
    ['range', { range: '[-1,5]' }, /0 <= first/],
    ['filter', { filter: '[1]' }, /JSON object/],
    ['filter', { filter: '{"role":"admin"}' }, /unknown filter "role"/],
  ])('refuses a bad %s with a 400 naming it', (field, query, message) => {
    const e = error(() => parseListQuery(query, spec));
    expect(e.getStatus()).toBe(400);
    expect(e.code).toBe('INVALID_LIST_QUERY');
    expect(e.errors?.[field]).toMatch(message);
  });
});
