// Large imports read and check their rows in a worker thread, write new records many at a time,
// and skip index lookups a filter rules out (electron/core/imports/reading.ts, term-filter.ts).
// None of that may change what is stored: the same file gives the same records, matches and
// errors as the plain one-row-at-a-time path, including rows that match earlier rows of the
// same file and records saved by someone else in the middle of the import.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/api';
import { readTuning } from '../../electron/core/imports/reading';
import { MANAGERS } from '../../shared/contract/roles';
import { type Owner, ownerCore } from '../support/core';
import { importFile, upload } from '../support/imports';

const defaultMinBytes = readTuning.workerMinBytes;
afterEach(() => {
  readTuning.workerMinBytes = defaultMinBytes;
});

const HEADER = 'ref,given_name,family_name,email,phone,postcode,notes';

/** 5,000 rows (three chunks) with repeats of earlier rows, matches of existing records and bad rows. */
function messyFile(): string {
  const lines = [HEADER];
  for (let i = 1; i <= 5000; i++) {
    const phone = `07700 9${String(i).padStart(5, '0')}`;
    if (i % 97 === 0)
      lines.push(`,Again,Person${i - 3},p${i - 3}@example.com,,,`); // an email three rows back
    else if (i % 89 === 0)
      lines.push(`,Phone,Twin${i},,07700 9${String(i - 1).padStart(5, '0')},,`); // a phone one row back
    else if (i % 83 === 0)
      lines.push(`R${i - 40},Ref,Again${i},,,,`); // a customer number 40 rows back
    else if (i % 71 === 0) lines.push(`,Bad,Row${i},not-an-email,,,`);
    else if (i % 61 === 0) lines.push(`,Card,Row${i},,,,4111 1111 1111 1111`);
    else if (i % 53 === 0) lines.push(`,Zoë,Ünal${i},ZOE${i}@Example.com,,,`);
    else if (i === 4500)
      lines.push(`,Late,Twin,p12@example.com,,,`); // far back: another chunk
    else lines.push(`R${i},Person,Person${i},p${i}@example.com,${phone},SW1A 1AA,`);
  }
  return `${lines.join('\n')}\n`;
}

async function seedExisting(o: Owner): Promise<void> {
  await o.ok('customers.create', {
    given_name: 'Existing',
    family_name: 'ByEmail',
    emails: [{ address: 'p20@example.com' }],
  });
  await o.ok('customers.create', {
    given_name: 'Existing',
    family_name: 'ByPhone',
    phones: [{ number: '07700 900030' }],
  });
  await o.ok('customers.create', { ref: 'R40', given_name: 'Existing', family_name: 'ByRef' });
}

