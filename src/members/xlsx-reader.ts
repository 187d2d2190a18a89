import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { StringDecoder } from 'node:string_decoder';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ApiError } from '../common/errors.js';
import { ImportBudget, yieldToEventLoop } from './import-limits.js';
import { ImportFileErrors } from './members.errors.js';
import type { CellValue } from './member-file-format.js';

/** A non-blank row of the uploaded sheet with its spreadsheet row number (1-based). */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

/**
 * The first worksheet of an .xlsx workbook, read with bounded memory: yauzl reads the zip's
 * central directory (so each part's declared sizes are known before anything is inflated, and
 * a part that inflates to more than it declared is stopped), saxes parses each part as it
 * inflates, and every cap of {@link ImportBudget} is checked as cells arrive. exceljs's
 * streaming reader, used before, kept every shared string and every cell's text without a bound.
 *
 * Only what the import needs is read: the workbook (the first sheet, the 1904 date system), its
 * relationships, the styles (which cells are dates), the shared strings and the sheet.
 */
export async function readXlsxRows(buffer: Buffer, budget: ImportBudget, rowCap: number): Promise<SheetRow[]> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, autoClose: false });
  } catch (e) {
    throw ImportFileErrors.unsupported(`The file is a zip archive but not a readable .xlsx workbook (${(e as Error).message})`);
  }
  try {
    return await new WorkbookReader(zip, budget, rowCap).rows();
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw ImportFileErrors.unsupported(`The file is a zip archive but not a readable .xlsx workbook (${(e as Error).message})`);
  } finally {
    zip.close();
  }
}

const MIB = 1024 * 1024;
const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
/** Built-in number formats that are dates or times (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Element name without its namespace prefix (`x:row` → `row`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** `AB12` → 28 (1-based column); 0 when the reference has no letters. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > 16_384) return n;
  }
  return n;
}

/** exceljs's test for a date format: date letters outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** A workbook part as parser events. */
interface XmlHandlers {
  open(name: string, attributes: Record<string, string>, depth: number): void;
  close(name: string): void;
  text?(text: string): void;
}

