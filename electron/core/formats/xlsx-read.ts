// Reading the first sheet of an XLSX workbook as rows of text: shared and inline strings,
// numbers, booleans, and dates (number cells with a date format become YYYY-MM-DD). Rows keep
// the spreadsheet's own row numbers so an error points at the row a person sees. The sheet is
// parsed as a stream (xml.ts), a row at a time; a cell past the last column a spreadsheet can
// have is refused before anything is allocated for it.
import { decodeExcelEscapes, MAX_XML_TEXT, parseXml, parseXmlWhole, XmlError } from './xml';
import { openZip, type ZipArchive, ZipError, type ZipLimits } from './zip-read';

type SheetRow = { row: number; fields: string[] };

/** Excel's own limit (column XFD): a cell further right is not from a spreadsheet. */
export const MAX_COLUMNS = 16_384;
/** Excel's own limit on rows: a larger row number is not from a spreadsheet. */
const MAX_ROW_NUMBER = 1_048_576;

const tooManyColumns = (row: number) =>
  new XmlError(`Row ${row} of the sheet has too many columns (limit ${MAX_COLUMNS}, as in Excel): refused.`);

/** The workbook's first sheet (its relationship id) and its date system. */
function readWorkbook(zip: ZipArchive): { id: string | undefined; base1904: boolean } {
  const xml = zip.read('xl/workbook.xml');
  if (!xml) throw new ZipError('This ZIP file is not an Excel workbook (xl/workbook.xml is missing).');
  let id: string | undefined;
  let first = true;
  let base1904 = false;
  parseXmlWhole(
    xml,
    {
      open(name, attrs) {
        if (name === 'sheet' && first) {
          first = false;
          const key = Object.keys(attrs).find((k) => k.endsWith(':id')) ?? 'id';
          id = attrs[key];
        } else if (name === 'workbookPr') base1904 = /^(1|true)$/.test(attrs.date1904 ?? '');
      },
    },
    'The workbook (xl/workbook.xml)',
  );
  return { id, base1904 };
}

function firstSheetPath(zip: ZipArchive, id: string | undefined): string {
  const rels = zip.read('xl/_rels/workbook.xml.rels');
  let target: string | undefined;
  if (rels && id !== undefined) {
    parseXmlWhole(
      rels,
      {
        open(name, attrs) {
          if (name === 'Relationship' && attrs.Id === id && target === undefined) target = attrs.Target ?? '';
        },
      },
      "The workbook's list of parts (xl/_rels/workbook.xml.rels)",
    );
  }
  if (target !== undefined) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  if (zip.names.includes('xl/worksheets/sheet1.xml')) return 'xl/worksheets/sheet1.xml';
  throw new ZipError('The workbook has no sheet to read.');
}

/**
 * Collects the text of <t> elements (rich text runs joined; phonetic guides left out) for a
 * string item <si> or an inline string <is>, within MAX_XML_TEXT characters.
 */
function stringCollector(where: () => string) {
  let inT = false;
  let inPhonetic = false;
  let text = '';
  return {
    reset() {
      text = '';
      inT = false;
    },
    open(name: string) {
      if (name === 't' && !inPhonetic) inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name: string) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text(t: string) {
      if (!inT) return;
      if (text.length + t.length > MAX_XML_TEXT) {
        throw new XmlError(`${where()} is longer than ${MAX_XML_TEXT} characters: refused.`);
      }
      text += t;
    },
    value: () => decodeExcelEscapes(text),
  };
}

function sharedStrings(zip: ZipArchive): string[] {
  const xml = zip.read('xl/sharedStrings.xml');
  if (!xml) return [];
  const strings: string[] = [];
  const item = stringCollector(() => `Shared text ${strings.length + 1} of the workbook`);
  parseXmlWhole(
    xml,
    {
      open(name) {
        if (name === 'si') item.reset();
        else item.open(name);
      },
      close(name) {
        if (name === 'si') strings.push(item.value());
        else item.close(name);
      },
      text: item.text,
    },
    "The workbook's shared text (xl/sharedStrings.xml)",
  );
  return strings;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** For each cell style index: does it show numbers as dates? */
function dateStyles(zip: ZipArchive): boolean[] {
  const xml = zip.read('xl/styles.xml');
  if (!xml) return [];
  const custom = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  parseXmlWhole(
    xml,
    {
      open(name, attrs) {
        if (name === 'numFmt') custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attrs.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    "The workbook's styles (xl/styles.xml)",
  );
  return styleFormats.map(
    (id) => BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id) ?? '')),
  );
}