/** Every stored record with its emails, phones and batch, in id order. */
async function stored(core: Core, token: string): Promise<unknown[]> {
  const result = await core.local(token, MANAGERS, (ctx) =>
    ctx.db
      .prepare(
        `SELECT c.id, c.ref, c.given_name, c.family_name, c.notes, c.import_id, c.terms, c.version,
           (SELECT group_concat(address, ' ') FROM customer_emails WHERE customer_id = c.id) AS emails,
           (SELECT group_concat(e164, ' ') FROM customer_phones WHERE customer_id = c.id) AS phones
         FROM customers c ORDER BY c.id`,
      )
      .all(),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function importBoth(onMatch: 'update-empty' | 'overwrite' | 'skip' | 'create') {
  const results = [];
  for (const minBytes of [Number.POSITIVE_INFINITY, 0]) {
    readTuning.workerMinBytes = minBytes;
    const o = await ownerCore();
    await seedExisting(o);
    const run = await importFile(o, 'messy.csv', messyFile(), { on_match: onMatch });
    const report = await o.ok('imports.errorReport', { import_id: run.id });
    results.push({ last: run.steps.at(-1), records: await stored(o.core, o.token), errors: report.content_base64 });
    o.core.close();
  }
  return results;
}

describe('large imports (worker, bulk writes, lookup filter)', () => {
  it('store exactly what the one-row-at-a-time path stores', async () => {
    for (const onMatch of ['update-empty', 'create'] as const) {
      const [plain, fast] = await importBoth(onMatch);
      expect(plain?.last).toMatchObject({ status: 'finished', rows: 5000 });
      expect(plain?.last?.matched).toBeGreaterThan(100);
      expect(plain?.last?.rejected).toBeGreaterThan(100);
      expect({ ...fast?.last, rows_per_s: 0, eta_s: 0 }).toEqual({ ...plain?.last, rows_per_s: 0, eta_s: 0 });
      expect(fast?.records).toEqual(plain?.records);
      expect(fast?.errors).toEqual(plain?.errors);
    }
  });

  it('matches a record saved at the counter between two steps', async () => {
    readTuning.workerMinBytes = 0;
    const o = await ownerCore();
    const rows = Array.from({ length: 3000 }, (_, i) => `,Person,P${i},p${i}@example.com,,,`);
    const p = await o.ok('imports.preview', upload('late.csv', `${HEADER}\n${rows.join('\n')}\n`));
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.preview_id,
      source: 'Late',
      mapping: p.mapping,
      on_match: 'update-empty',
    });
    expect(await o.ok('imports.step', { import_id })).toMatchObject({ done: 2000, finished: false });
    const counter = await o.ok('customers.create', {
      family_name: 'Counter',
      emails: [{ address: 'p2500@example.com' }],
    });
    for (;;) if ((await o.ok('imports.step', { import_id })).finished) break;
    expect((await o.ok('imports.list', { limit: 1 }))[0]).toMatchObject({ created: 2999, updated: 1, matched: 1 });
    expect(await o.ok('customers.get', { id: counter.id })).toMatchObject({
      given_name: 'Person',
      family_name: 'Counter',
    });
  });

  it('a write that fails in the middle (a full disk, say) ends the import, taken back, its reading thread stopped', async () => {
    readTuning.workerMinBytes = 0;
    const o = await ownerCore();
    const csv = (prefix: string) =>
      `${HEADER}\n${Array.from({ length: 6000 }, (_, i) => `,${prefix},P${i},${prefix}${i}@example.com,,,`).join('\n')}\n`;
    // One whole import first, so that every thread Node starts once (its file-system pool) is running.
    expect((await importFile(o, 'warm.csv', csv('warm'))).steps.at(-1)).toMatchObject({ status: 'finished' });
    const before = await stored(o.core, o.token);
    const threads = () => fs.readdirSync('/proc/self/task').length;
    const baseline = threads();
    // The file refuses the 3,000th row: by then the first step has written 2,000 rows.
    const refused = await o.core.local(o.token, MANAGERS, (ctx) =>
      ctx.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON customers WHEN NEW.family_name = 'P2999'
                   BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`),
    );
    expect(refused.ok).toBe(true);
    const p = await o.ok('imports.preview', upload('full.csv', csv('full')));
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.preview_id,
      source: 'Full',
      mapping: p.mapping,
      on_match: 'update-empty',
    });
    // The threads that parsed the preview and the header end as they were closed; the idle spare
    // parsing thread (parse-thread.ts) was there at the baseline too.
    for (let i = 0; i < 50 && threads() > baseline + 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(threads()).toBe(baseline + 1);
    expect(await o.ok('imports.step', { import_id })).toMatchObject({ done: 2000, finished: false });
    let last = await o.ok('imports.step', { import_id });
    for (let i = 0; i < 5 && !last.finished; i++) last = await o.ok('imports.step', { import_id });
    expect(last).toMatchObject({ status: 'failed', finished: true });
    expect(last.message).toMatch(/Nothing was imported: what had been written was taken back/);
    expect(await stored(o.core, o.token)).toEqual(before);
    for (let i = 0; i < 50 && threads() > baseline; i++) await new Promise((r) => setTimeout(r, 20));
    expect(threads()).toBe(baseline);
  });

  it('cancel in the middle stops the reading thread and takes everything back', async () => {
    readTuning.workerMinBytes = 0;
    const o = await ownerCore();
    const p = await o.ok('imports.preview', upload('big.csv', messyFile()));
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.preview_id,
      source: 'Big',
      mapping: p.mapping,
      on_match: 'update-empty',
    });
    expect(await o.ok('imports.step', { import_id })).toMatchObject({ done: 2000, finished: false });
    expect(await o.ok('imports.cancel', { import_id })).toMatchObject({ status: 'cancelled', finished: true });
    expect(await stored(o.core, o.token)).toEqual([]);
  });
});
