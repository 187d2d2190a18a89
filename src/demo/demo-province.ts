import type { CommitteeKind, RolloutPhase } from '../committees/committee.entity.js';
import type { Gender, MemberStatus, NotInstalledReason } from '../members/member.entity.js';

/**
 * Demo data: a provincial Party organisation modelled on Thái Nguyên's rollout of the electronic Party member handbook
 * (a trial in 11–12/2021, a pilot in Đảng bộ Khối các cơ quan tỉnh in 12/2021, then all 16 directly subordinate
 * committees from 1-1-2022; by 15-11-2022, 86% of all members and 90% of full members had installed the app; the rest
 * were probationary, exempted, elderly, without a smartphone, or in the army and police committees awaiting approval
 * from above).
 *
 * Everything here is illustrative and generated: place and unit names are real-sounding (most are real places of the
 * province in 2022), but the tree is not the province's actual one and every member is fictitious. The output is a
 * pure function of the options (own PRNG, fixed "as of" date): no Math.random, no clock.
 */

export interface DemoCommittee {
  code: string;
  name: string;
  kind: CommitteeKind;
  parentCode: string | null;
  phase: RolloutPhase;
  phaseStartedAt: string | null;
  targetInstallRate: number | null;
  /** The phase before the current one, when the demo has it change (the recent rollout wave). */
  previousPhase?: { phase: RolloutPhase; startedAt: string };
}

export interface DemoMember {
  fullName: string;
  gender: Gender;
  birthDate: string;
  partyCardNumber: string | null;
  status: MemberStatus;
  admittedAt: string;
  officialAt: string | null;
  exempted: boolean;
  exemptedAt: string | null;
  exemptedReason: string | null;
  phone: string | null;
  email: string | null;
  committeeCode: string;
  notInstalledReason: NotInstalledReason | null;
  /** ISO timestamp (UTC). */
  installedAt: string | null;
}

export interface DemoProvince {
  committees: DemoCommittee[];
  members: DemoMember[];
}

export const DEMO_PROVINCE_CODE = 'TN';

// ---------------------------------------------------------------------------------------------------------------------
// Tunables. With members=10000 they give ~86% installed overall and ~90% of full members (see the spec).

const DEFAULT_SEED = 20221115;
const MEMBERS_PER_GRASSROOTS = 100;
const MEMBERS_PER_BRANCH = 29;
/** Share of members over 60 (retirees); they live in residential branches (xóm, tổ dân phố). */
const RETIREE_SHARE = 0.15;
const PROBATIONARY_RATE = 0.058; // among members under retirement age, which gives ~5% overall
const INSTALL_PROBATIONARY = 0.15; // accounts were issued from the full-member lists first
const INSTALL_EXEMPTED = 0.1;
const INSTALL_OFFICIAL_UNDER_61 = 0.994;
const INSTALL_OFFICIAL_61_74 = 0.95;
const INSTALL_OFFICIAL_75_PLUS = 0.82;
/** Lower install odds in the mountainous districts (weaker coverage, fewer smartphones). */
const MOUNTAIN_PENALTY = 0.01;
const AGE_EXEMPTION_REASON = 'Tuổi cao, sức khỏe yếu';
const ILLNESS_EXEMPTION_REASON = 'Ốm đau dài ngày';

// Module-level aliases: under a vm context (jest), every `Math.x` in a hot loop is a slow global lookup.
const { floor, imul, max, min, round, trunc } = Math;

// ---------------------------------------------------------------------------------------------------------------------
// Dates, as day numbers (days since 1970-01-01). Plain integer calendar arithmetic: no Date objects in the hot path.

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** [year, month 1–12, day] of a day number (H. Hinnant's civil_from_days). */
function civil(z: number): [number, number, number] {
  const zz = z + 719_468;
  const era = floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36_524) - floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const d = doy - floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The same calendar day `years` later (29 February becomes 1 March in a common year). */
function addYears(day: number, years: number): number {
  const [y, m, d] = civil(day);
  const ty = y + years;
  return m === 2 && d === 29 && !isLeap(ty) ? dayNumber(ty, 3, 1) : dayNumber(ty, m, d);
}

function pad(n: number, width = 2): string {
  return `${n}`.padStart(width, '0');
}

const isoDates = new Map<number, string>();
function isoDate(day: number): string {
  let s = isoDates.get(day);
  if (s === undefined) {
    const [y, m, d] = civil(day);
    s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
    isoDates.set(day, s);
  }
  return s;
}

const AS_OF = dayNumber(2022, 11, 15);
const LIVE_START = dayNumber(2022, 1, 1);
const PILOT_START = dayNumber(2021, 12, 1);
/** Installs are counted up to the report: the last install day is 14-11-2022 (local time). */
const LAST_INSTALL_DAY = AS_OF - 1;
const VN_OFFSET_SECONDS = 7 * 3600;

// ---------------------------------------------------------------------------------------------------------------------
// Randomness.

export type Rng = () => number;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = imul(a ^ (a >>> 15), 1 | a);
    t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function int(rng: Rng, n: number): number {
  return floor(rng() * n);
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[int(rng, list.length)];
}

interface Weighted {
  items: string[];
  cumulative: number[];
  total: number;
}

function weighted(table: readonly (readonly [string, number])[]): Weighted {
  const items: string[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, w] of table) {
    total += w;
    items.push(item);
    cumulative.push(total);
  }
  return { items, cumulative, total };
}

function pickWeighted(rng: Rng, w: Weighted): string {
  const r = rng() * w.total;
  for (let i = 0; i < w.cumulative.length; i++) if (r < w.cumulative[i]) return w.items[i];
  return w.items[w.items.length - 1];
}

