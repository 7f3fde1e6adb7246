// Briefs on a real encrypted file, read back with pdftotext: the stamp (audience, purpose, period,
// source, maker), the figures from the same reports the screens use, small counts hidden as
// "fewer than 5" with their money left out, no customer named, and the making audited. A series
// also gets a bar chart, read from the PDF's own drawing instructions: a small count's bar is the
// band up to five, never its own length.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { MOST_BARS } from '../../electron/core/formats/bar-chart-pdf';
import { type Owner, ownerCore } from '../support/core';
import { tempDir } from '../support/files';
import { needTools } from '../support/tools';

/** The rectangles the pages draw (pdf-lib writes each as a path from 0,0), with how each is painted. */
function rectangles(pdf: Buffer): { width: number; paint: 'f' | 'S' }[] {
  const found: { width: number; paint: 'f' | 'S' }[] = [];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let content: string;
    try {
      content = zlib.inflateSync(pdf.subarray(start, text.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // not a compressed stream
    }
    for (const r of content.matchAll(/0 0 m\n0 ([\d.]+) l\n([\d.]+) \1 l\n\2 0 l\nh\n(f|S)\n/g))
      found.push({ width: Number(r[2]), paint: r[3] as 'f' | 'S' });
  }
  return found;
}

let o: Owner;
let segment = 0;

beforeAll(async () => {
  o = await ownerCore();
  for (let i = 0; i < 7; i++) {
    const c = await o.ok('customers.create', {
      given_name: `Zebedee${i}`,
      family_name: 'Quill',
      addresses: [{ line1: '1 Quay', postcode: 'BS1 4DJ' }],
    });
    await o.ok('purchases.add', {
      customer_id: c.id,
      date: `2025-03-0${1 + (i % 3)}`,
      item: 'Jazz Night',
      category: 'Jazz',
      quantity: 1,
      amount_pence: 1500,
    });
  }
  const few = await o.ok('customers.create', { given_name: 'Yolanda', family_name: 'Rare' });
  await o.ok('purchases.add', {
    customer_id: few.id,
    date: '2025-03-05',
    item: 'Harp Recital',
    category: 'Classical',
    quantity: 1,
    amount_pence: 9900,
  });
  segment = (
    await o.ok('segments.save', {
      name: 'Bristol jazz',
      purpose: 'Plan the jazz season',
      definition: { version: 1, match: { all: [{ kind: 'postcode', level: 'area', values: ['BS'] }] } },
    })
  ).id;
});

describe('briefs', () => {
  it('print the stamp and the figures, hide small counts and their money, name nobody', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const brief = await o.ok('briefs.make', {
      title: 'Jazz this spring',
      audience: 'the programming group',
      purpose: 'Decide whether to book a second jazz night',
      period: { from: '2025-01-01', to: '2025-12-31' },
      items: [
        { kind: 'sales', by: 'category' },
        { kind: 'rfm' },
        { kind: 'repeat' },
        { kind: 'segment', segment_id: segment },
      ],
    });
    const file = path.join(tempDir(), brief.filename);
    fs.writeFileSync(file, Buffer.from(brief.content_base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const words of [
      'Jazz this spring',
      'the programming group',
      'Decide whether to book a second jazz night',
      '1 Jan 2025 to 31 Dec 2025',
      'Counted on Purchases',
      'Olive Owner',
      'Sales by category',
      'Purchases by category. Counts under 5 are drawn as an open band up to 5.',
      'Customers in each group.',
      '7 purchases by 7 customers, £105.00',
      'fewer than 5 purchases by fewer than 5 customers',
      'Segment: Bristol jazz',
      'Customers in it today 7',
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('£99.00');
    expect(text).not.toMatch(/Zebedee|Yolanda|Quill|Rare/);
    const [entry] = await o.ok('audit.list', { limit: 1 });
    expect(entry?.action).toBe('brief.make');
  });

  it('chart a series as bars, a small count as the band up to five rather than its own length', async () => {
    const brief = await o.ok('briefs.make', {
      title: 'Categories',
      audience: 'the programming group',
      purpose: 'See what sells',
      items: [{ kind: 'sales', by: 'category' }],
    });
    const bars = rectangles(Buffer.from(brief.content_base64, 'base64'));
    // Jazz (7 purchases) is a solid bar; the harp recital's one purchase is an open band.
    const solid = bars.filter((b) => b.paint === 'f');
    const open = bars.filter((b) => b.paint === 'S');
    expect(solid).toHaveLength(1);
    expect(open).toHaveLength(1);
    const perPurchase = (solid[0]?.width ?? 0) / 7;
    expect(perPurchase).toBeGreaterThan(0);
    // The band is as long as five purchases would be, not one.
    expect(open[0]?.width).toBeCloseTo(5 * perPurchase, 3);
  });

  it('chart only the largest of many rows, say so, and keep every row in the table', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const buyer = await o.ok('customers.create', { given_name: 'Xavier', family_name: 'Many' });
    const extra = MOST_BARS + 2; // with Jazz Night and Harp Recital, four more rows than are drawn
    for (let i = 1; i <= extra; i++)
      await o.ok('purchases.add', {
        customer_id: buyer.id,
        date: '2025-05-01',
        item: `Workshop ${i}`,
        quantity: 1,
        amount_pence: 500,
      });
    const brief = await o.ok('briefs.make', {
      title: 'Items',
      audience: 'the programming group',
      purpose: 'See what sells',
      items: [{ kind: 'sales', by: 'item' }],
    });
    const pdf = Buffer.from(brief.content_base64, 'base64');
    expect(rectangles(pdf)).toHaveLength(MOST_BARS);
    const file = path.join(tempDir(), brief.filename);
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`The ${MOST_BARS} largest of ${extra + 2} are drawn; the table has all.`);
    for (let i = 1; i <= extra; i++) expect(text).toContain(`Workshop ${i} fewer than 5 purchases`);
  });

  it('count bookings and attendance when asked, say so on the stamp, and print the bookings figures', async (ctx) => {
    needTools(ctx, 'pdftotext');
    for (let i = 0; i < 6; i++) {
      const c = await o.ok('customers.create', { given_name: `Wilhelmina${i}`, family_name: 'Stage' });
      await o.ok('purchases.add', {
        customer_id: c.id,
        date: '2025-09-10',
        item: 'Tosca',
        category: 'Opera',
        quantity: 2,
        amount_pence: 4000,
        venue: 'Main House',
      });
    }
    const period = { from: '2025-01-01', to: '2025-12-31' };
    const read = async (basis: 'purchases' | 'bookings') => {
      const brief = await o.ok('briefs.make', {
        title: 'Sales this year',
        audience: 'the board',
        purpose: 'See what is booked',
        period,
        basis,
        items: [{ kind: 'sales', by: 'category' }, { kind: 'repeat' }],
      });
      const file = path.join(tempDir(), brief.filename);
      fs.writeFileSync(file, Buffer.from(brief.content_base64, 'base64'));
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const bookings = await read('bookings');
    expect(bookings).toContain('Counted on Bookings and attendance');
    // The same figures as the report counted on bookings: the opera (booked at a venue) and
    // nothing sold over the counter without one.
    const report = await o.ok('reports.sales', { by: 'category', period, basis: 'bookings' });
    expect(report.rows.map((r) => r.label)).toEqual(['Opera']);
    expect(bookings).toContain('Opera 6 purchases by 6 customers, £240.00');
    expect(bookings).not.toContain('Jazz');
    expect(bookings).toContain('Customers who bought 6');
    const purchases = await read('purchases');
    expect(purchases).toContain('Counted on Purchases');
    expect(purchases).toContain('Jazz 7 purchases by 7 customers');
    expect(purchases).toContain('Opera 6 purchases by 6 customers');
    expect(purchases).not.toContain('Customers who bought 6');
  });

  it('refuses an empty brief and one without an audience, in words', async () => {
    const empty = await o.fail('briefs.make', { title: 'x', audience: 'y', purpose: 'z', items: [] });
    expect(JSON.stringify(empty.fields)).toContain('at least one figure');
    const nobody = await o.fail('briefs.make', { title: 'x', audience: ' ', purpose: 'z', items: [{ kind: 'rfm' }] });
    expect(JSON.stringify(nobody.fields)).toContain('who the brief is for');
  });
});
