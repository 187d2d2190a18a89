import type { CommitteeKind, RolloutPhase } from '../src/committees/committee.entity.js';

/**
 * The national Party organisation as the benchmark builds it, scaled by the number of members:
 * the Central Committee, the 34 provinces and cities of July 2025, each with four directly
 * subordinate committees (the provincial Party agencies, the provincial People's Committee, the
 * military command and the police), about 52,000 grassroots organisations and 300,000 branches at
 * 5.6 million members, pro rata below. Communes and wards (most grassroots organisations) stand
 * directly under their province since the district level was abolished in 2025. Three in ten
 * grassroots organisations are "chi bộ cơ sở" that keep their members themselves; the rest are
 * "đảng bộ cơ sở" with branches.
 *
 * Names are illustrative; the provinces are the real 34 units, weighted by population (the north
 * has more members per inhabitant). Deterministic: a pure function of the member count.
 */

export const NATIONAL_GRASSROOTS = 52_000;
export const NATIONAL_BRANCHES = 300_000;
/** Share of grassroots organisations that are a "chi bộ cơ sở" (no branches, members kept directly). */
const CHI_BO_CO_SO_SHARE = 0.3;
/** Share of a province's grassroots organisations that are communes and wards (directly under the province). */
const COMMUNE_SHARE = 0.7;

/** [code, name, population (millions, 2025), north]: the 34 provincial units since 12 June 2025. */
export const PROVINCES: readonly [string, string, number, boolean][] = [
  ['HN', 'Hà Nội', 8.7, true],
  ['HUE', 'Huế', 1.2, false],
  ['LCH', 'Lai Châu', 0.5, true],
  ['DB', 'Điện Biên', 0.6, true],
  ['SL', 'Sơn La', 1.3, true],
  ['LS', 'Lạng Sơn', 0.8, true],
  ['QNI', 'Quảng Ninh', 1.4, true],
  ['TH', 'Thanh Hóa', 3.7, true],
  ['NA', 'Nghệ An', 3.4, true],
  ['HT', 'Hà Tĩnh', 1.3, true],
  ['CB', 'Cao Bằng', 0.55, true],
  ['TQ', 'Tuyên Quang', 1.9, true],
  ['LCA', 'Lào Cai', 1.8, true],
  ['TN', 'Thái Nguyên', 1.8, true],
  ['PT', 'Phú Thọ', 4.0, true],
  ['BN', 'Bắc Ninh', 3.6, true],
  ['HY', 'Hưng Yên', 3.6, true],
  ['HP', 'Hải Phòng', 4.7, true],
  ['NB', 'Ninh Bình', 4.4, true],
  ['QT', 'Quảng Trị', 1.9, false],
  ['DNG', 'Đà Nẵng', 3.1, false],
  ['QNG', 'Quảng Ngãi', 2.2, false],
  ['GL', 'Gia Lai', 3.6, false],
  ['KH', 'Khánh Hòa', 2.2, false],
  ['LD', 'Lâm Đồng', 3.9, false],
  ['DL', 'Đắk Lắk', 3.3, false],
  ['HCM', 'Thành phố Hồ Chí Minh', 14.0, false],
  ['DNI', 'Đồng Nai', 4.5, false],
  ['TNI', 'Tây Ninh', 3.3, false],
  ['CT', 'Cần Thơ', 4.2, false],
  ['VL', 'Vĩnh Long', 4.3, false],
  ['DT', 'Đồng Tháp', 4.4, false],
  ['CM', 'Cà Mau', 2.6, false],
  ['AG', 'An Giang', 4.9, false],
];

const CITIES = new Set(['HN', 'HUE', 'HP', 'DNG', 'HCM', 'CT']);

/** The four directly subordinate committees of every province, with their share of its non-commune grassroots. */
const SUBORDINATES = [
  { suffix: 'S1', name: (p: string) => `Đảng bộ các cơ quan Đảng ${p}`, share: 0.2, special: false },
  { suffix: 'S2', name: (p: string) => `Đảng bộ Ủy ban nhân dân ${p}`, share: 0.4, special: false },
  { suffix: 'S3', name: (p: string) => `Đảng bộ Quân sự ${p}`, share: 0.2, special: true },
  { suffix: 'S4', name: (p: string) => `Đảng bộ Công an ${p}`, share: 0.2, special: true },
] as const;

