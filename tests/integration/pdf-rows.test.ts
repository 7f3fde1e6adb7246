// The core's PDF writer (briefs, information-request packs, register and customer summaries) read
// back from a real file with poppler's pdftotext -bbox: a row's label wraps inside its column, so
// no label word reaches the value column and no two words overlap, on one page or across a page
// turn, and every word of every label and value is still there, in order.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../electron/core/requests/pdf';
import { tempDir } from '../support/files';
import { needTools } from '../support/tools';

type Word = { page: number; xMin: number; yMin: number; xMax: number; yMax: number; text: string };

/** Every word pdftotext finds, with its box, page by page. */
function words(file: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const found: Word[] = [];
  xml.split('<page ').forEach((page, i) => {
    for (const m of page.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ))
      found.push({
        page: i,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5] ?? '',
      });
  });
  return found;
}

const overlap = (a: Word, b: Word) =>
  a.page === b.page && a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax;

/** The words in reading order (page, line, left to right) run together without spaces. */
const runTogether = (list: Word[]) =>
  [...list]
    .sort((a, b) => a.page - b.page || a.yMin - b.yMin || a.xMin - b.xMin)
    .map((w) => w.text)
    .join('');
const squash = (s: string) => s.replace(/\s+/g, '');

const ROWS = [
  { label: 'Customers who bought again within 12 months', value: '42 (35%)' },
  {
    label: 'Preferred seating arrangement recorded by the box office for accessible visits',
    value: 'Aisle',
  },
  { label: 'Reference', value: 'Kept since 2019, checked yearly versus paper ledgers' },
  { label: 'Zoë Ørsted’s Grandfathercloakroomticketnumberlongerthanthecolumn', value: '17' },
];

describe('rows in a PDF', () => {
  it('wrap a long label inside its column, above the value column, losing no word', async (ctx) => {
    needTools(ctx, 'pdftotext');
    // Enough rows that some are split by a page turn.
    const rows = Array.from({ length: 14 }, () => ROWS).flat();
    const pdf = await renderPdf('Report', '', [{ heading: 'Figures', rows }]);
    const file = path.join(tempDir(), 'rows.pdf');
    fs.writeFileSync(file, pdf);

    const all = words(file).filter((w) => w.text !== 'Report' && w.text !== 'Figures');
    expect(new Set(all.map((w) => w.page)).size).toBeGreaterThan(1);
    // Each word is a piece of a label or of a value, never both (so the test can tell them apart).
    const inLabel = (w: Word) => ROWS.some((r) => squash(r.label).includes(w.text));
    const inValue = (w: Word) => ROWS.some((r) => squash(r.value).includes(w.text));
    for (const w of all) expect(inLabel(w) !== inValue(w), `“${w.text}” is a piece of one column`).toBe(true);
    const labels = all.filter(inLabel);
    const values = all.filter(inValue);

    // Nothing is cut off: every label and value reads back whole, row after row.
    expect(runTogether(labels)).toBe(rows.map((r) => squash(r.label)).join(''));
    expect(runTogether(values)).toBe(rows.map((r) => squash(r.value)).join(''));

    // No label word reaches the value column, and no two words cover each other.
    const valueColumn = Math.min(...values.map((w) => w.xMin));
    for (const w of labels) expect(w.xMax, `“${w.text}” ends before the values`).toBeLessThan(valueColumn);
    for (const [i, a] of all.entries())
      for (const b of all.slice(i + 1)) expect(overlap(a, b), `“${a.text}” and “${b.text}” overlap`).toBe(false);
  });
});
