// One write path for customers (customers/save.ts): a record from an import passes the rules a
// record typed at the counter passes — card numbers, the special-category guard on notes, the
// organisation check — with the one deliberate exception (must-haves) named and tested, and
// records written in bulk say which import they came from, never "at the counter".
import { describe, expect, it } from 'vitest';
import { checkCustomer, IMPORT_SKIPS } from '../../electron/core/customers/save';
import { CoreError } from '../../shared/contract/result';
import { MANAGERS } from '../../shared/contract/roles';
import { CustomerInput } from '../../shared/customer';
import { type Owner, ownerCore } from '../support/core';
import { importFile } from '../support/imports';

const HEADER = 'given_name,family_name,email,notes';

/** The import's error report (row, column, message, value), its lines after the header. */
async function errorLines(o: Owner, importId: number): Promise<string[]> {
  const report = await o.ok('imports.errorReport', { import_id: importId });
  return Buffer.from(report.content_base64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1);
}

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

describe('an imported row meets the counter’s rules', () => {
  it('refuses a note hinting at special-category data, with the counter’s message, by both bulk paths', async () => {
    const o = await ownerCore();
    const note = 'Diabetic, keep juice at the desk';
    const counter = await o.fail('customers.create', { given_name: 'Hana', family_name: 'Counter', notes: note });
    expect(counter.fields).toEqual([{ path: 'notes', message: expect.stringMatching(/health/i) }]);
    const message = counter.fields?.[0]?.message;

    // The import engine: the row is refused and reported against the file's column; the rest go in.
    const file = `${HEADER}\nHana,Imported,hana@example.com,"${note}"\nIvo,Plain,ivo@example.com,Likes jazz\n`;
    const run = await importFile(o, 'notes.csv', file, { source: 'Box office' });
    const last = run.steps.at(-1);
    expect(last).toMatchObject({ created: 1, rejected: 1 });
    expect(await errorLines(o, run.id)).toEqual([`2,notes,${csvCell(message ?? '')},`]);
    expect((await o.ok('search.query', { q: 'hana' })).items).toEqual([]);

    // The in-process row import: the same rule, the same message.
    const rows = await o.importRows([
      { given_name: 'Hana', family_name: 'Rows', notes: note },
      { given_name: 'Jo', family_name: 'Rows' },
    ]);
    expect(rows).toEqual({ created: 1, errors: [{ row: 2, column: 'notes', message }] });

    // A match whose update would bring the note in is refused too (the record keeps what it had).
    const update = await importFile(o, 'update.csv', `${HEADER}\nIvo,Plain,ivo@example.com,"${note}"\n`, {
      on_match: 'overwrite',
    });
    expect(update.steps.at(-1)).toMatchObject({ updated: 0, rejected: 1 });
    const ivo = (await o.ok('search.query', { q: 'ivo plain' })).items[0];
    expect((await o.ok('customers.get', { id: ivo?.id ?? 0 })).notes).toBe('Likes jazz');
    o.core.close();
  });

  it('refuses a card number with the counter’s message, and keeps no trace of it', async () => {
    const o = await ownerCore();
    const card = '4111 1111 1111 1111';
    const counter = await o.fail('customers.create', { family_name: 'Card', notes: `Paid by ${card}` });
    const run = await importFile(o, 'cards.csv', `${HEADER}\nCal,Card,cal@example.com,Paid by ${card}\n`);
    expect(run.steps.at(-1)).toMatchObject({ created: 0, rejected: 1 });
    const lines = await errorLines(o, run.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(csvCell(counter.fields?.[0]?.message ?? ''));
    expect(lines[0]).not.toContain('4111 1111');
    const rows = await o.importRows([{ family_name: 'Card', notes: `Paid by ${card}` }]);
    expect(rows.errors).toEqual([{ row: 2, column: 'notes', message: counter.fields?.[0]?.message }]);
    o.core.close();
  });

  it('an unknown organisation is refused on import exactly as at the counter', async () => {
    // Import files have no organisation column today; the rule is the save path's all the same.
    const o = await ownerCore();
    const data = { family_name: 'Member', organisation_id: 999_999 };
    const counter = await o.fail('customers.create', data);
    const onImport = await o.core.local(o.token, MANAGERS, (ctx) =>
      checkCustomer(ctx, null, CustomerInput.parse(data), 'import'),
    );
    expect(onImport.ok).toBe(false);
    if (!onImport.ok) expect(onImport.error).toEqual(counter);
    // And the thrown error is a field error the import reports by row.
    const thrown = await o.core.local(o.token, MANAGERS, (ctx) => {
      try {
        checkCustomer(ctx, null, CustomerInput.parse(data), 'import');
        return null;
      } catch (error) {
        return error instanceof CoreError ? error.fields : error;
      }
    });
    expect(thrown.ok && thrown.value).toEqual([
      { path: 'organisation_id', message: expect.stringMatching(/does not exist/) },
    ]);
    o.core.close();
  });

  it('skips the must-haves on import, by name, and lists such records as incomplete', async () => {
    expect(Object.keys(IMPORT_SKIPS)).toEqual(['must-haves']);
    const o = await ownerCore();
    await o.ok('register.update', { key: 'phone', priority: 'must_have' });
    const counter = await o.fail('customers.create', { given_name: 'Pat', family_name: 'Nophone' });
    expect(counter.fields).toEqual([{ path: 'phones', message: expect.stringMatching(/must-have/) }]);
    const run = await importFile(o, 'partial.csv', `${HEADER}\nPat,Nophone,pat@example.com,\n`);
    expect(run.steps.at(-1)).toMatchObject({ created: 1, rejected: 0 });
    expect((await o.importRows([{ given_name: 'Sam', family_name: 'Nophone' }])).created).toBe(1);
    const missing = await o.ok('customers.missing', {});
    expect(missing.items.map((i) => [i.given_name, i.missing])).toEqual([
      ['Sam', ['Phone']],
      ['Pat', ['Phone']],
    ]);
    o.core.close();
  });
});

describe('bulk rows say where they came from', () => {
  it('records rows written in bulk as collected by their import, in the record and the sources register', async () => {
    const o = await ownerCore();
    await o.importRows([{ given_name: 'Bea', family_name: 'Bulk', email: 'bea@example.com' }], {
      source: 'Mailing list',
    });
    await importFile(o, 'box.csv', `${HEADER}\nEd,Engine,ed@example.com,\n`, { source: 'Box office' });
    await o.ok('customers.create', { given_name: 'Cy', family_name: 'Counter' });
    const sources = new Map((await o.ok('sources.list', {})).map((s) => [s.source, s.records]));
    expect(sources.get('import:Mailing list')).toBe(1);
    expect(sources.get('import:Box office')).toBe(1);
    expect(sources.get('counter')).toBe(1);
    const bea = (await o.ok('search.query', { q: 'bea bulk' })).items[0];
    const provenance = await o.ok('customers.provenance', { id: bea?.id ?? 0 });
    const email = provenance.items.find((r) => r.field === 'email');
    expect(email?.source).toBe('Import from Mailing list');
    const audit = await o.ok('audit.list', { limit: 20 });
    expect(audit.find((e) => e.action === 'customers.import')?.detail).toContain('Mailing list');
    o.core.close();
  });
});
