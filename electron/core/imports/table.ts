// A file to import, whatever its kind, as a header and a stream of rows of text: CSV (encoding
// and delimiter detected, read in chunks from disk or from memory, never whole), the first sheet
// of an XLSX workbook, or the cards of a vCard file. Opening again starts again from the top.
// openTable parses on a reading thread with time and memory limits (parse-thread.ts); readTable is
// the parse itself, run on that thread.
import fs from 'node:fs';
import { MAX_IMPORT_COLUMNS } from '../../../shared/contract/imports';
import { CoreError } from '../../../shared/contract/result';
import { CsvReader, type CsvRecord, CsvSyntaxError, isBlankRecord } from '../../../shared/csv';
import { MAX_COLUMNS, readFirstSheet } from '../formats/xlsx-read';
import { XmlError } from '../formats/xml';
import { ZipError } from '../formats/zip-read';
import { createDecoder, detectEncoding, type TextEncoding } from './decode';
import { openTableInWorker, workerAvailable } from './parse-thread';
import { sniffDelimiter } from './sniff';
import { readVcards, VCARD_COLUMNS } from './vcard-read';

/** From a window: the bytes. From the command line (never through the contract): a path. */
export type FileInput = { kind: 'bytes'; name: string; bytes: Buffer } | { kind: 'path'; name: string; path: string };

export type TableRow = { row: number; fields: string[] };

export type Table = {
  format: 'csv' | 'xlsx' | 'vcard';
  encoding: TextEncoding | '';
  delimiter: string;
  header: string[];
  /** The data rows after the header, blank rows left out. */
  rows: AsyncIterator<TableRow>;
  /** How much of the input has been read, 0–1. */
  progress(): number;
  close(): void;
};

const CHUNK = 1 << 16;
/** A record longer than this is refused (no field of a customer record is anywhere near it). */
const MAX_RECORD_CHARS = 1_000_000;
/** XLSX and vCard files are read whole: bounded. */
const MAX_WHOLE_FILE = 100 * 1024 * 1024;

const invalid = (message: string) => new CoreError('INVALID_INPUT', message);

function fileError(error: unknown, name: string): CoreError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return invalid(`The file ${name} is no longer there (it was moved or deleted).`);
  if (code === 'EACCES' || code === 'EPERM') return invalid(`Custodian is not allowed to read ${name}.`);
  return invalid(`The import file ${name} could not be read (${code ?? 'error'}).`);
}

/**
 * Anything that stops the import file being read names that file: the caller's catch-all would
 * otherwise blame the customer file ("Something went wrong with the customer file").
 */
function importFileError(error: unknown, name: string): CoreError {
  if (error instanceof CoreError) return error;
  if (error instanceof CsvSyntaxError) return invalid(`The import file ${name} cannot be read: its ${error.message}`);
  return fileError(error, name);
}

function readHead(input: FileInput): { head: Buffer; size: number } {
  if (input.kind === 'bytes') return { head: input.bytes.subarray(0, CHUNK), size: input.bytes.length };
  try {
    const fd = fs.openSync(input.path, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const head = Buffer.alloc(Math.min(CHUNK, size));
      fs.readSync(fd, head, 0, head.length, 0);
      return { head, size };
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw fileError(error, input.name);
  }
}

function readWhole(input: FileInput, size: number): Buffer {
  if (input.kind === 'bytes') return input.bytes;
  if (size > MAX_WHOLE_FILE) throw invalid(`${input.name} is larger than 100 MB: save it as CSV to import it.`);
  try {
    return fs.readFileSync(input.path);
  } catch (error) {
    throw fileError(error, input.name);
  }
}

function kindOf(head: Buffer, name: string): 'xlsx' | 'csv-or-vcard' {
  if (head.length === 0) throw invalid(`${name} is empty: there is nothing to import.`);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw invalid(`${name} is an old Excel (.xls) file. Open it in a spreadsheet and save it as .xlsx or CSV.`);
  }
  if (head.subarray(0, 4).toString('latin1') === '%PDF') throw invalid(`${name} is a PDF, not a table of customers.`);
  return 'csv-or-vcard';
}

