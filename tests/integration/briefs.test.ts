// Briefs on a real encrypted file, read back with pdftotext: the stamp (audience, purpose, period,
// source, maker), the figures from the same reports the screens use, small counts hidden as
// "fewer than 5" with their money left out, no customer named, and the making audited.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Owner, ownerCore } from '../support/core';
import { tempDir } from '../support/files';
import { needTools } from '../support/tools';

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
      'Olive Owner',
      'Sales by category',
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

  it('refuses an empty brief and one without an audience, in words', async () => {
    const empty = await o.fail('briefs.make', { title: 'x', audience: 'y', purpose: 'z', items: [] });
    expect(JSON.stringify(empty.fields)).toContain('at least one figure');
    const nobody = await o.fail('briefs.make', { title: 'x', audience: ' ', purpose: 'z', items: [{ kind: 'rfm' }] });
    expect(JSON.stringify(nobody.fields)).toContain('who the brief is for');
  });
});
