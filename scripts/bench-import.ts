/**
 * Member-import benchmark: `npm run build && DATABASE_URL=postgres://… node dist/scripts/bench-import.js`.
 *
 * Creates a scratch database on the DATABASE_URL server (dropped afterwards; the database named in
 * the URL is not touched), starts the real application on it, builds a province with branches,
 * generates member files and imports them over HTTP (multipart, as the dashboard does), timing each
 * request end to end. ROWS (default 100000) and FORMATS (default `csv,xlsx`) change the run.
 *
 *   1. a CSV of ROWS new members               → created
 *   2. the same CSV again                        → unchanged (every row matched and compared)
 *   3. an xlsx workbook of ROWS other new members → created
 * then exports everyone as CSV and as xlsx.
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('DATABASE_URL is required (a PostgreSQL server; a scratch database is created on it)');
  process.exit(1);
}
const ROWS = Number(process.env.ROWS ?? 100_000);
const FORMATS = (process.env.FORMATS ?? 'csv,xlsx').split(',').map((f) => f.trim());
const BRANCHES = 200;

const HEADER = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh',
  'Số thẻ đảng',
  'Mã định danh',
  'Trạng thái',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Miễn sinh hoạt',
  'Ngày miễn',
  'Điện thoại',
  'Email',
  'Mã chi bộ',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Ma', 'Lò', 'Hà'];
const GIVEN = ['Văn An', 'Thị Bình', 'Văn Cường', 'Thị Dung', 'Minh Đức', 'Thu Hà', 'Quang Huy', 'Thị Lan', 'Văn Nam', 'Thị Oanh'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ddmmyyyy = (y: number, m: number, d: number) => `${pad(d)}/${pad(m)}/${y}`;

/** One plausible member: official (with a card) or probationary (with an external id), some exempted. */
function member(i: number, prefix: string, branchCodes: string[]): (string | Date)[] {
  const birthYear = 1945 + (i % 55);
  const admittedYear = Math.min(birthYear + 20 + (i % 15), 2024);
  const probationary = i % 12 === 0 && admittedYear >= 2024;
  const exempted = !probationary && birthYear < 1960 && i % 3 === 0;
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  return [
    `${FAMILY[i % FAMILY.length]} ${GIVEN[(i * 7) % GIVEN.length]}`,
    GIVEN[(i * 7) % GIVEN.length].startsWith('Thị') || GIVEN[(i * 7) % GIVEN.length].startsWith('Thu') ? 'Nữ' : 'Nam',
    ddmmyyyy(birthYear, month, day),
    probationary ? '' : `${prefix}${pad(i, 7)}`,
    probationary ? `${prefix}X${pad(i, 7)}` : '',
    probationary ? 'Dự bị' : 'Chính thức',
    ddmmyyyy(admittedYear, month, day),
    probationary ? '' : ddmmyyyy(admittedYear + 1, month, day),
    exempted ? 'Có' : 'Không',
    exempted ? ddmmyyyy(2020, month, day) : '',
    i % 4 === 0 ? '' : `09${pad(i % 100_000_000, 8)}`,
    i % 5 === 0 ? `dv${prefix.toLowerCase()}${i}@thainguyen.gov.vn` : '',
    branchCodes[i % branchCodes.length],
  ];
}

const csvCell = (v: string | Date) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function csvFile(prefix: string, branchCodes: string[]): Buffer {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < ROWS; i++) lines.push(member(i, prefix, branchCodes).map(csvCell).join(','));
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

async function xlsxFile(prefix: string, branchCodes: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Đảng viên');
  ws.addRow(HEADER).commit();
  const dateCols = new Set([2, 6, 7, 9]);
  for (let i = 0; i < ROWS; i++) {
    const cells = member(i, prefix, branchCodes).map((v, c) => {
      if (!dateCols.has(c) || !v) return v || null;
      const [d, m, y] = String(v).split('/').map(Number);
      return new Date(Date.UTC(y, m - 1, d)); // real workbook dates
    });
    ws.addRow(cells).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function main() {
  const name = `bench_import_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const password = randomBytes(12).toString('base64url');
  // the application's ConfigModule reads process.env: point it at the scratch database
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: 'bench',
    ADMIN_PASSWORD: password,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    SWAGGER_ENABLED: 'false',
  });
  const config = loadConfig();
  const app = await createApp(config);
  const db = new pg.Client({ connectionString: url.toString() });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    await db.connect();
    // a province → one subordinate → one grassroots organisation → BRANCHES branches
    const insert = async (id: number, name: string, code: string, kind: string, parent: number | null, path: string) =>
      db.query(`INSERT INTO committees (id, name, code, kind, parent_id, path) VALUES ($1, $2, $3, $4, $5, CAST($6 AS ltree))`, [
        id,
        name,
        code,
        kind,
        parent,
        path,
      ]);
    await insert(900001, 'Tỉnh ủy (bench)', 'BENCH-TU', 'province', null, '900001');
    await insert(900002, 'Huyện ủy (bench)', 'BENCH-HU', 'subordinate', 900001, '900001.900002');
    await insert(900003, 'Đảng bộ xã (bench)', 'BENCH-XA', 'grassroots', 900002, '900001.900002.900003');
    const branchCodes: string[] = [];
    for (let b = 0; b < BRANCHES; b++) {
      const id = 900100 + b;
      branchCodes.push(`BENCH-CB${b}`);
      await insert(id, `Chi bộ ${b} (bench)`, `BENCH-CB${b}`, 'branch', 900003, `900001.900002.900003.${id}`);
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    const importFile = async (label: string, file: Buffer, filename: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), filename);
      const started = performance.now();
      const res = await fetch(`${base}/api/members/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: form,
      });
      const seconds = (performance.now() - started) / 1000;
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status !== 200) throw new Error(`${label}: ${res.status} ${JSON.stringify(body).slice(0, 2000)}`);
      const mb = (file.length / 1024 / 1024).toFixed(1);
      console.log(`${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s   ${mb.padStart(5)} MiB   ${JSON.stringify(body)}`);
      return seconds;
    };

    const { rows } = await db.query(`SELECT version()`);
    console.log(`member import benchmark: ${ROWS} rows, ${BRANCHES} branches, ${rows[0].version.split(',')[0]}, node ${process.version}`);
    if (FORMATS.includes('csv')) {
      const file = csvFile('BC', branchCodes);
      await importFile(`CSV, ${ROWS} new members`, file, 'dang-vien.csv');
      await importFile(`same CSV again (all unchanged)`, file, 'dang-vien.csv');
    }
    if (FORMATS.includes('xlsx')) {
      const file = await xlsxFile('BX', branchCodes);
      await importFile(`xlsx, ${ROWS} new members`, file, 'dang-vien.xlsx');
    }
    const count = await db.query(`SELECT count(*)::int AS n FROM members`);
    console.log(`members in the scratch database: ${count.rows[0].n}`);
    for (const format of ['csv', 'xlsx']) {
      const started = performance.now();
      const res = await fetch(`${base}/api/members/export?format=${format}`, { headers: { authorization: `Bearer ${accessToken}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`export ${format}: ${res.status}`);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${`export ${format}, all ${count.rows[0].n} members`.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s   ${(bytes / 1024 / 1024).toFixed(1).padStart(5)} MiB`,
      );
    }
  } finally {
    await db.end().catch(() => undefined);
    await app.close();
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
