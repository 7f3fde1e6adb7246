// The CSV reader and writer (shared/csv.ts): RFC 4180 quoting, line ends, BOM, ragged rows kept
// as rows (the importer reports them), an unclosed quote as a clear error, chunked input.
import { describe, expect, it } from 'vitest';
import {
  CsvReader,
  CsvSyntaxError,
  isBlankRecord,
  neutraliseFormula,
  parseCsv,
  restoreFormula,
  toCsv,
} from '../../shared/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain fields, LF and CRLF line ends, and a last line without a line end', () => {
    expect(fields('a,b,c\n1,2,3\r\n4,5,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields(',x,\n,,')).toEqual([
      ['', 'x', ''],
      ['', '', ''],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and embedded line breaks', () => {
    const records = parseCsv('name,notes\r\n"Smith, Ann","She said ""hi""\r\nthen left"\r\n"",x\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['name', 'notes'],
      ['Smith, Ann', 'She said "hi"\r\nthen left'],
      ['', 'x'],
    ]);
    // Row numbers count records (a spreadsheet's rows); lines count the text's lines.
    expect(records.map((r) => [r.row, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  it('strips a UTF-8 byte order mark from the start only', () => {
    expect(fields('\uFEFFref,given_name\n\uFEFFx,y')).toEqual([
      ['ref', 'given_name'],
      ['\uFEFFx', 'y'],
    ]);
  });

  it('keeps ragged rows as they are, for the importer to report', () => {
    const records = parseCsv('a,b,c\n1,2\n1,2,3,4\n');
    expect(records.map((r) => r.fields.length)).toEqual([3, 2, 4]);
    expect(records[2]?.row).toBe(3);
  });

  it('reports blank lines as blank records, not as data', () => {
    const records = parseCsv('a,b\n\n1,2\n');
    expect(records.map(isBlankRecord)).toEqual([false, true, false]);
    expect(records[2]?.row).toBe(3);
  });

  it('keeps a stray quote inside an unquoted field as written', () => {
    expect(fields('O"Brien,5 "The Lane"\n')).toEqual([['O"Brien', '5 "The Lane"']]);
  });

  it('refuses a quote that is never closed, naming the row and the line', () => {
    const text = 'a,b\n1,2\n3,"never closed\n4,5\n';
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    try {
      parseCsv(text);
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).row).toBe(3);
      expect((error as CsvSyntaxError).line).toBe(3);
      expect((error as Error).message).toMatch(/row 3: a quoted field that starts on line 3 is never closed/);
    }
  });

  it('refuses a record longer than the limit instead of growing without end', () => {
    expect(() => parseCsv(`a\n"${'x'.repeat(200)}`, { maxRecordChars: 100 })).toThrow(/longer than 100 characters/);
  });
});

describe('CsvReader in chunks', () => {
  const text = '\uFEFFref,notes\r\nC1,"line one\r\nline ""two"""\r\nC2,plain\r\nC3,"a,b"';

  it('gives the same records whatever the chunk boundaries, even inside CRLF and ""', () => {
    const whole = parseCsv(text);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const reader = new CsvReader();
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...reader.push(text.slice(i, i + size)));
      got.push(...reader.end());
      expect(got, `chunk size ${size}`).toEqual(whole);
    }
    expect(whole.map((r) => r.fields)).toEqual([
      ['ref', 'notes'],
      ['C1', 'line one\r\nline "two"'],
      ['C2', 'plain'],
      ['C3', 'a,b'],
    ]);
  });

  it('returns records as soon as they are complete', () => {
    const reader = new CsvReader();
    expect(reader.push('a,b\n1,')).toEqual([{ fields: ['a', 'b'], row: 1, line: 1 }]);
    expect(reader.push('2\n')).toEqual([{ fields: ['1', '2'], row: 2, line: 2 }]);
    expect(reader.end()).toEqual([]);
  });
});

describe('toCsv', () => {
  it('quotes only the fields that need it and doubles quotes', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', ' padded', '']])).toBe(
      'a,"b,c","say ""hi""","two\nlines"," padded",\r\n',
    );
  });

  it('neutralises every cell a spreadsheet would run as a formula', () => {
    const risky = ['=1+1', '+44 20 7946 0000', '-2', '@SUM(A1)', '\tx', '\rx'];
    const line = toCsv([risky]);
    expect(parseCsv(line)[0]?.fields).toEqual(risky.map((c) => `'${c}`));
    expect(neutraliseFormula('Smith')).toBe('Smith');
    expect(toCsv([['=1']], { formulaGuard: false })).toBe('=1\r\n');
  });

  it('round-trips through the reader, apostrophes removed again on the way in', () => {
    const rows = [
      ['ref', 'notes', 'phone'],
      ['C1', 'He said, "fine"\r\nthen =left', '+44 7700 900123'],
      ['C2', "'quoted already", ''],
    ];
    const back = parseCsv(toCsv(rows)).map((r) => r.fields.map(restoreFormula));
    expect(back).toEqual(rows);
  });
});