const COMMUNE_NAMES = [
  'Tân Phú',
  'Hòa Bình',
  'An Khánh',
  'Phú Lộc',
  'Đông Hưng',
  'Thạch Sơn',
  'Minh Đức',
  'Quang Trung',
  'Hồng Phong',
  'Yên Bình',
  'Tân Lập',
  'Thanh Xuân',
  'Bình Minh',
  'Phúc Thịnh',
  'Đồng Tâm',
  'Nghĩa Hưng',
  'Trung Sơn',
  'Kim Liên',
  'Hưng Đạo',
  'Lê Lợi',
  'Tiên Phong',
  'Hợp Tiến',
  'Thống Nhất',
  'Độc Lập',
  'Vĩnh Hưng',
  'Xuân Phương',
  'Hải Yến',
  'Cẩm Thạch',
  'Long Hải',
  'Tam Hiệp',
  'Phước Long',
  'Mỹ Hòa',
  'Thuận An',
  'Tân Thành',
  'Hòa Khánh',
  'Gia Hội',
  'Đại Đồng',
  'Sơn Thủy',
  'Thái Hòa',
  'Quỳnh Lâm',
];
const AGENCY_UNITS = [
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Xây dựng',
  'Sở Nông nghiệp và Môi trường',
  'Sở Công Thương',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Khoa học và Công nghệ',
  'Bệnh viện Đa khoa',
  'Trường Cao đẳng Sư phạm',
  'Kho bạc Nhà nước khu vực',
];
const PARTY_UNITS = [
  'Văn phòng Tỉnh ủy',
  'Ban Tổ chức',
  'Ban Tuyên giáo và Dân vận',
  'Ủy ban Kiểm tra',
  'Báo và Phát thanh, Truyền hình',
  'Trường Chính trị',
];
const MILITARY_UNITS = [
  'Ban Chỉ huy phòng thủ khu vực',
  'Trung đoàn bộ binh',
  'Bộ Chỉ huy Bộ đội Biên phòng',
  'Cơ quan Bộ Chỉ huy Quân sự',
];
const POLICE_UNITS = ['Phòng Cảnh sát giao thông', 'Phòng An ninh đối ngoại', 'Phòng Cảnh sát hình sự', 'Cơ quan Công an', 'Trại tạm giam'];

export interface ShapeCommittee {
  id: number;
  code: string;
  name: string;
  kind: CommitteeKind;
  parentId: number | null;
  path: string;
  phase: RolloutPhase;
  phaseStartedAt: string | null;
  targetInstallRate: number | null;
}

/** A committee that keeps members (a branch or a chi bộ cơ sở), with how many it gets. */
export interface Holder {
  committeeId: number;
  provinceId: number;
  members: number;
  /** Military and police units: installs wait for approval from above. */
  special: boolean;
  /** When the committee's rollout went live: installs start then. */
  rollout: string;
}

export interface NationalShape {
  committees: ShapeCommittee[];
  holders: Holder[];
  provinces: { id: number; code: string; name: string; members: number }[];
  rootId: number;
}

