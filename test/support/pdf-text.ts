import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by pdfkit (pdfmake's engine), for tests: each content stream is inflated
 * (FlateDecode), each text run (`[<glyph ids> kerning …] TJ`) decoded through the ToUnicode map of
 * the font selected before it (`/F1 12 Tf`), the runs concatenated in the order drawn (pdfmake draws
 * word by word, each word with its trailing space, so a line reads as written; two lines run together).
 * Enough for pdfkit's own output, not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  // walk the objects in order; a stream's bytes are taken by its /Length (binary data may hold any
  // byte sequence, "endstream" and a trailing CR included)
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(raw); m; m = header.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endobj', start);
    const streamAt = raw.indexOf('stream', start);
    if (streamAt === -1 || streamAt > end) {
      objects.set(Number(m[1]), { dict: raw.slice(start, end), stream: null });
      header.lastIndex = end;
      continue;
    }
    const dict = raw.slice(start, streamAt);
    const length = Number(/\/Length (\d+)(?!\d| \d+ R)/.exec(dict)?.[1]);
    const dataAt = streamAt + 'stream'.length + (raw[streamAt + 6] === '\r' ? 2 : 1);
    const bytes = Buffer.from(raw.slice(dataAt, dataAt + length), 'latin1');
    const stream = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1');
    objects.set(Number(m[1]), { dict, stream });
    header.lastIndex = raw.indexOf('endobj', dataAt + length);
  }
  const hex = (h: string) => Buffer.from(h, 'hex').swap16().toString('utf16le');
  const toUnicode = (objectId: number): Map<number, string> => {
    const map = new Map<number, string>();
    const cmap = objects.get(objectId)?.stream ?? '';
    for (const range of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const first = parseInt(range[1], 16);
      [...range[3].matchAll(/<([0-9a-fA-F]+)>/g)].forEach((u, i) => map.set(first + i, hex(u[1])));
    }
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const c of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(c[1], 16), hex(c[2]));
    }
    return map;
  };
  const fontMaps = new Map<number, Map<number, string>>();
  for (const [id, o] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    if (ref) fontMaps.set(id, toUnicode(Number(ref[1])));
  }
  // resource names (/F1) → font object; pdfkit names fonts once per document
  const fontByName = new Map<string, number>();
  for (const o of objects.values()) {
    for (const f of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontByName.set(f[1], Number(f[2]));
  }
  const lines: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || !/ T[Jj]/.test(o.stream)) continue;
    let map: Map<number, string> | undefined;
    for (const op of o.stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\] TJ/g)) {
      if (op[1]) {
        map = fontMaps.get(fontByName.get(op[1]) ?? -1);
        continue;
      }
      const glyphs = [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((g) => g[1]).join('');
      let text = '';
      for (let i = 0; i + 4 <= glyphs.length; i += 4) text += map?.get(parseInt(glyphs.slice(i, i + 4), 16)) ?? '\uFFFD';
      lines.push(text);
    }
  }
  return lines.join('');
}
