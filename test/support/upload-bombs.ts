import { Readable } from 'node:stream';
import yazl from 'yazl';

/**
 * Hostile member-import files, built in the test (never committed): xlsx workbooks whose parts
 * are written as DEFLATE streams by yazl, so a part of hundreds of megabytes costs a few seconds
 * and a few megabytes to make, and CSV texts. Each takes sizes, so the fuzz suite can send small
 * versions of the same shapes.
 */

type PartBody = string | Buffer | (() => Iterable<string>);

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Packs parts into a zip, each DEFLATEd as a stream (a generator's strings are joined lazily). */
export async function zipParts(parts: Record<string, PartBody>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, body] of Object.entries(parts)) {
    if (typeof body === 'function') {
      // batches of strings into ~1 MB buffers: deflate is fed quickly without holding the whole part
      const batched = function* () {
        let buf: string[] = [];
        let size = 0;
        for (const s of body()) {
          buf.push(s);
          size += s.length;
          if (size >= 1 << 20) {
            yield Buffer.from(buf.join(''), 'utf8');
            buf = [];
            size = 0;
          }
        }
        if (buf.length) yield Buffer.from(buf.join(''), 'utf8');
      };
      zip.addReadStream(Readable.from(batched()), name);
    } else {
      zip.addBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), name);
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A minimal workbook: the given sheets (the first is read), shared strings if given. */
export function workbook(sheets: PartBody[], sharedStrings?: PartBody): Promise<Buffer> {
  const parts: Record<string, PartBody> = { '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': ROOT_RELS };
  parts['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets>` +
    sheets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets></workbook>`;
  parts['xl/_rels/workbook.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    (sharedStrings ? `<Relationship Id="rSst" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    `</Relationships>`;
  sheets.forEach((s, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = s));
  if (sharedStrings) parts['xl/sharedStrings.xml'] = sharedStrings;
  return zipParts(parts);
}

const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';
const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>';

/** A sheet whose row 2 refers to shared string 0, and `count` shared strings of `length` characters. */
export function sharedStringsBomb(count: number, length: number): Promise<Buffer> {
  const text = 'Đ'.repeat(1) + 'a'.repeat(length - 1);
  return workbook([`${SHEET_OPEN}${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>${SHEET_CLOSE}`], function* () {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`;
    for (let i = 0; i < count; i++) yield `<si><t>${text}</t></si>`;
    yield '</sst>';
  });
}

/** One cell of `chars` characters: an inline string, or a shared one. */
export function hugeCellXlsx(chars: number, shared = false): Promise<Buffer> {
  const body = function* () {
    for (let left = chars; left > 0; left -= 1 << 20) yield 'a'.repeat(Math.min(left, 1 << 20));
  };
  if (shared) {
    return workbook([`${SHEET_OPEN}${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>${SHEET_CLOSE}`], function* () {
      yield '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>';
      yield* body();
      yield '</t></si></sst>';
    });
  }
  return workbook([
    function* () {
      yield `${SHEET_OPEN}${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>`;
      yield* body();
      yield `</t></is></c></row>${SHEET_CLOSE}`;
    },
  ]);
}

/** `rows` rows of inline strings (no shared strings part), each row different. */
export function inlineRowsXlsx(rows: number): Promise<Buffer> {
  return workbook([
    function* () {
      yield `${SHEET_OPEN}${HEADER_ROW}`;
      for (let r = 2; r <= rows + 1; r++)
        yield `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Nguyễn Văn ${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;
      yield SHEET_CLOSE;
    },
  ]);
}

/** A workbook of `count` small sheets. */
export function manySheetsXlsx(count: number): Promise<Buffer> {
  return workbook(Array.from({ length: count }, () => `${SHEET_OPEN}${HEADER_ROW}${SHEET_CLOSE}`));
}

/** A sheet whose first cell is nested `depth` elements deep. */
export function deepXmlXlsx(depth: number): Promise<Buffer> {
  return workbook([
    function* () {
      yield `${SHEET_OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t>`;
      for (let i = 0; i < depth; i++) yield '<x>';
      for (let i = 0; i < depth; i++) yield '</x>';
      yield `</t></is></c></row>${SHEET_CLOSE}`;
    },
  ]);
}

/** "Billion laughs": entities defined in a DTD, each ten of the one before. */
export function entityExpansionXlsx(): Promise<Buffer> {
  const dtd = ['<!DOCTYPE lolz [<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) dtd.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  dtd.push(']>');
  return workbook([
    `<?xml version="1.0"?>${dtd.join('')}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`,
  ]);
}

/** A workbook whose sheet part declares (in the central directory) fewer bytes than it inflates to. */
export async function lyingSizeXlsx(realChars: number): Promise<Buffer> {
  const zip = await hugeCellXlsx(realChars);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  // central directory file headers: signature 0x02014b50, uncompressed size at +24, name length at +28, name at +46
  for (
    let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    at >= 0;
    at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)
  ) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.subarray(at + 46, at + 46 + nameLength).equals(name)) zip.writeUInt32LE(1000, at + 24);
  }
  return zip;
}

/** `a\n` `lines` times. */
export const csvManyLines = (lines: number) => Buffer.from('a\n'.repeat(lines));
/** Nothing but commas. */
export const csvCommas = (bytes: number) => Buffer.alloc(bytes, ',');
/** One line of one cell. */
export const csvOneLine = (bytes: number) => Buffer.alloc(bytes, 'a');