function serialToDate(serial: number, base1904: boolean): string {
  const epoch = base1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.round(serial * 86400) * 1000);
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

/** serialToDate for a sheet: a column of dates repeats the same few thousand days. */
function dateReader(base1904: boolean): (serial: number) => string {
  const days = new Map<number, string>();
  return (serial) => {
    let date = days.get(serial);
    if (date === undefined) {
      date = serialToDate(serial, base1904);
      if (days.size < 100_000) days.set(serial, date);
    }
    return date;
  };
}

/** "4.1111111111111E+15" → "4111111111111100": a number is shown as a spreadsheet shows it. */
function plainNumber(value: string): string {
  if (!/e/i.test(value)) return value;
  const n = Number(value);
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : value;
}

/** The column of a cell reference ("C7" → 2), or -1 past MAX_COLUMNS (checked letter by letter). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > MAX_COLUMNS) return -1;
  }
  return n - 1;
}

type Sheet = { rows: Generator<SheetRow>; progress(): number };

/** Opens the workbook; the first sheet's rows are parsed as they are asked for. */
export function readFirstSheet(bytes: Buffer, limits?: ZipLimits): Sheet {
  const zip = openZip(bytes, limits);
  const workbook = readWorkbook(zip);
  const sheet = zip.read(firstSheetPath(zip, workbook.id));
  if (sheet === undefined) throw new ZipError('The first sheet of the workbook is missing.');
  const strings = sharedStrings(zip);
  const dates = dateStyles(zip);

  let read = 0;
  function* rows(): Generator<SheetRow> {
    const done: SheetRow[] = [];
    let next = 1;
    let row: SheetRow | null = null;
    let col = 0;
    let cell: { type: string; style: number } | null = null;
    let inValue = false;
    let value = '';
    const inline = stringCollector(() => `Cell ${col + 1} of row ${row?.row ?? next}`);
    const toDate = dateReader(workbook.base1904);

    const cellValue = (type: string, style: number): string => {
      if (type === 'inlineStr') return inline.value();
      if (value === '') return '';
      if (type === 's') return strings[Number(value)] ?? '';
      if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
      if (type === 'str' || type === 'e') return decodeExcelEscapes(value);
      const n = Number(value);
      if (dates[style] && Number.isFinite(n)) return toDate(n);
      return plainNumber(value);
    };

    const handlers = {
      open(name: string, attrs: Record<string, string>) {
        if (name === 'row') {
          const r = Number(attrs.r ?? next);
          const number = Number.isInteger(r) && r >= 1 && r <= MAX_ROW_NUMBER ? r : next;
          next = number + 1;
          row = { row: number, fields: [] };
          col = 0;
        } else if (name === 'c' && row) {
          if (attrs.r) col = columnIndex(attrs.r);
          if (col < 0 || col >= MAX_COLUMNS) throw tooManyColumns(row.row);
          cell = { type: attrs.t ?? 'n', style: Number(attrs.s ?? 0) };
          value = '';
          inline.reset();
        } else if (cell) {
          if (name === 'v') inValue = true;
          else inline.open(name);
        }
      },
      close(name: string) {
        if (name === 'row' && row) {
          done.push(row);
          row = null;
        } else if (name === 'c' && row && cell) {
          const fields = row.fields;
          while (fields.length < col) fields.push('');
          fields[col] = cellValue(cell.type, cell.style);
          col++;
          cell = null;
        } else if (name === 'v') inValue = false;
        else if (cell) inline.close(name);
      },
      text(t: string) {
        if (!cell) return;
        if (!inValue) return inline.text(t);
        if (value.length + t.length > MAX_XML_TEXT) {
          throw new XmlError(`Cell ${col + 1} of row ${row?.row} is longer than ${MAX_XML_TEXT} characters: refused.`);
        }
        value += t;
      },
    };
    for (const share of parseXml(sheet as Buffer, handlers, 'The first sheet of the workbook')) {
      read = share;
      yield* done;
      done.length = 0;
    }
  }
  return { rows: rows(), progress: () => read };
}
