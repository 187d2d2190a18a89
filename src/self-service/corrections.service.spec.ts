import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/validation.js';
import { CORRECTION_LIST } from './corrections.service.js';
import { correctionProblems, normaliseChanges } from './self-service.rules.js';
import { CorrectionChangesDto, CreateCorrectionDto } from './dto/correction.dto.js';
import { parseListQuery } from '../common/admin-list.js';
import { Member } from '../members/member.entity.js';

const TODAY = '2025-06-01';

const member = (over: Partial<Member> = {}): Member =>
  Object.assign(new Member(), {
    id: '00000000-0000-4000-8000-000000000001',
    fullName: 'Nguyễn Văn An',
    gender: 'male',
    birthDate: '1980-05-01',
    status: 'official',
    admittedAt: '2005-03-02',
    officialAt: '2006-03-02',
    partyCardNumber: 'TN-1',
    exempted: false,
    exemptedAt: null,
    endState: null,
    endedAt: null,
    installedAt: null,
    notInstalledReason: null,
    phone: null,
    email: null,
    ...over,
  });

/** What the global ValidationPipe does: transform, then validate with whitelist + forbidNonWhitelisted. */
const validate = (body: object) =>
  flattenValidationErrors(validateSync(plainToInstance(CreateCorrectionDto, body), { whitelist: true, forbidNonWhitelisted: true }));

describe('correction requests: validation like the members API', () => {
  it('accepts the correctable fields with the members API rules', () => {
    expect(validate({ changes: { phone: '0912345678', email: 'a@b.vn', birthDate: '1980-01-02', officialAt: null }, reason: 'x' })).toEqual(
      {},
    );
  });

  it('refuses bad formats and fields a member may not ask to correct, keyed by their path', () => {
    const e = validate({ changes: { phone: '12', birthDate: '2/1/1980', gender: 'x', status: 'official', committeeId: 3 }, reason: '' });
    expect(Object.keys(e).sort()).toEqual([
      'changes.birthDate',
      'changes.committeeId',
      'changes.gender',
      'changes.phone',
      'changes.status',
      'reason',
    ]);
    expect(Object.keys(validate({ reason: 'x' }))).toEqual(['changes']);
  });

  it('normalises like the members API and refuses to clear a required field', () => {
    const dto = plainToInstance(CorrectionChangesDto, { fullName: '  Lê Thị Hoa ', email: 'Hoa@Example.VN', phone: null, gender: null });
    expect(normaliseChanges(dto)).toEqual({
      changes: { fullName: 'Lê Thị Hoa', email: 'hoa@example.vn', phone: null },
      errors: { 'changes.gender': 'gender cannot be removed from the record' },
    });
  });
});

describe('correctionProblems: the register rules on the would-be record', () => {
  it('finds nothing wrong with a valid correction', () => {
    expect(correctionProblems(member(), { birthDate: '1981-05-01', phone: '0912345678' }, TODAY)).toEqual({});
  });

  it('refuses a party card for a probationary member and a future birth date', () => {
    const probationary = member({ status: 'probationary', officialAt: null, partyCardNumber: null, admittedAt: '2025-01-10' });
    expect(correctionProblems(probationary, { partyCardNumber: 'TN-9' }, TODAY)).toEqual({
      'changes.partyCardNumber': 'the party card is issued to full members only',
    });
    expect(correctionProblems(probationary, { birthDate: '2026-01-01' }, TODAY)).toEqual({
      'changes.birthDate': 'birthDate cannot be in the future',
    });
  });

  it('reports a problem a change causes on another field', () => {
    expect(correctionProblems(member(), { birthDate: '1990-01-01' }, TODAY)).toEqual({
      'changes.admittedAt': 'members are admitted from 18 years of age',
    });
  });

  it('does not blame the request for a problem the record already had', () => {
    const odd = member({ exempted: true, exemptedAt: null });
    expect(correctionProblems(odd, { phone: '0912345678' }, TODAY)).toEqual({});
  });
});

describe('the corrections admin list', () => {
  it('does not take inherited names for filters or sort fields', () => {
    expect(() => parseListQuery({ filter: '{"constructor":1}' }, CORRECTION_LIST)).toThrow(/unknown filter/);
    expect(() => parseListQuery({ sort: '["__proto__","ASC"]' }, CORRECTION_LIST)).toThrow(/sort field/);
  });
});
