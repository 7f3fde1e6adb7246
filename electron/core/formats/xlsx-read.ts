// Reading the first sheet of an XLSX workbook as rows of text: shared and inline strings,
// numbers, booleans, and dates (number cells with a date format become YYYY-MM-DD). Rows keep
// the spreadsheet's own row numbers so an error points at the row a person sees.
import { attribute, decodeXml, textOf } from './xml';
import { openZip, type ZipArchive, ZipError, type ZipLimits } from './zip-read';

export type SheetRow = { row: number; fields: string[] };

function text(zip: ZipArchive, name: string): string | undefined {
  return zip.read(name)?.toString('utf8');
}

function firstSheetPath(zip: ZipArchive): string {
  const workbook = text(zip, 'xl/workbook.xml');
  if (!workbook) throw new ZipError('This ZIP file is not an Excel workbook (xl/workbook.xml is missing).');
  const sheet = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(workbook);
  const id = sheet && (attribute(sheet[1] ?? '', 'r:id') ?? attribute(sheet[1] ?? '', 'id'));
  const rels = text(zip, 'xl/_rels/workbook.xml.rels') ?? '';
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    if (attribute(m[1] ?? '', 'Id') !== id) continue;
    const target = attribute(m[1] ?? '', 'Target') ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  if (zip.names.includes('xl/worksheets/sheet1.xml')) return 'xl/worksheets/sheet1.xml';
  throw new ZipError('The workbook has no sheet to read.');
}

function sharedStrings(zip: ZipArchive): string[] {
  const xml = text(zip, 'xl/sharedStrings.xml');
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => textOf(m[1] ?? ''));
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** For each cell style index: does it show numbers as dates? */
function dateStyles(zip: ZipArchive): boolean[] {
  const xml = text(zip, 'xl/styles.xml');
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    custom.set(Number(attribute(m[1] ?? '', 'numFmtId')), attribute(m[1] ?? '', 'formatCode') ?? '');
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*)\/?>/g)].map((m) => {
    const id = Number(attribute(m[1] ?? '', 'numFmtId') ?? 0);
    return BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id) ?? ''));
  });
}

function serialToDate(serial: number, base1904: boolean): string {
  const epoch = base1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86400) * 1000).toISOString().slice(0, 10);
}

/** "4.1111111111111E+15" → "4111111111111100": a number is shown as a spreadsheet shows it. */
function plainNumber(value: string): string {
  if (!/e/i.test(value)) return value;
  const n = Number(value);
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : value;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export type Sheet = { rows: Generator<SheetRow>; rowCount: number };

export function readFirstSheet(bytes: Buffer, limits?: ZipLimits): Sheet {
  const zip = openZip(bytes, limits);
  const xml = text(zip, firstSheetPath(zip));
  if (xml === undefined) throw new ZipError('The first sheet of the workbook is missing.');
  const strings = sharedStrings(zip);
  const dates = dateStyles(zip);
  const base1904 = /date1904\s*=\s*"(1|true)"/.test(text(zip, 'xl/workbook.xml') ?? '');

  function cellValue(attrs: string, body: string): string {
    const type = attribute(attrs, 't') ?? 'n';
    if (type === 'inlineStr') return textOf(body);
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    if (v === undefined) return '';
    if (type === 's') return strings[Number(v)] ?? '';
    if (type === 'b') return v === '1' ? 'TRUE' : 'FALSE';
    if (type === 'str' || type === 'e') return decodeXml(v);
    const style = Number(attribute(attrs, 's') ?? 0);
    const n = Number(v);
    if (dates[style] && Number.isFinite(n)) return serialToDate(n, base1904);
    return plainNumber(v);
  }

  function* rows(): Generator<SheetRow> {
    let next = 1;
    for (const m of xml?.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g) ?? []) {
      const rowNumber = Number(attribute(m[1] ?? '', 'r') ?? next);
      next = rowNumber + 1;
      const fields: string[] = [];
      let col = 0;
      for (const c of (m[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[1] ?? '';
        const ref = attribute(attrs, 'r');
        if (ref) col = columnIndex(ref);
        while (fields.length < col) fields.push('');
        fields[col] = cellValue(attrs, c[2] ?? '');
        col++;
      }
      yield { row: rowNumber, fields };
    }
  }
  const rowCount = (xml.match(/<row\b/g) ?? []).length;
  return { rows: rows(), rowCount };
}