/** Chunks of the input, from disk in 64 KiB reads or sliced from memory. */
async function* chunksOf(input: FileInput, from: number, onRead: (n: number) => void): AsyncGenerator<Buffer> {
  if (input.kind === 'bytes') {
    for (let at = from; at < input.bytes.length; at += CHUNK) {
      const chunk = input.bytes.subarray(at, at + CHUNK);
      onRead(chunk.length);
      yield chunk;
    }
    return;
  }
  let stream: fs.ReadStream;
  try {
    stream = fs.createReadStream(input.path, { start: from, highWaterMark: CHUNK });
    for await (const chunk of stream) {
      onRead((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw fileError(error, input.name);
  }
}

function openCsv(input: FileInput, head: Buffer, size: number): Table {
  const { encoding, bom } = detectEncoding(head);
  const decode = createDecoder(encoding);
  const sample = new TextDecoder(encoding).decode(head.subarray(bom, Math.min(head.length, 32768)));
  if (/^\s*BEGIN:VCARD/i.test(sample)) return openVcard(input, size);
  const delimiter = sniffDelimiter(sample);
  const reader = new CsvReader({ delimiter, maxRecordChars: MAX_RECORD_CHARS, maxFields: MAX_COLUMNS });
  let read = bom;
  const chunks = chunksOf(input, bom, (n) => {
    read += n;
  });
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const chunk of chunks) yield* reader.push(decode(chunk));
    yield* reader.push(decode(new Uint8Array(0), true));
    yield* reader.end();
  }
  const all = records();
  const rows = (async function* (): AsyncGenerator<TableRow> {
    for await (const record of all) {
      if (isBlankRecord(record)) continue;
      yield { row: record.row, fields: record.fields };
    }
  })();
  return {
    format: 'csv',
    encoding,
    delimiter,
    header: [],
    rows,
    progress: () => (size === 0 ? 1 : Math.min(1, read / size)),
    close: () => {
      void chunks.return(undefined);
    },
  };
}

/** A reader's own refusal (a damaged or hostile workbook) in plain words. */
function plainError(error: unknown): unknown {
  return error instanceof ZipError || error instanceof XmlError ? invalid(error.message) : error;
}

function fromSync(
  rows: Iterator<TableRow>,
  progress: (done: number) => number,
): Pick<Table, 'rows' | 'progress' | 'close'> {
  let done = 0;
  return {
    rows: {
      next: async () => {
        let r: IteratorResult<TableRow>;
        try {
          r = rows.next();
        } catch (error) {
          throw plainError(error);
        }
        if (!r.done) done++;
        return r;
      },
    },
    progress: () => progress(done),
    close: () => undefined,
  };
}

function openVcard(input: FileInput, size: number): Table {
  const bytes = readWhole(input, size);
  const { encoding, bom } = detectEncoding(bytes.subarray(0, CHUNK));
  const text = createDecoder(encoding)(bytes.subarray(bom), true);
  const count = (text.match(/^BEGIN:VCARD/gim) ?? []).length;
  if (count === 0) throw invalid(`${input.name} has no contact cards (BEGIN:VCARD) in it.`);
  const rows = fromSync(readVcards(text), (done) => Math.min(1, done / count));
  return { format: 'vcard', encoding, delimiter: '', header: [...VCARD_COLUMNS], ...rows };
}

function openXlsx(input: FileInput, size: number): Table {
  let sheet: ReturnType<typeof readFirstSheet>;
  try {
    sheet = readFirstSheet(readWhole(input, size));
  } catch (error) {
    throw plainError(error);
  }
  return { format: 'xlsx', encoding: '', delimiter: '', header: [], ...fromSync(sheet.rows, () => sheet.progress()) };
}

/** The first record, as the header: a CSV syntax error there refuses the whole file. */
async function firstRow(table: Table, name: string): Promise<IteratorResult<TableRow>> {
  try {
    return await table.rows.next();
  } catch (error) {
    table.close();
    throw importFileError(plainError(error), name);
  }
}

/** Open the file, on this thread, and read its header row (the first row that is not blank). */
export async function readTable(input: FileInput): Promise<Table> {
  const { head, size } = readHead(input);
  const kind = kindOf(head, input.name);
  const table = kind === 'xlsx' ? openXlsx(input, size) : openCsv(input, head, size);
  if (table.format === 'vcard') return table;
  for (;;) {
    const first = await firstRow(table, input.name);
    if (first.done) {
      table.close();
      throw invalid(`${input.name} has no rows: there is nothing to import.`);
    }
    if (first.value.fields.every((f) => f.trim() === '')) continue;
    if (first.value.fields.length > MAX_IMPORT_COLUMNS) {
      table.close();
      throw invalid(
        `${input.name} has ${first.value.fields.length} columns: more than an import can take (limit ${MAX_IMPORT_COLUMNS}). Remove the columns you do not need and try again.`,
      );
    }
    table.header = first.value.fields.map((f) => f.trim());
    return table;
  }
}

/**
 * Open the file and read its header row, parsed on a reading thread within its time and memory
 * limits (parse-thread.ts). Only where no thread can be started (no worker script beside the code)
 * is it parsed here.
 */
export function openTable(input: FileInput): Promise<Table> {
  return workerAvailable('parse-worker') ? openTableInWorker(input) : readTable(input);
}