class WorkbookReader {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly zip: ZipFile,
    private readonly budget: ImportBudget,
    /** Non-blank rows kept at most (the data rows and the rows the header is looked for in). */
    private readonly rowCap: number,
  ) {}

  async rows(): Promise<SheetRow[]> {
    const { limits } = this.budget;
    if (this.zip.entryCount > limits.maxZipEntries) throw ImportFileErrors.tooComplex(`more than ${limits.maxZipEntries} parts`);
    await this.readEntries();

    const workbookPath =
      (await this.relationships('_rels/.rels', '')).find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
    const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
    let firstSheetId: string | undefined;
    let date1904 = false;
    await this.parse(workbookPath, {
      open: (name, a) => {
        if (name === 'sheet' && firstSheetId === undefined)
          firstSheetId = a['r:id'] ?? Object.entries(a).find(([k]) => local(k) === 'id')?.[1];
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      },
      close: () => undefined,
    });
    const rels = await this.relationships(`${dir}_rels/${workbookPath.slice(dir.length)}.rels`, dir);
    const sheetPath = rels.find((r) => r.id === firstSheetId)?.target;
    if (!sheetPath || !this.entries.has(sheetPath))
      throw ImportFileErrors.unsupported('The file is a zip archive but not an .xlsx workbook');
    const styles = rels.find((r) => r.type === 'styles')?.target;
    const dateStyles = styles ? await this.dateStyles(styles) : new Set<number>();
    const sharedPath = rels.find((r) => r.type === 'sharedStrings')?.target;
    const shared = sharedPath ? await this.sharedStrings(sharedPath) : [];
    return this.sheet(sheetPath, shared, dateStyles, date1904);
  }

  private async readEntries(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.zip.on('entry', (entry: Entry) => {
        if (this.entries.has(entry.fileName)) return reject(ImportFileErrors.tooComplex(`the part ${entry.fileName} appears twice`));
        this.entries.set(entry.fileName, entry);
        this.zip.readEntry();
      });
      this.zip.once('end', () => resolve());
      this.zip.once('error', reject);
      this.zip.readEntry();
    });
  }

  /** The relationships of a part: id, type (the last word of its URI) and target as a zip path. */
  private async relationships(path: string, base: string): Promise<{ id: string; type: string; target: string }[]> {
    const out: { id: string; type: string; target: string }[] = [];
    if (!this.entries.has(path)) return out;
    await this.parse(path, {
      open: (name, a) => {
        if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return;
        const target = a.Target.startsWith('/') ? a.Target.slice(1) : normalise(base + a.Target);
        out.push({ id: a.Id, type: (a.Type ?? '').replace(RELATIONSHIP, '').split('/').pop() ?? '', target });
      },
      close: () => undefined,
    });
    return out;
  }

  /** Indexes of the cell formats (`s` of a cell) that show a date. */
  private async dateStyles(path: string): Promise<Set<number>> {
    const custom = new Map<number, string>();
    const formats: number[] = [];
    let inCellXfs = false;
    await this.parse(path, {
      open: (name, a) => {
        if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    const dates = new Set<number>();
    formats.forEach((id, i) => {
      const code = custom.get(id);
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(i);
    });
    return dates;
  }

  private async sharedStrings(path: string): Promise<string[]> {
    const strings: string[] = [];
    let current: string | null = null;
    let inText = false;
    let phonetic = 0;
    await this.parse(path, {
      open: (name) => {
        if (name === 'si') current = '';
        else if (name === 't') inText = phonetic === 0;
        else if (name === 'rPh') phonetic++;
      },
      text: (text) => {
        if (current === null || !inText) return;
        current += text;
        this.budget.checkCellText(current, null);
      },
      close: (name) => {
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si' && current !== null) {
          this.budget.keepText(current.length);
          strings.push(current);
          current = null;
        }
      },
    });
    return strings;
  }

  private async sheet(path: string, shared: string[], dateStyles: Set<number>, date1904: boolean): Promise<SheetRow[]> {
    const { budget } = this;
    const rows: SheetRow[] = [];
    let rowNumber = 0;
    let cells: CellValue[] | null = null;
    let column = 0;
    // the cell being read
    let type = 'n';
    let style = 0;
    let value: string | null = null;
    let inline: string | null = null;
    let collect: 'v' | 't' | null = null;
    let phonetic = 0;

    const finishCell = () => {
      let v: CellValue = null;
      switch (type) {
        case 's':
          v = value === null ? null : (shared[Number(value)] ?? null);
          break;
        case 'inlineStr':
          v = inline;
          break;
        case 'str':
        case 'e':
          v = value;
          break;
        case 'b':
          v = value === null ? null : value === '1' || value === 'true';
          break;
        default: {
          if (value === null || value.trim() === '') break;
          const n = Number(value);
          if (Number.isNaN(n)) v = value;
          else v = dateStyles.has(style) ? new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)) : n;
        }
      }
      if (v === null || cells === null) return;
      if (typeof v === 'string' && type !== 's') budget.keepText(v.length);
      budget.keepCells(Math.max(0, column - cells.length));
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = v;
    };

    await this.parse(path, {
      open: (name, a) => {
        switch (name) {
          case 'row':
            rowNumber = a.r ? Number(a.r) : rowNumber + 1;
            if (!Number.isSafeInteger(rowNumber) || rowNumber < 1) throw ImportFileErrors.tooComplex(`a row numbered ${a.r}`);
            cells = [];
            column = 0;
            break;
          case 'c':
            column = a.r ? columnOf(a.r) || column + 1 : column + 1;
            budget.checkColumn(column, rowNumber);
            type = a.t ?? 'n';
            style = Number(a.s ?? 0);
            value = null;
            inline = null;
            phonetic = 0;
            break;
          case 'v':
            collect = 'v';
            value = '';
            break;
          case 'is':
            inline = '';
            break;
          case 'rPh':
            phonetic++;
            break;
          case 't':
            if (inline !== null && phonetic === 0) collect = 't';
            break;
        }
      },
      text: (text) => {
        if (collect === 'v') {
          value += text;
          budget.checkCellText(value!, rowNumber);
        } else if (collect === 't') {
          inline += text;
          budget.checkCellText(inline!, rowNumber);
        }
      },
      close: (name) => {
        switch (name) {
          case 'v':
          case 't':
            collect = null;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'c':
            finishCell();
            break;
          case 'row':
            if (cells && !cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) {
              rows.push({ row: rowNumber, cells });
              if (rows.length > this.rowCap) throw ImportFileErrors.tooManyRows(budget.limits.maxRows);
            }
            cells = null;
            break;
        }
      },
    });
    return rows;
  }

  /**
   * Inflates one part and hands its elements to `handlers`, checking as it goes: the declared
   * size and compression ratio before, the bytes inflated (never more than declared), the
   * nesting depth, and a length of text or markup without a `<` (what a parser would buffer).
   * DTDs, comments, CDATA and processing instructions (which Excel does not write, and a parser
   * buffers whole) are refused. Yields to the event loop between chunks.
   */
  private async parse(path: string, handlers: XmlHandlers): Promise<void> {
    const entry = this.entries.get(path);
    if (!entry) throw ImportFileErrors.unsupported(`The workbook has no part ${path}`);
    const { limits } = this.budget;
    if (entry.uncompressedSize > limits.maxUnzippedBytes) {
      throw ImportFileErrors.zipBomb(path, `unpacks to ${entry.uncompressedSize} bytes (at most ${limits.maxUnzippedBytes})`);
    }
    if (entry.uncompressedSize > MIB && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio) {
      throw ImportFileErrors.zipBomb(path, `unpacks to more than ${limits.maxCompressionRatio} times its packed size`);
    }
    if (entry.isEncrypted()) throw ImportFileErrors.unsupported('The workbook is protected by a password');

    const parser = new SaxesParser({ xmlns: false, position: false });
    let depth = 0;
    parser.on('opentag', (tag: SaxesTagPlain) => {
      if (++depth > limits.maxXmlDepth)
        throw ImportFileErrors.tooComplex(`elements nested more than ${limits.maxXmlDepth} deep in ${path}`);
      handlers.open(local(tag.name), tag.attributes as Record<string, string>, depth);
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      depth--;
      handlers.close(local(tag.name));
    });
    if (handlers.text) parser.on('text', handlers.text);

    // a run of text or markup without '<' is what saxes would hold: a cell's text, in UTF-8, at most
    const maxRun = limits.maxCellChars * 4 + 4096;
    let run = 0;
    let inflated = 0;
    let previous = 0;
    let markupSeen = false;
    const decoder = new StringDecoder('utf8');
    const stream = await this.zip.openReadStreamPromise(entry);
    let chunks = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > entry.uncompressedSize || inflated > limits.maxUnzippedBytes) {
          throw ImportFileErrors.zipBomb(path, 'unpacks to more bytes than it declares');
        }
        for (let i = 0; i < chunk.length; i++) {
          const b = chunk[i];
          if (b === 0x3c) {
            run = 0;
          } else {
            if (++run > maxRun) throw ImportFileErrors.cellTooLong(limits.maxCellChars, null);
            if (previous === 0x3c) {
              if (b === 0x21) throw ImportFileErrors.tooComplex(`a DTD, comment or CDATA section in ${path}`);
              if (b === 0x3f && markupSeen) throw ImportFileErrors.tooComplex(`a processing instruction in ${path}`);
              markupSeen = true;
            }
          }
          previous = b;
        }
        parser.write(decoder.write(chunk));
        if (++chunks % 4 === 0) await yieldToEventLoop();
      }
      parser.write(decoder.end());
      parser.close();
    } catch (e) {
      stream.destroy();
      if (e instanceof ApiError) throw e;
      if (/too many bytes|expected \d+ bytes|uncompressed/i.test((e as Error).message)) {
        throw ImportFileErrors.zipBomb(path, 'unpacks to another size than it declares');
      }
      throw ImportFileErrors.unsupported(`The workbook's part ${path} cannot be read (${(e as Error).message})`);
    }
  }
}

/** `xl/worksheets/../sharedStrings.xml` → `xl/sharedStrings.xml`. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}