/** A shuffled copy (Fisher–Yates). */
function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(rng, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `n` items of `list` chosen at random, kept in list order. */
function sample<T>(rng: Rng, list: readonly T[], n: number): T[] {
  const chosen = new Set(
    shuffled(
      rng,
      list.map((_, i) => i),
    ).slice(0, n),
  );
  return list.filter((_, i) => chosen.has(i));
}

/** Splits `total` into integers proportional to `weights` (largest remainder, ties by position). */
function apportion(total: number, weights: readonly number[]): number[] {
  const out = weights.map(() => 0);
  if (weights.length === 0 || total <= 0) return out;
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  let rest = total;
  for (let i = 0; i < raw.length; i++) {
    out[i] = floor(raw[i]);
    rest -= out[i];
  }
  const order = raw.map((r, i) => [r - out[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k++, rest--) out[order[k % order.length][1]]++;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// Names of people.

const FAMILY_NAMES = weighted([
  ['Nguyễn', 38],
  ['Trần', 9],
  ['Lê', 7.5],
  ['Phạm', 5.5],
  ['Hoàng', 5],
  ['Vũ', 3],
  ['Dương', 3],
  ['Nông', 2.5],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 2],
  ['Đinh', 2],
  ['Ma', 2],
  ['Lương', 2],
  ['Hà', 2],
  ['Ngô', 1.5],
  ['Phan', 1.2],
  ['Hồ', 1],
  ['Lý', 1],
  ['Trịnh', 1],
  ['Triệu', 1],
  ['Lưu', 1],
  ['Đào', 1],
  ['Mai', 0.8],
  ['Chu', 0.7],
  ['Tạ', 0.5],
]);

const MALE_MIDDLE_NAMES = weighted([
  ['Văn', 40],
  ['Minh', 7],
  ['Đức', 8],
  ['Hữu', 6],
  ['Quang', 5],
  ['Đình', 5],
  ['Xuân', 4],
  ['Ngọc', 4],
  ['Thanh', 4],
  ['Công', 4],
  ['Mạnh', 3],
  ['Trung', 3],
  ['Duy', 3],
  ['Thế', 3],
  ['Tiến', 2],
  ['Anh', 2],
  ['Việt', 2],
  ['Hoàng', 2],
]);

const FEMALE_MIDDLE_NAMES = weighted([
  ['Thị', 62],
  ['Thu', 5],
  ['Thanh', 5],
  ['Ngọc', 4],
  ['Hồng', 4],
  ['Minh', 3],
  ['Phương', 3],
  ['Kim', 3],
  ['Thúy', 2],
  ['Mai', 2],
  ['Lan', 2],
  ['Hải', 2],
  ['Bích', 2],
  ['Diệu', 1],
  ['Khánh', 1],
  ['Quỳnh', 1],
]);

const MALE_GIVEN_NAMES = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Hải',
  'Long',
  'Nam',
  'Sơn',
  'Thắng',
  'Trung',
  'Cường',
  'Hiếu',
  'Quân',
  'Thành',
  'Tùng',
  'Khánh',
  'Phong',
  'Bình',
  'Hưng',
  'Huy',
  'Đạt',
  'Lâm',
  'Kiên',
  'Toàn',
  'Chiến',
  'Thịnh',
  'Hoàng',
  'Vinh',
  'Quý',
  'Tiến',
  'Lợi',
  'Định',
  'Hòa',
  'Phúc',
  'Thuận',
  'Duy',
  'Khải',
  'Tài',
  'Hiệp',
  'Mạnh',
  'Nghĩa',
  'Đông',
  'Tâm',
  'Quang',
  'Bảo',
  'Việt',
  'Tú',
  'Trường',
  'Thái',
  'Công',
  'Hậu',
  'Giang',
  'Thanh',
];

const FEMALE_GIVEN_NAMES = [
  'Lan',
  'Hương',
  'Hoa',
  'Mai',
  'Hằng',
  'Huyền',
  'Nga',
  'Thảo',
  'Trang',
  'Linh',
  'Hà',
  'Hạnh',
  'Thủy',
  'Yến',
  'Nhung',
  'Loan',
  'Thu',
  'Phương',
  'Vân',
  'Dung',
  'Liên',
  'Oanh',
  'Hồng',
  'Ngọc',
  'Hiền',
  'Thúy',
  'Quỳnh',
  'Hòa',
  'Xuân',
  'Thanh',
  'Chi',
  'Anh',
  'Nhàn',
  'Tuyết',
  'Lý',
  'Thơm',
  'Duyên',
  'Giang',
  'My',
  'Ánh',
  'Huệ',
  'Lụa',
  'Tâm',
];

// ---------------------------------------------------------------------------------------------------------------------
// The organisation tree.

/** How a grassroots organisation's branches are named. */
type BranchStyle = 'commune' | 'ward' | 'units';

interface GrassrootsTemplate {
  name: string;
  style: BranchStyle;
  /** commune/ward: the place name, e.g. "xã Hóa Thượng". */
  place?: string;
  /** units: the sub-units that have their own branch (chi bộ). */
  units?: readonly string[];
  /** units: how extra branches are named once `units` run out ("Chi bộ số 3", "Chi bộ Đội 3"). */
  extra?: string;
}

interface SubordinateTemplate {
  code: string;
  name: string;
  weight: number; // relative share of the province's members
  maleRate: number;
  phase: RolloutPhase;
  phaseStartedAt: string;
  targetInstallRate: number;
  /** Army and police committees: not rolled out yet, awaiting approval from above. */
  special?: boolean;
  /** Piloted in 12/2021: installs start on 1-12-2021. */
  pilot?: boolean;
  /** Officials of the provincial bodies have a thainguyen.gov.vn mailbox. */
  govMail?: boolean;
  mountainous?: boolean;
  probationaryRate?: number;
  /** Candidate grassroots organisations, mixed in the proportion `secondaryShare`. */
  primary: GrassrootsTemplate[];
  secondary?: GrassrootsTemplate[];
  secondaryShare?: number;
}

const HAMLETS = [
  'Đồng Kè',
  'Làng Mới',
  'Bãi Bằng',
  'Gò Chè',
  'Đồng Tâm',
  'Cầu Đá',
  'Khuôn Lân',
  'Nà Mạt',
  'Bản Tèn',
  'Đồng Bòng',
  'Tân Thái',
  'Hòa Bình',
  'Trung Tâm',
  'Đồng Chằm',
  'Làng Chùa',
  'Cây Thị',
  'Đèo Khế',
  'Na Hoan',
  'Khe Cốc',
  'Đồng Danh',
  'Cầu Muối',
  'Làng Giếng',
  'Suối Lửa',
  'Thanh Lương',
  'Đồng Cẩu',
  'Đồng Mỏ',
  'Bãi Chè',
  'Làng Lớn',
  'Tân Sơn',
  'Tân Lập',
  'Đồng Xe',
  'Na Lang',
  'Khuôn Ngục',
  'Đồng Vòng',
  'Cao Khánh',
  'Ao Sen',
  'Đầm Mây',
  'Đồng Tiến',
  'Xuân Hòa',
  'Thống Nhất',
  'Đoàn Kết',
  'Hợp Nhất',
  'Làng Trò',
  'Đồng Lạnh',
  'Gốc Gạo',
  'Cây Hồng',
  'Đồng Bầu',
  'Khe Vàng',
  'Nà Lẹng',
  'Pác Cáp',
  'Nà Pặng',
  'Bản Mới',
  'Đồng Hút',
  'Làng Đông',
  'Làng Hin',
  'Đồng Phú',
  'Trại Cài',
  'Non Tranh',
  'Bắc Máy',
  'Soi Mít',
  'Đồng Nội',
  'Tân Thành',
  'Thâm Găng',
  'Đồng Ninh',
  'Làng Cả',
];

const DISTRICT_GOVERNMENT_UNITS = [
  'Văn phòng HĐND và UBND',
  'Phòng Nội vụ',
  'Phòng Tư pháp',
  'Phòng Tài chính – Kế hoạch',
  'Phòng Tài nguyên và Môi trường',
  'Phòng Nông nghiệp và Phát triển nông thôn',
  'Phòng Kinh tế và Hạ tầng',
  'Phòng Giáo dục và Đào tạo',
  'Phòng Văn hóa và Thông tin',
  'Phòng Lao động – Thương binh và Xã hội',
  'Phòng Y tế',
  'Phòng Dân tộc',
  'Thanh tra',
  'Ban Quản lý dự án đầu tư xây dựng',
  'Trung tâm Dịch vụ nông nghiệp',
];

const DISTRICT_PARTY_UNITS = [
  'Văn phòng',
  'Ban Tổ chức',
  'Ban Tuyên giáo',
  'Ủy ban Kiểm tra',
  'Ban Dân vận',
  'Trung tâm Chính trị',
  'Cơ quan Ủy ban Mặt trận Tổ quốc',
  'Cơ quan Hội Nông dân',
  'Cơ quan Hội Liên hiệp Phụ nữ',
  'Cơ quan Đoàn Thanh niên',
  'Cơ quan Hội Cựu chiến binh',
];

const SCHOOL_UNITS = [
  'Tổ Toán – Tin',
  'Tổ Ngữ văn',
  'Tổ Vật lý – Công nghệ',
  'Tổ Hóa – Sinh',
  'Tổ Lịch sử – Địa lý – GDCD',
  'Tổ Ngoại ngữ',
  'Tổ Thể dục – Quốc phòng',
  'Tổ Văn phòng',
];

const HEALTH_CENTRE_UNITS = [
  'Khoa Khám bệnh',
  'Khoa Nội',
  'Khoa Ngoại',
  'Khoa Sản',
  'Khoa Nhi',
  'Khoa Hồi sức cấp cứu',
  'Khoa Truyền nhiễm',
  'Khoa Xét nghiệm',
  'Khoa Chẩn đoán hình ảnh',
  'Khoa Dược',
  'Khoa Y học cổ truyền',
  'Khoa Kiểm soát bệnh tật',
  'Phòng Kế hoạch tổng hợp',
  'Phòng Tổ chức – Hành chính',
  'Phòng Điều dưỡng',
  'Phòng Tài chính – Kế toán',
];

const AGENCY_UNITS = [
  'Văn phòng',
  'Thanh tra',
  'Phòng Kế hoạch – Tài chính',
  'Phòng Tổ chức cán bộ',
  'Phòng Pháp chế',
  'Phòng Tổng hợp',
  'Phòng Nghiệp vụ',
  'Phòng Quản lý chuyên ngành',
  'Phòng Kiểm tra',
  'Trung tâm Thông tin',
  'Phòng Hành chính – Quản trị',
];

const ENTERPRISE_UNITS = [
  'Phòng Kỹ thuật',
  'Phòng Kinh doanh',
  'Phòng Tổ chức – Hành chính',
  'Phòng Tài chính – Kế toán',
  'Phòng Kế hoạch – Vật tư',
  'Phân xưởng Sản xuất',
  'Phân xưởng Cơ điện',
  'Đội Xe',
  'Phòng An toàn – Môi trường',
];

const BANK_UNITS = [
  'Phòng Kế hoạch – Nguồn vốn',
  'Phòng Khách hàng doanh nghiệp',
  'Phòng Khách hàng cá nhân',
  'Phòng Kế toán – Ngân quỹ',
  'Phòng Tổng hợp',
  'Phòng Giao dịch Túc Duyên',
  'Phòng Giao dịch Gia Sàng',
  'Phòng Giao dịch Phổ Yên',
  'Phòng Giao dịch Sông Công',
  'Phòng Giao dịch Đại Từ',
];

const STEEL_PLANT_UNITS = [
  'Phân xưởng Vận hành',
  'Phân xưởng Cơ điện',
  'Phân xưởng Năng lượng',
  'Phân xưởng Vận tải',
  'Phòng Kỹ thuật',
  'Phòng KCS',
  'Phòng Tổ chức – Hành chính',
  'Phòng Kế hoạch – Vật tư',
];

const DISTRICT_POLICE_UNITS = [
  'Đội Tham mưu – Tổng hợp',
  'Đội An ninh',
  'Đội Cảnh sát điều tra tội phạm về trật tự xã hội',
  'Đội Cảnh sát điều tra tội phạm về kinh tế và ma túy',
  'Đội Cảnh sát giao thông – Trật tự',
  'Đội Cảnh sát quản lý hành chính về trật tự xã hội',
  'Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp',
  'Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ',
];

const DISTRICT_MILITARY_UNITS = ['Ban Tham mưu', 'Ban Chính trị', 'Ban Hậu cần – Kỹ thuật', 'Trung đội Dân quân thường trực'];

function units(name: string, list: readonly string[], extra = 'Chi bộ số'): GrassrootsTemplate {
  return { name, style: 'units', units: list, extra };
}

/** A district-level committee: communes, wards and towns, plus its offices, health centre and high schools. */
function district(
  code: string,
  name: string,
  place: string,
  weight: number,
  places: { towns?: string[]; wards?: string[]; communes?: string[] },
  schools: string[],
  extra: Partial<SubordinateTemplate> = {},
): SubordinateTemplate {
  const primary: GrassrootsTemplate[] = [
    ...(places.wards ?? []).map((w) => ({ name: `Đảng bộ phường ${w}`, style: 'ward' as const, place: `phường ${w}` })),
    ...(places.towns ?? []).map((t) => ({ name: `Đảng bộ thị trấn ${t}`, style: 'ward' as const, place: `thị trấn ${t}` })),
    ...(places.communes ?? []).map((c) => ({ name: `Đảng bộ xã ${c}`, style: 'commune' as const, place: `xã ${c}` })),
  ];
  const secondary: GrassrootsTemplate[] = [
    units(`Đảng bộ Cơ quan Ủy ban nhân dân ${place}`, DISTRICT_GOVERNMENT_UNITS),
    units(`Đảng bộ Các cơ quan Đảng ${place}`, DISTRICT_PARTY_UNITS),
    units(`Đảng bộ Trung tâm Y tế ${place}`, HEALTH_CENTRE_UNITS),
    // A high school with 30+ members is a đảng bộ cơ sở with a branch per subject group.
    ...schools.map((s) => units(`Đảng bộ Trường THPT ${s}`, SCHOOL_UNITS)),
  ];
  return {
    code,
    name,
    weight,
    maleRate: 0.6,
    phase: 'live',
    phaseStartedAt: '2022-01-01',
    targetInstallRate: 0.9,
    primary,
    secondary,
    secondaryShare: 0.2,
    ...extra,
  };
}

const DISTRICT_PLACES: [string, string][] = [
  ['thành phố Thái Nguyên', 'Thái Nguyên'],
  ['thành phố Sông Công', 'Sông Công'],
  ['thị xã Phổ Yên', 'Phổ Yên'],
  ['huyện Đại Từ', 'Đại Từ'],
  ['huyện Định Hóa', 'Định Hóa'],
  ['huyện Phú Lương', 'Phú Lương'],
  ['huyện Đồng Hỷ', 'Đồng Hỷ'],
  ['huyện Võ Nhai', 'Võ Nhai'],
  ['huyện Phú Bình', 'Phú Bình'],
];

/**
 * The 16 directly subordinate committees (illustrative demo data). Nine are the district-level committees of
 * Thái Nguyên in 2022; five are the provincial blocs, the army, the police and Thái Nguyên University; the last two
 * are plausible stand-ins for the large units a province places directly under its committee: the steel company
 * (Công ty cổ phần Gang thép Thái Nguyên) and the central hospital (Bệnh viện Trung ương Thái Nguyên).
 */
const SUBORDINATES: SubordinateTemplate[] = [
  district(
    'TN-TPTN',
    'Thành ủy Thái Nguyên',
    'thành phố Thái Nguyên',
    19,
    {
      wards: [
        'Hoàng Văn Thụ',
        'Trưng Vương',
        'Quang Trung',
        'Phan Đình Phùng',
        'Túc Duyên',
        'Đồng Quang',
        'Gia Sàng',
        'Tân Lập',
        'Tân Thịnh',
        'Thịnh Đán',
        'Quang Vinh',
        'Quán Triều',
        'Tân Long',
        'Phú Xá',
        'Trung Thành',
        'Tân Thành',
        'Hương Sơn',
        'Cam Giá',
        'Chùa Hang',
        'Đồng Bẩm',
        'Tích Lương',
      ],
      communes: [
        'Phúc Hà',
        'Phúc Xuân',
        'Phúc Trìu',
        'Quyết Thắng',
        'Thịnh Đức',
        'Tân Cương',
        'Linh Sơn',
        'Huống Thượng',
        'Cao Ngạn',
        'Sơn Cẩm',
        'Đồng Liên',
      ],
    },
    ['Chuyên Thái Nguyên', 'Lương Ngọc Quyến', 'Gang Thép', 'Ngô Quyền', 'Chu Văn An', 'Dương Tự Minh'],
  ),
  district(
    'TN-SC',
    'Thành ủy Sông Công',
    'thành phố Sông Công',
    4,
    {
      wards: ['Thắng Lợi', 'Phố Cò', 'Cải Đan', 'Mỏ Chè', 'Bách Quang', 'Lương Sơn', 'Châu Sơn'],
      communes: ['Tân Quang', 'Vinh Sơn', 'Bình Sơn', 'Bá Xuyên'],
    },
    ['Sông Công'],
  ),
  district(
    'TN-PY',
    'Thị ủy Phổ Yên',
    'thị xã Phổ Yên',
    8,
    {
      wards: [
        'Ba Hàng',
        'Bãi Bông',
        'Bắc Sơn',
        'Đồng Tiến',
        'Hồng Tiến',
        'Đắc Sơn',
        'Nam Tiến',
        'Tân Hương',
        'Tiên Phong',
        'Trung Thành',
        'Thuận Thành',
        'Đông Cao',
        'Tân Phú',
      ],
      communes: ['Minh Đức', 'Phúc Tân', 'Phúc Thuận', 'Thành Công', 'Vạn Phái'],
    },
    ['Phổ Yên', 'Lê Hồng Phong', 'Bắc Sơn'],
  ),
  district(
    'TN-DT',
    'Huyện ủy Đại Từ',
    'huyện Đại Từ',
    9,
    {
      towns: ['Hùng Sơn', 'Quân Chu'],
      communes: [
        'Hoàng Nông',
        'La Bằng',
        'Phú Xuyên',
        'Yên Lãng',
        'Phục Linh',
        'Tân Linh',
        'Cù Vân',
        'Hà Thượng',
        'Tiên Hội',
        'Bản Ngoại',
        'Phú Thịnh',
        'Phú Lạc',
        'Văn Yên',
        'Ký Phú',
        'Cát Nê',
        'Lục Ba',
        'Vạn Thọ',
        'Mỹ Yên',
        'Bình Thuận',
        'Khôi Kỳ',
        'Phú Cường',
        'Minh Tiến',
        'Na Mao',
        'Đức Lương',
        'An Khánh',
      ],
    },
    ['Đại Từ', 'Nguyễn Huệ', 'Lưu Nhân Chú'],
  ),
  district(
    'TN-DH',
    'Huyện ủy Định Hóa',
    'huyện Định Hóa',
    5,
    {
      towns: ['Chợ Chu'],
      communes: [
        'Bảo Linh',
        'Bình Thành',
        'Bình Yên',
        'Bộc Nhiêu',
        'Điềm Mặc',
        'Định Biên',
        'Đồng Thịnh',
        'Kim Phượng',
        'Lam Vỹ',
        'Linh Thông',
        'Phú Đình',
        'Phú Tiến',
        'Phúc Chu',
        'Phượng Tiến',
        'Quy Kỳ',
        'Sơn Phú',
        'Tân Dương',
        'Tân Thịnh',
        'Thanh Định',
        'Trung Hội',
        'Trung Lương',
      ],
    },
    ['Định Hóa', 'Bình Yên'],
    { mountainous: true, targetInstallRate: 0.85 },
  ),
  district(
    'TN-PL',
    'Huyện ủy Phú Lương',
    'huyện Phú Lương',
    5.5,
    {
      towns: ['Đu', 'Giang Tiên'],
      communes: [
        'Yên Ninh',
        'Yên Trạch',
        'Yên Đổ',
        'Yên Lạc',
        'Ôn Lương',
        'Động Đạt',
        'Phủ Lý',
        'Phú Đô',
        'Hợp Thành',
        'Tức Tranh',
        'Phấn Mễ',
        'Vô Tranh',
        'Cổ Lũng',
      ],
    },
    ['Phú Lương', 'Yên Ninh'],
  ),
  district(
    'TN-DHY',
    'Huyện ủy Đồng Hỷ',
    'huyện Đồng Hỷ',
    4.5,
    {
      towns: ['Trại Cau', 'Sông Cầu'],
      communes: [
        'Hóa Thượng',
        'Cây Thị',
        'Hóa Trung',
        'Hợp Tiến',
        'Khe Mo',
        'Minh Lập',
        'Nam Hòa',
        'Quang Sơn',
        'Tân Long',
        'Tân Lợi',
        'Văn Hán',
        'Văn Lăng',
      ],
    },
    ['Trại Cau', 'Đồng Hỷ'],
  ),
  district(
    'TN-VN',
    'Huyện ủy Võ Nhai',
    'huyện Võ Nhai',
    3.5,
    {
      towns: ['Đình Cả'],
      communes: [
        'Bình Long',
        'Cúc Đường',
        'Dân Tiến',
        'La Hiên',
        'Lâu Thượng',
        'Liên Minh',
        'Nghinh Tường',
        'Phú Thượng',
        'Phương Giao',
        'Sảng Mộc',
        'Thần Sa',
        'Thượng Nung',
        'Tràng Xá',
        'Vũ Chấn',
      ],
    },
    ['Võ Nhai', 'Trần Phú'],
    { mountainous: true, targetInstallRate: 0.85 },
  ),
  district(
    'TN-PB',
    'Huyện ủy Phú Bình',
    'huyện Phú Bình',
    6,
    {
      towns: ['Hương Sơn'],
      communes: [
        'Bàn Đạt',
        'Bảo Lý',
        'Đào Xá',
        'Điềm Thụy',
        'Hà Châu',
        'Kha Sơn',
        'Lương Phú',
        'Nga My',
        'Nhã Lộng',
        'Tân Đức',
        'Tân Hòa',
        'Tân Khánh',
        'Tân Kim',
        'Tân Thành',
        'Thanh Ninh',
        'Thượng Đình',
        'Úc Kỳ',
        'Xuân Phương',
        'Dương Thành',
      ],
    },
    ['Phú Bình', 'Lương Phú', 'Điềm Thụy'],
  ),
  {
    code: 'TN-KCQ',
    name: 'Đảng bộ Khối các cơ quan tỉnh',
    weight: 11,
    maleRate: 0.5,
    // Piloted in December 2021 and used ever since (the pilot ran straight into live use), so its installs start on
    // 1-12-2021, a month before the other committees.
    phase: 'live',
    phaseStartedAt: '2021-12-01',
    targetInstallRate: 0.9,
    pilot: true,
    govMail: true,
    primary: [
      units('Đảng bộ Sở Tài chính', [
        'Văn phòng Sở',
        'Thanh tra Sở',
        'Phòng Quản lý ngân sách',
        'Phòng Tài chính doanh nghiệp',
        'Phòng Quản lý giá và công sản',
        'Phòng Tài chính hành chính sự nghiệp',
        'Phòng Tài chính đầu tư',
        'Phòng Tin học và Thống kê',
      ]),
      units('Đảng bộ Sở Kế hoạch và Đầu tư', [
        'Văn phòng Sở',
        'Thanh tra Sở',
        'Phòng Kế hoạch',
        'Phòng Tổng hợp',
        'Phòng Kinh tế ngành',
        'Phòng Đăng ký kinh doanh',
        'Phòng Xúc tiến đầu tư',
        'Phòng Thẩm định',
      ]),
      units('Đảng bộ Sở Giáo dục và Đào tạo', [
        'Văn phòng Sở',
        'Thanh tra Sở',
        'Phòng Giáo dục Trung học',
        'Phòng Giáo dục Tiểu học',
        'Phòng Giáo dục Mầm non',
        'Phòng Khảo thí và Kiểm định chất lượng',
        'Phòng Tổ chức cán bộ',
        'Phòng Kế hoạch – Tài chính',
      ]),
      units('Đảng bộ Sở Y tế', [
        'Văn phòng Sở',
        'Thanh tra Sở',
        'Phòng Nghiệp vụ Y',
        'Phòng Nghiệp vụ Dược',
        'Phòng Kế hoạch – Tài chính',
        'Phòng Tổ chức cán bộ',
        'Chi cục Dân số – Kế hoạch hóa gia đình',
        'Chi cục An toàn vệ sinh thực phẩm',
      ]),
      units('Đảng bộ Sở Nội vụ', AGENCY_UNITS),
      units('Đảng bộ Sở Tư pháp', AGENCY_UNITS),
      units('Đảng bộ Sở Công Thương', AGENCY_UNITS),
      units('Đảng bộ Sở Xây dựng', AGENCY_UNITS),
      units('Đảng bộ Sở Giao thông vận tải', AGENCY_UNITS),
      units('Đảng bộ Sở Nông nghiệp và Phát triển nông thôn', AGENCY_UNITS),
      units('Đảng bộ Sở Tài nguyên và Môi trường', AGENCY_UNITS),
      units('Đảng bộ Sở Thông tin và Truyền thông', AGENCY_UNITS),
      units('Đảng bộ Sở Văn hóa, Thể thao và Du lịch', AGENCY_UNITS),
      units('Đảng bộ Sở Khoa học và Công nghệ', AGENCY_UNITS),
      units('Đảng bộ Sở Lao động – Thương binh và Xã hội', AGENCY_UNITS),
      units('Đảng bộ Cơ quan Văn phòng Ủy ban nhân dân tỉnh', AGENCY_UNITS),
      units('Đảng bộ Thanh tra tỉnh', AGENCY_UNITS),
      units('Đảng bộ Cục Thuế tỉnh', [
        'Văn phòng Cục',
        'Phòng Thanh tra – Kiểm tra số 1',
        'Phòng Thanh tra – Kiểm tra số 2',
        'Phòng Kê khai và Kế toán thuế',
        'Phòng Tuyên truyền – Hỗ trợ người nộp thuế',
        'Phòng Quản lý nợ và Cưỡng chế nợ thuế',
        'Chi cục Thuế thành phố Thái Nguyên',
        'Chi cục Thuế khu vực Phổ Yên – Sông Công',
      ]),
      units('Đảng bộ Kho bạc Nhà nước tỉnh', AGENCY_UNITS),
      units('Đảng bộ Bảo hiểm xã hội tỉnh', AGENCY_UNITS),
      units('Đảng bộ Tòa án nhân dân tỉnh', AGENCY_UNITS),
      units('Đảng bộ Viện Kiểm sát nhân dân tỉnh', AGENCY_UNITS),
      units('Đảng bộ Cục Thống kê tỉnh', AGENCY_UNITS),
      units('Đảng bộ Báo Thái Nguyên', [
        'Văn phòng',
        'Phòng Thời sự',
        'Phòng Kinh tế',
        'Phòng Văn hóa – Xã hội',
        'Phòng Báo điện tử',
        'Phòng Biên tập – Trị sự',
      ]),
      units('Đảng bộ Đài Phát thanh – Truyền hình tỉnh', [
        'Văn phòng',
        'Phòng Thời sự',
        'Phòng Chuyên đề',
        'Phòng Văn nghệ',
        'Phòng Biên tập',
        'Phòng Kỹ thuật – Công nghệ',
      ]),
      units('Đảng bộ Trường Chính trị tỉnh', [
        'Khoa Lý luận cơ sở',
        'Khoa Xây dựng Đảng',
        'Khoa Nhà nước và Pháp luật',
        'Khoa Dân vận',
        'Phòng Tổ chức – Hành chính',
        'Phòng Quản lý đào tạo',
      ]),
      units('Đảng bộ Bệnh viện A Thái Nguyên', HEALTH_CENTRE_UNITS),
      units('Đảng bộ Bệnh viện C Thái Nguyên', HEALTH_CENTRE_UNITS),
      units('Đảng bộ Cơ quan Ủy ban Mặt trận Tổ quốc tỉnh', AGENCY_UNITS),
    ],
  },
  {
    code: 'TN-KDN',
    name: 'Đảng bộ Khối Doanh nghiệp tỉnh',
    weight: 5.5,
    maleRate: 0.62,
    phase: 'live',
    phaseStartedAt: '2022-01-01',
    targetInstallRate: 0.9,
    primary: [
      units('Đảng bộ Công ty Điện lực Thái Nguyên', [
        'Văn phòng',
        'Phòng Kỹ thuật',
        'Phòng Kinh doanh',
        'Phòng Điều độ',
        'Điện lực thành phố Thái Nguyên',
        'Điện lực Sông Công',
        'Điện lực Phổ Yên',
        'Điện lực Đại Từ',
        'Điện lực Định Hóa',
        'Điện lực Phú Lương',
        'Điện lực Đồng Hỷ',
        'Điện lực Võ Nhai',
        'Điện lực Phú Bình',
        'Đội Quản lý vận hành lưới điện cao thế',
      ]),
      units('Đảng bộ Viễn thông Thái Nguyên', [
        'Phòng Kỹ thuật – Đầu tư',
        'Phòng Kế hoạch – Kế toán',
        'Phòng Nhân sự – Tổng hợp',
        'Trung tâm Điều hành thông tin',
        'Trung tâm Viễn thông thành phố Thái Nguyên',
        'Trung tâm Viễn thông Đại Từ',
        'Trung tâm Viễn thông Phú Bình',
        'Trung tâm Viễn thông Phổ Yên',
      ]),
      units('Đảng bộ Bưu điện tỉnh Thái Nguyên', [
        'Phòng Kế hoạch – Kinh doanh',
        'Phòng Tổ chức – Hành chính',
        'Trung tâm Khai thác vận chuyển',
        'Bưu điện thành phố Thái Nguyên',
        'Bưu điện huyện Đại Từ',
        'Bưu điện huyện Phú Bình',
        'Bưu điện thị xã Phổ Yên',
      ]),
      units('Đảng bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh Thái Nguyên', BANK_UNITS),
      units('Đảng bộ Ngân hàng TMCP Công thương chi nhánh Thái Nguyên', BANK_UNITS),
      units('Đảng bộ Ngân hàng TMCP Đầu tư và Phát triển chi nhánh Thái Nguyên', BANK_UNITS),
      units('Đảng bộ Công ty cổ phần Nước sạch Thái Nguyên', [
        'Xí nghiệp Nước Tích Lương',
        'Xí nghiệp Nước Sông Công',
        'Phòng Kỹ thuật',
        'Phòng Kinh doanh',
        'Phòng Tổ chức – Hành chính',
        'Phòng Tài chính – Kế toán',
        'Đội Chống thất thoát nước',
      ]),
      units('Đảng bộ Công ty TNHH MTV Khai thác thủy lợi Thái Nguyên', [
        'Xí nghiệp Thủy lợi Đại Từ',
        'Xí nghiệp Thủy lợi Phú Bình',
        'Xí nghiệp Thủy lợi Phổ Yên',
        'Xí nghiệp Thủy lợi Định Hóa',
        'Xí nghiệp Thủy lợi Đồng Hỷ',
        'Phòng Kỹ thuật',
        'Phòng Tổ chức – Hành chính',
      ]),
      units('Đảng bộ Công ty cổ phần Môi trường và Công trình đô thị Thái Nguyên', [
        'Xí nghiệp Môi trường số 1',
        'Xí nghiệp Môi trường số 2',
        'Xí nghiệp Công viên cây xanh',
        'Xí nghiệp Điện chiếu sáng',
        'Phòng Kỹ thuật',
        'Phòng Tổ chức – Hành chính',
      ]),
      units('Đảng bộ Công ty cổ phần Xi măng Quang Sơn', [
        'Phân xưởng Lò nung',
        'Phân xưởng Nghiền',
        'Phân xưởng Khai thác mỏ',
        'Phân xưởng Cơ điện',
        'Phòng Kỹ thuật',
        'Phòng Kinh doanh',
        'Phòng Tổ chức – Hành chính',
      ]),
      units('Đảng bộ Công ty cổ phần Vận tải Thái Nguyên', ENTERPRISE_UNITS),
    ],
  },
  {
    code: 'TN-QS',
    name: 'Đảng bộ Quân sự tỉnh',
    weight: 2,
    maleRate: 0.9,
    phase: 'on_hold', // army: awaiting approval from above
    phaseStartedAt: '2022-01-01',
    targetInstallRate: 0.9,
    special: true,
    primary: [
      units('Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh', [
        'Phòng Tham mưu',
        'Phòng Chính trị',
        'Phòng Hậu cần',
        'Phòng Kỹ thuật',
        'Ban Tài chính',
        'Ban Tác huấn',
        'Ban Quân lực',
        'Đại đội Trinh sát',
        'Đại đội Thông tin',
      ]),
      units('Đảng bộ Trường Quân sự tỉnh', ['Khoa Quân sự', 'Khoa Chính trị', 'Phòng Đào tạo', 'Phòng Hậu cần – Kỹ thuật']),
      ...DISTRICT_PLACES.map(([place]) => units(`Đảng bộ Ban Chỉ huy Quân sự ${place}`, DISTRICT_MILITARY_UNITS)),
    ],
  },
  {
    code: 'TN-CA',
    name: 'Đảng bộ Công an tỉnh',
    weight: 2.5,
    maleRate: 0.85,
    phase: 'on_hold', // police: awaiting approval from above
    phaseStartedAt: '2022-01-01',
    targetInstallRate: 0.9,
    special: true,
    primary: [
      units('Đảng bộ Phòng Tham mưu', [], 'Chi bộ Đội'),
      units('Đảng bộ Phòng An ninh chính trị nội bộ', [], 'Chi bộ Đội'),
      units('Đảng bộ Phòng Cảnh sát hình sự', [], 'Chi bộ Đội'),
      units('Đảng bộ Phòng Cảnh sát giao thông', [], 'Chi bộ Đội'),
      units('Đảng bộ Phòng Cảnh sát điều tra tội phạm về ma túy', [], 'Chi bộ Đội'),
      units('Đảng bộ Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ', [], 'Chi bộ Đội'),
      units('Đảng bộ Trại tạm giam Công an tỉnh', [], 'Chi bộ Đội'),
      ...DISTRICT_PLACES.map(([place]) => units(`Đảng bộ Công an ${place}`, DISTRICT_POLICE_UNITS)),
    ],
  },
  {
    code: 'TN-DHTN',
    name: 'Đảng bộ Đại học Thái Nguyên',
    weight: 6.5,
    maleRate: 0.42,
    phase: 'live',
    phaseStartedAt: '2022-01-01',
    targetInstallRate: 0.9,
    probationaryRate: 0.085, // students and young lecturers
    primary: [
      units('Đảng bộ Cơ quan Đại học Thái Nguyên', [
        'Văn phòng',
        'Ban Đào tạo',
        'Ban Tổ chức cán bộ',
        'Ban Kế hoạch – Tài chính',
        'Ban Khoa học công nghệ và Môi trường',
        'Ban Hợp tác quốc tế',
        'Ban Thanh tra – Pháp chế',
      ]),
      units('Đảng bộ Trường Đại học Sư phạm', [
        'Khoa Toán',
        'Khoa Vật lý',
        'Khoa Hóa học',
        'Khoa Sinh học',
        'Khoa Ngữ văn',
        'Khoa Lịch sử',
        'Khoa Địa lý',
        'Khoa Giáo dục Chính trị',
        'Khoa Tâm lý – Giáo dục',
        'Khoa Giáo dục Tiểu học',
        'Khoa Giáo dục Mầm non',
        'Phòng Đào tạo',
        'Phòng Hành chính – Tổ chức',
        'Sinh viên 1',
        'Sinh viên 2',
      ]),
      units('Đảng bộ Trường Đại học Y – Dược', [
        'Khoa Y học cơ sở',
        'Khoa Dược',
        'Khoa Điều dưỡng',
        'Khoa Răng Hàm Mặt',
        'Khoa Y tế công cộng',
        'Bộ môn Nội',
        'Bộ môn Ngoại',
        'Bộ môn Nhi',
        'Bộ môn Phụ sản',
        'Phòng Đào tạo',
        'Sinh viên 1',
        'Sinh viên 2',
      ]),
      units('Đảng bộ Trường Đại học Kỹ thuật Công nghiệp', [
        'Khoa Cơ khí',
        'Khoa Điện',
        'Khoa Điện tử',
        'Khoa Xây dựng và Môi trường',
        'Khoa Kinh tế công nghiệp',
        'Khoa Khoa học cơ bản',
        'Khoa Quốc tế',
        'Phòng Đào tạo',
        'Phòng Hành chính – Tổ chức',
        'Sinh viên',
      ]),
      units('Đảng bộ Trường Đại học Nông Lâm', [
        'Khoa Nông học',
        'Khoa Chăn nuôi Thú y',
        'Khoa Lâm nghiệp',
        'Khoa Quản lý tài nguyên',
        'Khoa Môi trường',
        'Khoa Công nghệ sinh học và Công nghệ thực phẩm',
        'Khoa Kinh tế và Phát triển nông thôn',
        'Phòng Đào tạo',
        'Sinh viên',
      ]),
      units('Đảng bộ Trường Đại học Kinh tế và Quản trị Kinh doanh', [
        'Khoa Kế toán',
        'Khoa Quản trị kinh doanh',
        'Khoa Kinh tế',
        'Khoa Ngân hàng – Tài chính',
        'Khoa Marketing',
        'Khoa Luật và Lý luận chính trị',
        'Phòng Đào tạo',
        'Sinh viên',
      ]),
      units('Đảng bộ Trường Đại học Khoa học', [
        'Khoa Toán – Tin',
        'Khoa Vật lý và Công nghệ',
        'Khoa Hóa học',
        'Khoa Khoa học sự sống',
        'Khoa Luật và Quản lý xã hội',
        'Khoa Văn – Xã hội',
        'Phòng Đào tạo',
        'Sinh viên',
      ]),
      units('Đảng bộ Trường Đại học Công nghệ Thông tin và Truyền thông', [
        'Khoa Công nghệ thông tin',
        'Khoa Điện tử – Viễn thông',
        'Khoa Hệ thống thông tin kinh tế',
        'Khoa Công nghệ tự động hóa',
        'Khoa Truyền thông đa phương tiện',
        'Phòng Đào tạo',
        'Sinh viên',
      ]),
      units('Đảng bộ Trường Ngoại ngữ', [
        'Khoa Tiếng Anh',
        'Khoa Tiếng Trung Quốc',
        'Khoa Ngoại ngữ cơ bản',
        'Khoa Ngôn ngữ và Văn hóa các nước Đông Bắc Á',
        'Phòng Đào tạo',
      ]),
    ],
  },
  {
    code: 'TN-GTTN',
    name: 'Đảng bộ Công ty cổ phần Gang thép Thái Nguyên',
    weight: 4,
    maleRate: 0.78,
    phase: 'live',
    phaseStartedAt: '2022-01-01',
    targetInstallRate: 0.9,
    primary: [
      units('Đảng bộ Cơ quan Công ty', [
        'Văn phòng',
        'Phòng Tổ chức lao động',
        'Phòng Kế hoạch – Kinh doanh',
        'Phòng Tài chính – Kế toán',
        'Phòng Kỹ thuật',
        'Phòng Đầu tư xây dựng',
        'Phòng Vật tư',
        'Phòng Bảo vệ quân sự',
        'Phòng An toàn – Môi trường',
      ]),
      units('Đảng bộ Nhà máy Luyện thép Lưu Xá', ['Phân xưởng Luyện thép', 'Phân xưởng Đúc phôi', ...STEEL_PLANT_UNITS]),
      units('Đảng bộ Nhà máy Cán thép Thái Trung', ['Phân xưởng Cán', ...STEEL_PLANT_UNITS]),
      units('Đảng bộ Nhà máy Cán thép Lưu Xá', ['Phân xưởng Cán', ...STEEL_PLANT_UNITS]),
      units('Đảng bộ Nhà máy Cán thép Gia Sàng', ['Phân xưởng Cán', ...STEEL_PLANT_UNITS]),
      units('Đảng bộ Nhà máy Cốc hóa', ['Phân xưởng Cốc', 'Phân xưởng Hóa', ...STEEL_PLANT_UNITS]),
      units('Đảng bộ Mỏ sắt Trại Cau', ['Phân xưởng Khai thác', 'Phân xưởng Tuyển khoáng', ...STEEL_PLANT_UNITS]),
      units('Đảng bộ Mỏ than Phấn Mễ', ['Công trường Khai thác', 'Phân xưởng Sàng tuyển', ...STEEL_PLANT_UNITS]),
      units('Đảng bộ Bệnh viện Gang thép Thái Nguyên', HEALTH_CENTRE_UNITS),
    ],
  },
  {
    code: 'TN-BVTW',
    name: 'Đảng bộ Bệnh viện Trung ương Thái Nguyên',
    weight: 2.5,
    maleRate: 0.38,
    phase: 'live',
    phaseStartedAt: '2022-01-01',
    targetInstallRate: 0.9,
    primary: [
      units('Đảng bộ Khối Nội', [
        'Khoa Nội Tiêu hóa',
        'Khoa Nội Tiết',
        'Khoa Thần kinh',
        'Khoa Hô hấp',
        'Khoa Cơ xương khớp',
        'Khoa Lão khoa',
        'Khoa Truyền nhiễm',
        'Khoa Nhi',
        'Khoa Da liễu',
      ]),
      units('Đảng bộ Khối Ngoại', [
        'Khoa Ngoại Tổng hợp',
        'Khoa Chấn thương chỉnh hình',
        'Khoa Ngoại Thần kinh',
        'Khoa Ngoại Tiết niệu',
        'Khoa Phẫu thuật – Gây mê hồi sức',
        'Khoa Sản',
        'Khoa Tai Mũi Họng',
        'Khoa Mắt',
        'Khoa Răng Hàm Mặt',
      ]),
      units('Đảng bộ Khối Cận lâm sàng', [
        'Khoa Hóa sinh',
        'Khoa Vi sinh',
        'Khoa Huyết học – Truyền máu',
        'Khoa Giải phẫu bệnh',
        'Khoa Chẩn đoán hình ảnh',
        'Khoa Dược',
        'Khoa Dinh dưỡng',
        'Khoa Kiểm soát nhiễm khuẩn',
      ]),
      units('Đảng bộ Khối Hành chính', [
        'Phòng Kế hoạch tổng hợp',
        'Phòng Tổ chức cán bộ',
        'Phòng Tài chính – Kế toán',
        'Phòng Điều dưỡng',
        'Phòng Hành chính quản trị',
        'Phòng Vật tư – Thiết bị y tế',
        'Phòng Quản lý chất lượng',
        'Phòng Công nghệ thông tin',
      ]),
      units('Đảng bộ Khối Cấp cứu – Hồi sức', [
        'Khoa Cấp cứu',
        'Khoa Hồi sức tích cực – Chống độc',
        'Khoa Khám bệnh',
        'Trung tâm Ung bướu',
        'Trung tâm Tim mạch',
      ]),
    ],
  },
];

/** Names of a grassroots organisation's `k` branches, and whether each is residential (xóm, tổ dân phố). */
function branchNames(rng: Rng, t: GrassrootsTemplate, k: number): { name: string; residential: boolean }[] {
  if (t.style === 'units') {
    const list = t.units ?? [];
    const chosen = sample(rng, list, min(k, list.length)).map((u) => ({ name: `Chi bộ ${u}`, residential: false }));
    for (let n = 1; chosen.length < k; n++) chosen.push({ name: `${t.extra ?? 'Chi bộ số'} ${n}`, residential: false });
    return chosen;
  }
  const place = t.place ?? '';
  const placeName = place.replace(/^(xã|phường|thị trấn) /, '');
  const institutions = [
    `Trường Mầm non ${placeName}`,
    `Trường Tiểu học ${placeName}`,
    `Trường THCS ${placeName}`,
    `Trạm Y tế ${place}`,
    `Cơ quan ${place}`,
  ];
  const nInstitutions = min(institutions.length, floor(k / 4));
  const out: { name: string; residential: boolean }[] = [];
  const nResidential = k - nInstitutions;
  if (t.style === 'ward') {
    for (let i = 1; i <= nResidential; i++) out.push({ name: `Chi bộ tổ dân phố số ${i}`, residential: true });
  } else {
    const hamlets = sample(rng, HAMLETS, min(nResidential, HAMLETS.length));
    for (let i = 0; i < nResidential; i++) {
      const cycle = floor(i / HAMLETS.length);
      const h = hamlets[i % hamlets.length];
      out.push({ name: `Chi bộ xóm ${h}${cycle > 0 ? ` ${cycle + 1}` : ''}`, residential: true });
    }
  }
  for (const inst of sample(rng, institutions, nInstitutions)) out.push({ name: `Chi bộ ${inst}`, residential: false });
  return out;
}

interface BranchSlot {
  code: string;
  sub: SubordinateTemplate;
  residential: boolean;
  size: number;
}

function buildTree(rng: Rng, memberCount: number): { committees: DemoCommittee[]; branches: BranchSlot[] } {
  const committees: DemoCommittee[] = [
    {
      code: DEMO_PROVINCE_CODE,
      name: 'Tỉnh ủy Thái Nguyên',
      kind: 'province',
      parentCode: null,
      phase: 'live',
      phaseStartedAt: '2022-01-01',
      targetInstallRate: 0.9,
    },
  ];
  const branches: BranchSlot[] = [];
  const perSub = apportion(
    memberCount,
    SUBORDINATES.map((s) => s.weight),
  );
  SUBORDINATES.forEach((sub, si) => {
    const m = perSub[si];
    committees.push({
      code: sub.code,
      name: sub.name,
      kind: 'subordinate',
      parentCode: DEMO_PROVINCE_CODE,
      phase: sub.phase,
      phaseStartedAt: sub.phaseStartedAt,
      targetInstallRate: sub.targetInstallRate,
    });
    const secondary = sub.secondary ?? [];
    const capacity = sub.primary.length + secondary.length;
    const g = min(capacity, max(1, round(m / MEMBERS_PER_GRASSROOTS)));
    const b = max(g, round(m / MEMBERS_PER_BRANCH));
    let nSecondary = min(secondary.length, round(g * (sub.secondaryShare ?? 0)));
    const nPrimary = min(sub.primary.length, g - nSecondary);
    nSecondary = g - nPrimary;
    const chosen = [...sample(rng, sub.primary, nPrimary), ...sample(rng, secondary, nSecondary)];
    const branchCounts = apportion(
      b - g,
      chosen.map(() => 0.4 + rng() * 1.2),
    ).map((n) => n + 1);

    const subBranches: { code: string; residential: boolean; weight: number }[] = [];
    chosen.forEach((t, gi) => {
      const grCode = `${sub.code}-${pad(gi + 1)}`;
      committees.push({
        code: grCode,
        name: t.name,
        kind: 'grassroots',
        parentCode: sub.code,
        phase: sub.phase,
        phaseStartedAt: sub.phaseStartedAt,
        targetInstallRate: null,
      });
      branchNames(rng, t, branchCounts[gi]).forEach((br, bi) => {
        const code = `${grCode}-${pad(bi + 1)}`;
        committees.push({
          code,
          name: br.name,
          kind: 'branch',
          parentCode: grCode,
          phase: sub.phase,
          phaseStartedAt: sub.phaseStartedAt,
          targetInstallRate: null,
        });
        // residential branches (with the retirees) run larger than workplace ones
        subBranches.push({ code, residential: br.residential, weight: (br.residential ? 1.15 : 1) * (0.3 + rng() * 1.4) });
      });
    });
    const sizes = apportion(
      m,
      subBranches.map((x) => x.weight),
    );
    subBranches.forEach((x, i) => branches.push({ code: x.code, sub, residential: x.residential, size: sizes[i] }));
  });
  return { committees, branches };
}

// ---------------------------------------------------------------------------------------------------------------------
// Members.

const MOBILE_PREFIXES = [
  // Viettel (the largest network), then VinaPhone, MobiFone, Vietnamobile
  '086',
  '096',
  '097',
  '098',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '088',
  '091',
  '094',
  '081',
  '082',
  '083',
  '084',
  '085',
  '089',
  '090',
  '093',
  '070',
  '076',
  '077',
  '078',
  '079',
  '092',
  '056',
  '058',
];

const asciiCache = new Map<string, string>();
function ascii(word: string): string {
  let out = asciiCache.get(word);
  if (out === undefined) {
    out = word
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    asciiCache.set(word, out);
  }
  return out;
}

/** Probability that an older member (men over 60, women over 55) has been exempted by their branch. */
function exemptionOdds(age: number): number {
  if (age >= 80) return 0.6;
  if (age >= 75) return 0.42;
  if (age >= 70) return 0.24;
  if (age >= 65) return 0.1;
  return 0.04;
}

/** An install moment as an ISO timestamp: most in the first quarter, none after the report of 15-11-2022. */
function installTimestamp(rng: Rng, pilot: boolean, notBefore: number): string {
  let day: number;
  const r = rng();
  if (pilot && r < 0.45) {
    day = PILOT_START + floor(31 * rng() ** 1.5); // December 2021, front-loaded
  } else {
    const s = rng();
    if (s < 0.62)
      day = LIVE_START + floor(90 * rng() ** 1.7); // January–March, front-loaded
    else if (s < 0.85)
      day = LIVE_START + 90 + int(rng, 91); // April–June
    else day = LIVE_START + 181 + int(rng, LAST_INSTALL_DAY - LIVE_START - 180); // July–14 November
  }
  if (day < notBefore) {
    // admitted after the rollout: installs within about six weeks of admission
    const room = max(1, min(45, LAST_INSTALL_DAY - notBefore + 1));
    day = notBefore + int(rng, room);
  }
  if (day > LAST_INSTALL_DAY) day = LAST_INSTALL_DAY;
  return localTimestamp(rng, day);
}

/** A moment of the (Vietnam) day, 06:00–22:00 local time, as an ISO timestamp in UTC. */
function localTimestamp(rng: Rng, day: number): string {
  let seconds = 6 * 3600 + int(rng, 16 * 3600) - VN_OFFSET_SECONDS;
  let utcDay = day;
  if (seconds < 0) {
    seconds += 86_400;
    utcDay -= 1;
  }
  const time = `${pad(floor(seconds / 3600))}:${pad(floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return `${isoDate(utcDay)}T${time}.000Z`;
}

class MemberFactory {
  private readonly cards = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly emails = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly retireeOdds: number,
  ) {}

  private name(male: boolean): { family: string; middle: string; given: string } {
    const rng = this.rng;
    const family = pickWeighted(rng, FAMILY_NAMES);
    const middle = pickWeighted(rng, male ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES);
    let given = pick(rng, male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    while (given === middle || given === family) given = pick(rng, male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    return { family, middle, given };
  }

  private card(): string {
    for (;;) {
      const c = `TN-${pad(int(this.rng, 100_000_000), 8)}`;
      if (!this.cards.has(c)) {
        this.cards.add(c);
        return c;
      }
    }
  }

  private phone(): string {
    for (;;) {
      const p = pick(this.rng, MOBILE_PREFIXES) + pad(int(this.rng, 10_000_000), 7);
      if (!this.phones.has(p)) {
        this.phones.add(p);
        return p;
      }
    }
  }

  private email(n: { family: string; middle: string; given: string }, birthYear: number, gov: boolean): string {
    const family = ascii(n.family);
    const middle = ascii(n.middle);
    const given = ascii(n.given);
    const yy = pad(birthYear % 100);
    const bases = gov
      ? [`${given}${family[0]}${middle[0]}`, `${given}${family[0]}${middle[0]}${yy}`]
      : [`${family}${middle}${given}${yy}`, `${given}${family}${yy}`, `${family}${given}${birthYear}`];
    const domain = gov ? 'thainguyen.gov.vn' : 'gmail.com';
    for (let i = 0; ; i++) {
      const local = i < bases.length ? bases[i] : `${bases[0]}${i - bases.length + 2}`;
      const e = `${local}@${domain}`;
      if (!this.emails.has(e)) {
        this.emails.add(e);
        return e;
      }
    }
  }

  make(branch: BranchSlot): DemoMember {
    const rng = this.rng;
    const sub = branch.sub;
    const retiree = branch.residential && rng() < this.retireeOdds;
    const male = rng() < (retiree ? 0.62 : sub.maleRate);
    const n = this.name(male);
    const probationary = !retiree && rng() < (sub.probationaryRate ?? PROBATIONARY_RATE);

    let birth: number;
    let admitted: number;
    let age: number;
    if (probationary) {
      // admitted in the 12 months before 15-11-2022, mostly young
      admitted = AS_OF - (1 + int(rng, 364));
      const ageAtAdmission = 20 + floor(26 * rng() ** 2.2); // 20–45
      birth = addYears(admitted, -ageAtAdmission) - int(rng, 365);
      age = ageAtAdmission + (addYears(birth, ageAtAdmission + 1) <= AS_OF ? 1 : 0);
    } else {
      if (retiree) {
        age = 61 + floor(25 * rng() ** 1.6); // 61–85
      } else {
        const maxAge = male ? 60 : branch.residential ? 60 : 55; // workplaces: women retire earlier
        age = 22 + floor((maxAge - 22 + 1) * ((rng() + rng()) / 2));
      }
      birth = addYears(AS_OF, -age) - int(rng, 365);
      // admitted between 18 and 60, at least a full year before the report so that they are full members by now
      const maxAdmission = min(60, age - 2);
      const ageAtAdmission = 18 + floor((maxAdmission - 18 + 1) * rng() ** 1.5);
      admitted = addYears(birth, ageAtAdmission) + int(rng, 365);
    }
    const official = probationary ? null : addYears(admitted, 1);

    // exemption from Party work and activities: older members (men over 60, women over 55) or long illness
    let exempted = false;
    let exemptedAt: number | null = null;
    let exemptedReason: string | null = null;
    if (official !== null) {
      const threshold = male ? 61 : 56;
      let lower: number | null = null;
      if (age >= threshold && rng() < exemptionOdds(age)) {
        exemptedReason = AGE_EXEMPTION_REASON;
        lower = max(addYears(birth, threshold), official);
      } else if (age >= 30 && rng() < 0.006) {
        exemptedReason = ILLNESS_EXEMPTION_REASON;
        lower = official;
      }
      if (lower !== null) {
        exempted = true;
        const lo = max(lower, AS_OF - 6 * 365);
        const hi = AS_OF - 1;
        exemptedAt = lo >= hi ? lo : lo + int(rng, hi - lo + 1);
      }
    }

    let installed = false;
    let reason: NotInstalledReason | null = null;
    if (sub.special) {
      reason = 'special_unit_pending';
    } else if (exempted) {
      if (rng() < INSTALL_EXEMPTED) installed = true;
      else reason = 'exempted';
    } else if (probationary) {
      if (rng() < INSTALL_PROBATIONARY) installed = true;
      else reason = rng() < 0.85 ? 'other' : 'no_smartphone';
    } else {
      let p = age >= 75 ? INSTALL_OFFICIAL_75_PLUS : age >= 61 ? INSTALL_OFFICIAL_61_74 : INSTALL_OFFICIAL_UNDER_61;
      if (sub.mountainous) p -= MOUNTAIN_PENALTY;
      if (rng() < p) installed = true;
      else if (age >= 61) reason = rng() < 0.7 ? 'elderly' : 'no_smartphone';
      else reason = rng() < 0.6 ? 'no_smartphone' : 'other';
    }
    const installedAt = installed ? installTimestamp(rng, sub.pilot === true, max(sub.pilot ? PILOT_START : LIVE_START, admitted)) : null;

    // accounts were issued by phone number, so everyone who installed has one
    const phone = installed || rng() < 0.7 ? this.phone() : null;
    let email: string | null = null;
    const gov = sub.govMail === true && !retiree;
    const emailOdds = gov ? 0.85 : retiree ? 0.05 : 0.35;
    if (rng() < emailOdds) email = this.email(n, civil(birth)[0], gov);

    return {
      fullName: `${n.family} ${n.middle} ${n.given}`,
      gender: male ? 'male' : 'female',
      birthDate: isoDate(birth),
      partyCardNumber: probationary ? null : this.card(),
      status: probationary ? 'probationary' : 'official',
      admittedAt: isoDate(admitted),
      officialAt: official === null ? null : isoDate(official),
      exempted,
      exemptedAt: exemptedAt === null ? null : isoDate(exemptedAt),
      exemptedReason,
      phone,
      email,
      committeeCode: branch.code,
      notInstalledReason: reason,
      installedAt,
    };
  }
}

/**
 * Builds the demo province: the Tỉnh ủy, its 16 directly subordinate committees, grassroots organisations and branches
 * scaled to `members` (~100 members per grassroots organisation, ~29 per branch), and exactly `members` members, all in
 * branches. Deterministic: the same options always give the same output.
 */
export function buildDemoProvince(options: { members: number; seed?: number; today?: string }): DemoProvince {
  const memberCount = options.members;
  if (!Number.isInteger(memberCount) || memberCount < 0) {
    throw new RangeError(`members must be a non-negative integer, got ${memberCount}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const rng = mulberry32(trunc(seed));
  const { committees, branches } = buildTree(rng, memberCount);

  const residentialMembers = branches.reduce((n, b) => n + (b.residential ? b.size : 0), 0);
  const retireeOdds = residentialMembers > 0 ? min(0.5, (RETIREE_SHARE * memberCount) / residentialMembers) : 0;
  const factory = new MemberFactory(rng, retireeOdds);
  const members: DemoMember[] = [];
  for (const b of branches) for (let i = 0; i < b.size; i++) members.push(factory.make(b));
  if (options.today !== undefined) recentWave(committees, members, options.today, mulberry32(trunc(seed) ^ 0x3a7e));
  return { committees, members };
}

/** The committee whose rollout is recent: the provincial police, on hold since 2022 until its approval came. */
export const WAVE_COMMITTEE_CODE = 'TN-CA';
/** Days from the approval to the seed's day. */
export const WAVE_AGE_DAYS = 21;
/** The wave's daily installs follow a logistic curve: half of the eventual installs by this day, spread over ~4× this scale. */
const WAVE_MIDPOINT_DAYS = 8;
const WAVE_SCALE_DAYS = 2.5;
/** The logistic's share before the approval (day 0), left out. */
const WAVE_FIRST_SHARE = 1 / (1 + Math.exp(WAVE_MIDPOINT_DAYS / WAVE_SCALE_DAYS));

/**
 * A rollout wave in the weeks before `today` (the seed's day, a Vietnam date), so that the install
 * timeline of the last 30 or 90 days shows what it is for: the police committee (TN-CA), on hold since
 * 1-1-2022, went live WAVE_AGE_DAYS ago, and its members have been installing since along an S-curve
 * (few on the first days, most in the second week, the last ones trickling in). Accounts are issued by
 * phone number, so members without one on record wait; so do those the wave has not reached yet. It changes the
 * police subtree only, with its own PRNG: every other committee and member is as without `today`.
 */
function recentWave(committees: DemoCommittee[], members: DemoMember[], today: string, rng: Rng): void {
  const [y, m, d] = today.split('-').map(Number);
  const todayDay = dayNumber(y, m, d);
  if (!Number.isInteger(todayDay) || todayDay - WAVE_AGE_DAYS <= AS_OF)
    throw new RangeError(`today must be a date after 2022, got ${today}`);
  const start = todayDay - WAVE_AGE_DAYS;
  const inWave = (code: string) => code === WAVE_COMMITTEE_CODE || code.startsWith(`${WAVE_COMMITTEE_CODE}-`);
  for (const c of committees) {
    if (!inWave(c.code)) continue;
    c.previousPhase = { phase: c.phase, startedAt: c.phaseStartedAt! };
    c.phase = 'live';
    c.phaseStartedAt = isoDate(start);
  }
  for (const member of members) {
    if (!inWave(member.committeeCode)) continue;
    const odds = member.exempted ? INSTALL_EXEMPTED : member.status === 'probationary' ? INSTALL_PROBATIONARY : INSTALL_OFFICIAL_UNDER_61;
    member.notInstalledReason = null;
    if (member.phone === null) {
      member.notInstalledReason = 'other';
      continue;
    }
    if (rng() >= odds) {
      member.notInstalledReason = member.exempted ? 'exempted' : 'other';
      continue;
    }
    // the logistic's inverse, truncated to the days from the approval on: the day of the install
    const u = min(WAVE_FIRST_SHARE + (1 - WAVE_FIRST_SHARE) * rng(), 1 - 1e-9);
    const day = floor(WAVE_MIDPOINT_DAYS + WAVE_SCALE_DAYS * Math.log(u / (1 - u)));
    // installs up to yesterday: today's are still to come when the seed runs
    if (day >= WAVE_AGE_DAYS) continue;
    member.installedAt = localTimestamp(rng, start + day);
  }
}