/** mulberry32: a small seeded generator, so that the tree is the same for the same size. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into parts proportional to `weights` (largest remainder), each at least `min`. */
export function apportion(total: number, weights: number[], min = 0): number[] {
  const n = weights.length;
  if (!n) return [];
  const base = Math.max(0, total - min * n);
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const exact = weights.map((w) => (base * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = base - parts.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k][1]]++;
  return parts.map((p) => p + min);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

export function buildNationalShape(members: number): NationalShape {
  const rnd = prng(20250701 + members);
  const f = members / 5_600_000;
  const weights = PROVINCES.map(([, , pop, north]) => pop * (north ? 1.35 : 1));
  const provinceMembers = apportion(members, weights, 1);
  // at least one chi bộ cơ sở and one đảng bộ cơ sở with a branch per province
  const provinceGrassroots = apportion(Math.max(Math.round(NATIONAL_GRASSROOTS * f), PROVINCES.length * 2), weights, 2);
  const provinceBranches = apportion(Math.max(Math.round(NATIONAL_BRANCHES * f), PROVINCES.length), weights, 1);

  const committees: ShapeCommittee[] = [];
  const holders: Holder[] = [];
  const provinces: NationalShape['provinces'] = [];
  let nextId = 1;
  const add = (c: Omit<ShapeCommittee, 'id' | 'path'>, parent: ShapeCommittee | null): ShapeCommittee => {
    const id = nextId++;
    const row = { ...c, id, path: parent ? `${parent.path}.${id}` : String(id) };
    committees.push(row);
    return row;
  };
  const root = add(
    {
      code: 'TW',
      name: 'Ban Chấp hành Trung ương Đảng',
      kind: 'central',
      parentId: null,
      phase: 'live',
      phaseStartedAt: '2025-07-01',
      targetInstallRate: 0.9,
    },
    null,
  );

  PROVINCES.forEach(([code, name, , north], p) => {
    // Thái Nguyên ran the first handbook (live since 1-1-2022); the others joined the national one in 2025
    const live = code === 'TN' ? '2022-01-01' : addDays('2025-07-15', Math.floor(rnd() * 75));
    const title = CITIES.has(code) ? `Thành ủy ${name}` : `Tỉnh ủy ${name}`;
    const province = add(
      {
        code,
        name: title,
        kind: 'province',
        parentId: root.id,
        phase: 'live',
        phaseStartedAt: live,
        targetInstallRate: north ? 0.9 : 0.85,
      },
      root,
    );
    const where = CITIES.has(code) ? `thành phố ${name}` : `tỉnh ${name}`;
    const subs = SUBORDINATES.map((s) => ({
      spec: s,
      committee: add(
        {
          code: `${code}-${s.suffix}`,
          name: s.name(where),
          kind: 'subordinate',
          parentId: province.id,
          phase: s.special ? 'pilot' : 'live',
          phaseStartedAt: s.special ? '2026-03-01' : addDays(live, 14),
          targetInstallRate: s.special ? 0.5 : 0.9,
        },
        province,
      ),
    }));

    // grassroots: communes and wards under the province, the rest under the four subordinates
    const g = provinceGrassroots[p];
    const communes = Math.max(1, Math.round(g * COMMUNE_SHARE));
    const perSub = apportion(
      g - communes,
      subs.map((s) => s.spec.share),
    );
    const grassroots: { c: ShapeCommittee; special: boolean; units: string[] }[] = [];
    const used = new Map<string, number>();
    for (let i = 0; i < communes; i++) {
      const base = `${rnd() < (CITIES.has(code) ? 0.6 : 0.2) ? 'phường' : 'xã'} ${COMMUNE_NAMES[Math.floor(rnd() * COMMUNE_NAMES.length)]}`;
      const seen = (used.get(base) ?? 0) + 1;
      used.set(base, seen);
      grassroots.push({
        c: add(
          {
            code: `${code}-G${grassroots.length + 1}`,
            name: `Đảng bộ ${base}${seen > 1 ? ` ${seen}` : ''}`,
            kind: 'grassroots',
            parentId: province.id,
            phase: 'live',
            phaseStartedAt: addDays(live, 7),
            targetInstallRate: null,
          },
          province,
        ),
        special: false,
        units: ['thôn', 'tổ dân phố', 'xóm', 'khu phố'],
      });
    }
    subs.forEach((s, k) => {
      const names =
        s.spec.suffix === 'S1'
          ? PARTY_UNITS
          : s.spec.suffix === 'S2'
            ? AGENCY_UNITS
            : s.spec.suffix === 'S3'
              ? MILITARY_UNITS
              : POLICE_UNITS;
      for (let i = 0; i < perSub[k]; i++) {
        const unit = `${names[i % names.length]}${i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : ''}`;
        grassroots.push({
          c: add(
            {
              code: `${code}-G${grassroots.length + 1}`,
              name: `Đảng bộ ${unit}`,
              kind: 'grassroots',
              parentId: s.committee.id,
              phase: s.committee.phase,
              phaseStartedAt: s.committee.phaseStartedAt,
              targetInstallRate: null,
            },
            s.committee,
          ),
          special: s.spec.special,
          units: s.spec.special ? ['Đại đội', 'Đội', 'Tổ công tác'] : ['Phòng', 'Khoa', 'Tổ'],
        });
      }
    });

    // a third are chi bộ cơ sở (members directly); the rest get the province's branches
    const chiBoCoSo = new Set<number>();
    grassroots.forEach((_, i) => {
      if (rnd() < CHI_BO_CO_SO_SHARE) chiBoCoSo.add(i);
    });
    if (chiBoCoSo.size === grassroots.length) chiBoCoSo.delete(0);
    const withBranches = grassroots.map((_, i) => i).filter((i) => !chiBoCoSo.has(i));
    const branchCounts = apportion(
      Math.max(provinceBranches[p], withBranches.length),
      withBranches.map(() => 0.3 + rnd() * 1.4),
      1,
    );
    const provinceHolders: { committee: ShapeCommittee; special: boolean }[] = [];
    for (const i of chiBoCoSo) {
      const gr = grassroots[i];
      gr.c.name = gr.c.name.replace(/^Đảng bộ /, 'Chi bộ ');
      provinceHolders.push({ committee: gr.c, special: gr.special });
    }
    withBranches.forEach((i, k) => {
      const gr = grassroots[i];
      for (let b = 1; b <= branchCounts[k]; b++) {
        const unit = gr.units[Math.floor(rnd() * gr.units.length)];
        const branch = add(
          {
            code: `${gr.c.code}-B${b}`,
            name: `Chi bộ ${unit} số ${b}`,
            kind: 'branch',
            parentId: gr.c.id,
            phase: gr.c.phase,
            phaseStartedAt: gr.c.phaseStartedAt,
            targetInstallRate: null,
          },
          gr.c,
        );
        provinceHolders.push({ committee: branch, special: gr.special });
      }
    });
    const sizes = apportion(
      provinceMembers[p],
      provinceHolders.map(() => 0.5 + rnd()),
      0,
    );
    provinceHolders.forEach((h, k) => {
      if (sizes[k] > 0) {
        holders.push({
          committeeId: h.committee.id,
          provinceId: province.id,
          members: sizes[k],
          special: h.special,
          rollout: h.committee.phaseStartedAt!,
        });
      }
    });
    provinces.push({ id: province.id, code, name: title, members: provinceMembers[p] });
  });
  return { committees, holders, provinces, rootId: root.id };
}
