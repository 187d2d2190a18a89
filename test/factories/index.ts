import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type request from 'supertest';
import { hashPassword } from '../../src/auth/passwords.js';
import type { Role } from '../../src/common/roles.js';
import { User } from '../../src/auth/user.entity.js';
import { Committee, type CommitteeKind } from '../../src/committees/committee.entity.js';
import { Member } from '../../src/members/member.entity.js';

/** Factories: build exactly the rows a test needs, straight through the repositories. */

let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}${randomBytes(2).toString('hex')}`;

const CHILD: Record<CommitteeKind, CommitteeKind> = {
  central: 'province',
  province: 'subordinate',
  subordinate: 'grassroots',
  grassroots: 'branch',
  branch: 'branch',
};

export async function createCommittee(db: DataSource, over: Partial<Committee> & { parent?: Committee | null } = {}): Promise<Committee> {
  const { parent = null, ...rest } = over;
  const repo = db.getRepository(Committee);
  const [{ id }] = await db.query(`SELECT nextval(pg_get_serial_sequence('committees', 'id'))::int AS id`);
  const kind = rest.kind ?? (parent ? CHILD[parent.kind] : 'province');
  const row = {
    name: `Đảng bộ ${unique('Thử nghiệm ')}`,
    code: unique('C-'),
    kind,
    parentId: parent?.id ?? null,
    path: parent ? `${parent.path}.${id}` : String(id),
    phase: 'not_started',
    ...rest,
  };
  // raw SQL: TypeORM drops an explicit value for a generated id, and the path must end with it
  await db.query(
    `INSERT INTO committees (id, name, code, kind, parent_id, path, phase, phase_started_at, target_install_rate)
     VALUES ($1, $2, $3, $4, $5, CAST($6 AS ltree), $7, $8, $9)`,
    [id, row.name, row.code, row.kind, row.parentId, row.path, row.phase, row.phaseStartedAt ?? null, row.targetInstallRate ?? null],
  );
  return repo.findOneByOrFail({ id });
}

/** A province with two subordinates, each with one grassroots organisation and one branch. */
export async function createTree(db: DataSource) {
  const province = await createCommittee(db, { kind: 'province', name: 'Tỉnh ủy Thái Nguyên' });
  const districtA = await createCommittee(db, { parent: province, name: 'Huyện ủy Đại Từ' });
  const districtB = await createCommittee(db, { parent: province, name: 'Huyện ủy Định Hóa' });
  const grassA = await createCommittee(db, { parent: districtA, name: 'Đảng bộ xã Hùng Sơn' });
  const grassB = await createCommittee(db, { parent: districtB, name: 'Đảng bộ xã Kim Phượng' });
  const branchA = await createCommittee(db, { parent: grassA, name: 'Chi bộ xóm Đồng Kè' });
  const branchB = await createCommittee(db, { parent: grassB, name: 'Chi bộ xóm Bản Lác' });
  return { province, districtA, districtB, grassA, grassB, branchA, branchB };
}

export async function createMember(db: DataSource, committee: Committee, over: Partial<Member> = {}): Promise<Member> {
  const repo = db.getRepository(Member);
  return repo.save(
    repo.create({
      fullName: 'Nguyễn Văn An',
      gender: 'male',
      birthDate: '1980-05-01',
      status: 'official',
      admittedAt: '2005-03-02',
      officialAt: '2006-03-02',
      partyCardNumber: unique('TN'),
      committeeId: committee.id,
      ...over,
    }),
  );
}

export const TEST_PASSWORD = 'Mat-khau-thu-nghiem-2025';
let cachedHash: Promise<string> | undefined;

export async function createUser(
  db: DataSource,
  role: Role,
  committee: Committee | null,
  over: Partial<User> & { password?: string } = {},
): Promise<User & { password: string }> {
  const { password, ...rest } = over;
  const hash = password ? await hashPassword(password) : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  let memberId = rest.memberId ?? null;
  if (role === 'member' && !memberId) memberId = (await createMember(db, committee!)).id;
  const repo = db.getRepository(User);
  const user = await repo.save(
    repo.create({
      username: unique(`${role.replace('_', '')}.`),
      passwordHash: hash,
      fullName: 'Trần Thị Bình',
      role,
      committeeId: committee?.id ?? null,
      memberId,
      ...rest,
    }),
  );
  return Object.assign(user, { password: password ?? TEST_PASSWORD });
}

/** Logs in through the API and answers the access token. */
export async function login(http: () => ReturnType<typeof request>, user: { username: string; password: string }) {
  const res = await http().post('/api/auth/login').send({ username: user.username, password: user.password });
  if (res.status !== 200) throw new Error(`login of ${user.username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string; user: Record<string, unknown> };
}

export async function tokenFor(
  t: { http: () => ReturnType<typeof request>; db: DataSource },
  role: Role,
  committee: Committee | null,
): Promise<string> {
  return (await login(t.http, await createUser(t.db, role, committee))).accessToken;
}
