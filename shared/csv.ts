// CSV in and out (RFC 4180): a streaming reader that takes text in chunks of any size (a quoted
// field may span chunks and lines) and gives back whole records with their row numbers, and
// `toCsv` for export with spreadsheet-formula cells made inert. Pure: no I/O here.

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** One record. `row` counts records from 1 (the header is row 1); `line` is where it starts. */
export type CsvRecord = { fields: string[]; row: number; line: number };

/** The text cannot be read as CSV from this point on (the rows before it are good). */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
    readonly line: number,
  ) {
    super(message);
  }
}

type CsvReaderOptions = {
  /** A record longer than this (separators included) is refused: almost always a quote that was never closed. */
  maxRecordChars?: number;
  /** A record with more fields than this is refused before they are kept (default: no limit). */
  maxFields?: number;
  /** The field separator, one character (default ','); imports sniff ; tab and | too. */
  delimiter?: string;
};

export class CsvReader {
  private fields: string[] = [];
  private field = '';
  private fieldStarted = false; // any character (or an opening quote) seen for this field
  private inQuotes = false;
  private afterQuote = false; // just saw a quote that closes a quoted field, or starts a doubled ""
  private skipLF = false; // the last character was a CR: a following LF belongs to it
  private first = true;
  private rows = 0;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private recordChars = 0;
  private readonly maxRecordChars: number;
  private readonly maxFields: number;
  private readonly delimiter: number;

  constructor(options: CsvReaderOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? 1_000_000;
    this.maxFields = options.maxFields ?? Number.POSITIVE_INFINITY;
    this.delimiter = (options.delimiter ?? ',').charCodeAt(0);
  }

  /** Feed the next piece of text; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = chunk.length;
    let i = 0;
    if (this.first && n > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.skipLF) {
        this.skipLF = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        this.append(chunk.slice(i, end));
        for (let j = i; j < end; j++) if (chunk.charCodeAt(j) === LF) this.line++;
        if (q === -1) break;
        this.inQuotes = false;
        this.afterQuote = true;
        i = q + 1;
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (c === QUOTE) {
          // "" inside a quoted field is one quote, and the field goes on.
          this.append('"');
          this.inQuotes = true;
          i++;
          continue;
        }
      }
      if (c === this.delimiter) {
        this.endField();
        this.count(1);
        i++;
      } else if (c === LF || c === CR) {
        this.endField();
        out.push(this.endRecord());
        this.line++;
        this.recordLine = this.line;
        this.skipLF = c === CR;
        i++;
      } else if (c === QUOTE && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
        this.quoteLine = this.line;
        i++;
      } else {
        // A run of ordinary characters. A quote in the middle of an unquoted field, or text after
        // a closing quote, is kept as written (as spreadsheets do) rather than refused.
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === this.delimiter || d === LF || d === CR) break;
          j++;
        }
        this.append(chunk.slice(i, j));
        this.fieldStarted = true;
        i = j;
      }
    }
    return out;
  }

  /** The text is complete: returns the last record if it had no line break after it. */
  end(): CsvRecord[] {
    if (this.inQuotes) {
      const row = this.rows + 1;
      throw new CsvSyntaxError(
        `row ${row}: a quoted field that starts on line ${this.quoteLine} is never closed (a " is missing).`,
        row,
        this.quoteLine,
      );
    }
    if (!this.fieldStarted && this.fields.length === 0) return [];
    this.endField();
    return [this.endRecord()];
  }

  private append(text: string): void {
    this.field += text;
    this.count(text.length);
  }

  private count(chars: number): void {
    this.recordChars += chars;
    if (this.recordChars > this.maxRecordChars) {
      const row = this.rows + 1;
      throw new CsvSyntaxError(
        `row ${row} (from line ${this.recordLine}) is longer than ${this.maxRecordChars} characters: most likely a quoted field is never closed.`,
        row,
        this.recordLine,
      );
    }
  }

  private endField(): void {
    if (this.fields.length >= this.maxFields) {
      const row = this.rows + 1;
      throw new CsvSyntaxError(
        `row ${row} (from line ${this.recordLine}) has too many columns (limit ${this.maxFields}, as in Excel).`,
        row,
        this.recordLine,
      );
    }
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
    this.afterQuote = false;
  }

  private endRecord(): CsvRecord {
    const record = { fields: this.fields, row: ++this.rows, line: this.recordLine };
    this.fields = [];
    this.recordChars = 0;
    return record;
  }
}

/** A whole text at once. Throws CsvSyntaxError for a quote that is never closed. */
export function parseCsv(text: string, options?: CsvReaderOptions): CsvRecord[] {
  const reader = new CsvReader(options);
  return [...reader.push(text), ...reader.end()];
}

/** A line with nothing on it (a blank line in the file): skipped, not an error. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.fields[0] === '';
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Make a cell inert for spreadsheets: a leading apostrophe, which they show as text. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undo `neutraliseFormula` on the way back in, so an exported file imports unchanged. */
export function restoreFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function quoteField(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Records as CSV text: CRLF line ends, fields quoted only when they need it. Formula cells are
 * neutralised unless `formulaGuard: false`.
 */
export function toCsv(rows: readonly (readonly string[])[], options: { formulaGuard?: boolean } = {}): string {
  const guard = options.formulaGuard ?? true;
  let out = '';
  for (const row of rows) {
    out += `${row.map((cell) => quoteField(guard ? neutraliseFormula(cell) : cell)).join(',')}\r\n`;
  }
  return out;
}
