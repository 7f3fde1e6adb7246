// Purchases and bookings from a till or ticketing export, through the one dispatch on a real
// encrypted file: matched to existing customers by number, email or phone; a dry run writes
// nothing; every bad row is named; refunds kept; a card number anywhere refuses its row; undo
// takes the whole file back.
import { describe, expect, it } from 'vitest';
import { poundsToPence } from '../../shared/format';
import { type Owner, ownerCore } from '../support/core';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function withCustomers(): Promise<{ owner: Owner; ann: number; bob: number }> {
  const owner = await ownerCore();
  const ann = await owner.ok('customers.create', {
    ref: 'C-100',
    given_name: 'Ann',
    family_name: 'Archer',
    emails: [{ address: 'ann@example.org' }],
  });
  const bob = await owner.ok('customers.create', {
    given_name: 'Bob',
    family_name: 'Baker',
    phones: [{ number: '07700 900123' }],
  });
  return { owner, ann: ann.id, bob: bob.id };
}

const FILE = [
  'Customer Number,E-mail,Mobile,Order Date,Performance,Type,Qty,Total,Sold via,Seat',
  'C-100,,,14/02/2025,Hamlet,Theatre,2,£45.00,web,F12',
  ',ANN@example.org,,2025-03-01,Messiah,Music,1,12.5,counter,',
  ',,+447700900123,2025-03-02,Messiah,Music,1,(12.50),counter,',
  'C-999,,,2025-03-03,Hamlet,Theatre,1,20.00,web,',
  'C-100,,,2031-01-01,Hamlet,Theatre,1,20.00,web,',
  'C-100,,,2025-03-04,Hamlet,Theatre,0,20.00,web,',
  'C-100,,,2025-03-05,Hamlet,Theatre,1,twenty,web,',
  'C-100,,,2025-03-06,Card 4111 1111 1111 1111,Theatre,1,20.00,web,',
].join('\r\n');

describe('purchases.import', () => {
  it('reads pounds the ways exports write them', () => {
    expect(poundsToPence('£1,234.50')).toBe(123450);
    expect(poundsToPence('12.5')).toBe(1250);
    expect(poundsToPence('-3')).toBe(-300);
    expect(poundsToPence('(3.00)')).toBe(-300);
    expect(poundsToPence('-£3.00')).toBe(-300);
    expect(poundsToPence('GBP 7')).toBe(700);
    expect(poundsToPence('twelve')).toBeNull();
    expect(poundsToPence('1.234')).toBeNull();
    expect(poundsToPence('')).toBeNull();
  });

  it('dry-runs, names every bad row, then imports the valid rows and undoes the batch', async () => {
    const { owner, ann, bob } = await withCustomers();
    const input = { filename: 'box-office.csv', content_base64: b64(FILE), source: 'Box office' };

    const dry = await owner.ok('purchases.import', { ...input, dry_run: true });
    expect(dry).toMatchObject({ import_id: null, rows: 8, valid_rows: 3, error_rows: 5, added: 0, customers: 2 });
    expect(dry.total_pence).toBe(4500 + 1250 - 1250);
    expect(dry.refunds).toBe(1);
    expect(dry.sample[0]).toMatchObject({ row: 2, customer_id: ann, date: '2025-02-14', item: 'Hamlet', quantity: 2 });
    expect(dry.sample[2]).toMatchObject({ customer_id: bob, amount_pence: -1250 });
    const byRow = new Map(dry.errors.map((e) => [e.row, e]));
    expect(byRow.get(5)?.message).toMatch(/No customer has .*C-999/);
    expect(byRow.get(6)?.message).toMatch(/future/);
    expect(byRow.get(7)?.message).toMatch(/at least 1/);
    expect(byRow.get(8)?.message).toMatch(/amount in pounds/);
    expect(byRow.get(9)?.message).toMatch(/card/i);
    expect(JSON.stringify(dry)).not.toContain('4111');
    expect((await owner.ok('purchases.summary', { id: ann })).purchases).toBe(0);

    // All-or-nothing (the default) writes nothing while any row is wrong.
    const refused = await owner.ok('purchases.import', { ...input, dry_run: false });
    expect(refused).toMatchObject({ import_id: null, added: 0 });
    expect((await owner.ok('purchases.summary', { id: ann })).purchases).toBe(0);

    const done = await owner.ok('purchases.import', { ...input, dry_run: false, mode: 'valid-rows' });
    expect(done.added).toBe(3);
    expect(done.import_id).not.toBeNull();
    const annSummary = await owner.ok('purchases.summary', { id: ann });
    expect(annSummary).toMatchObject({ purchases: 2, total_pence: 5750 });
    expect((await owner.ok('purchases.summary', { id: bob })).refunds).toBe(1);
    const batch = (await owner.ok('imports.list', { limit: 10 })).find((b) => b.id === done.import_id);
    expect(batch).toMatchObject({ source: 'Box office', status: 'finished', created: 3, rejected: 5 });

    const undone = await owner.ok('imports.undo', { import_id: done.import_id as number });
    expect(undone.removed).toBe(3);
    expect((await owner.ok('purchases.summary', { id: ann })).purchases).toBe(0);
    expect(await owner.ok('purchases.list', { customer_id: bob })).toEqual([]);
  });

  it('refuses a file without the columns it needs, and an empty one, in plain words', async () => {
    const { owner } = await withCustomers();
    const noCustomer = await owner.fail('purchases.import', {
      filename: 'sales.csv',
      content_base64: b64('date,item,amount\n2025-01-01,Hamlet,10\n'),
      source: 'Till',
    });
    expect(noCustomer.message).toMatch(/no column for: customer number, email or phone/);
    const noRows = await owner.fail('purchases.import', {
      filename: 'sales.csv',
      content_base64: b64('ref,date,item,amount\n'),
      source: 'Till',
    });
    expect(noRows.message).toMatch(/no rows/);
    const vcard = await owner.fail('purchases.import', {
      filename: 'contacts.vcf',
      content_base64: b64('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\nEND:VCARD\r\n'),
      source: 'Phone',
    });
    expect(vcard.message).toMatch(/vCard/);
  });
});
