// Imports end to end through the dispatch, on real encrypted files: preview → start → steps →
// finished; matches updated, skipped or created; cancel and undo take everything back; bad files
// get clear messages and leave nothing behind.
import { describe, expect, it } from 'vitest';
import { MANAGERS } from '../../shared/contract/roles';
import { type Owner, ownerCore, reopenAsOwner } from '../support/core';
import { importFile, upload } from '../support/imports';

const MESSY = [
  'First name;Surname;E-mail;Mobile;Post code;DOB;Favourite colour',
  'Ann;Smith;ann@example.com;07700 900123;sw1a1aa;15/01/1980;blue',
  'Bob;Jones;bob@example.com;07700 900124;M1 1AE;;4111 1111 1111 1111',
  'Cat;Ng;not-an-email;;;;green',
  'Dee;Old;dee@example.com;;;1975-03-04;',
].join('\r\n');

describe('imports', () => {
  it('previews a messy file: mapping suggested, rows normalised, errors listed, matches counted', async () => {
    const o = await ownerCore();
    await o.ok('customers.create', { given_name: 'Dee', family_name: 'Old', emails: [{ address: 'DEE@example.com' }] });
    const p = await o.ok('imports.preview', upload('sheet.csv', MESSY));
    expect(p.format).toBe('csv');
    expect(p.delimiter).toBe(';');
    expect(p.mapping).toEqual(['given_name', 'family_name', 'email', 'phone', 'postcode', 'date_of_birth', null]);
    expect(p.rows).toBe(4);
    expect(p.valid_rows).toBe(2);
    expect(p.sample[0]).toMatchObject({
      row: 2,
      given_name: 'Ann',
      phones: ['07700 900123'],
      date_of_birth: '1980-01-15',
    });
    expect(p.sample[0]?.address).toContain('SW1A 1AA');
    expect(p.errors).toEqual([
      { row: 3, column: 'Favourite colour', message: expect.stringMatching(/payment card number/) },
      { row: 4, column: 'E-mail', message: 'This is not a valid email address.' },
    ]);
    expect(p.matches).toMatchObject({ total: 1, by_email: 1 });
    const report = await o.ok('imports.errorReport', { preview_id: p.preview_id });
    const csv = Buffer.from(report.content_base64, 'base64').toString('utf8');
    expect(csv).toContain('[card number removed]');
    expect(csv).not.toMatch(/4111/);
  });

  it('imports the valid rows with progress, records the source, and undo takes it all back', async () => {
    const o = await ownerCore();
    const dee = await o.ok('customers.create', {
      given_name: 'Dee',
      family_name: 'Old',
      emails: [{ address: 'dee@example.com' }],
    });
    const { id, steps } = await importFile(o, 'sheet.csv', MESSY, { source: 'Old till' });
    const last = steps.at(-1);
    expect(last).toMatchObject({ status: 'finished', rows: 4, created: 1, updated: 1, rejected: 2, matched: 1 });
    const updated = await o.ok('customers.get', { id: dee.id });
    expect(updated.date_of_birth).toBe('1975-03-04');
    const found = await o.ok('search.query', { q: 'Smith' });
    expect(found.items.map((c) => c.given_name)).toEqual(['Ann']);
    const sources = await o.ok('sources.list', {});
    expect(sources.find((s) => s.source === 'import:Old till')).toMatchObject({
      records: 1,
      complete: 1,
      invalid: 2,
      duplicates: 1,
    });

    const undo = await o.ok('imports.undo', { import_id: id });
    expect(undo).toMatchObject({ removed: 1, restored: 1, kept: 0 });
    const restored = await o.ok('customers.get', { id: dee.id });
    expect({ ...restored, version: 0, updated_at: '' }).toEqual({ ...dee, version: 0, updated_at: '' });
    expect((await o.ok('search.query', { q: 'Smith' })).items).toEqual([]);
    expect((await o.ok('imports.list', {}))[0]).toMatchObject({ id, status: 'undone' });
    expect((await o.ok('audit.verify', {})).ok).toBe(true);
  });
});

const rowsOf = (n: number, start = 0) =>
  Array.from({ length: n }, (_, i) => `Person${start + i},Many,p${start + i}@example.com`).join('\n');

describe('imports as jobs', () => {
  it('cancel at 50 % leaves nothing: created records gone, updated records restored', async () => {
    const o = await ownerCore();
    const old = await o.ok('customers.create', {
      given_name: 'Old',
      family_name: 'Many',
      emails: [{ address: 'p5@example.com' }],
    });
    const csv = `given_name,family_name,email,date_of_birth\n${rowsOf(4000).replace(/\n/g, ',\n')},`.replace(
      'Person5,Many,p5@example.com,',
      'Person5,Many,p5@example.com,1970-01-01',
    );
    const p = await o.ok('imports.preview', upload('many.csv', csv));
    expect(p).toMatchObject({ rows: 4000, error_rows: 0, matches: { total: 1, by_email: 1 } });
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.preview_id,
      source: 'Many',
      mapping: p.mapping,
      on_match: 'overwrite',
    });
    const half = await o.ok('imports.step', { import_id });
    expect(half).toMatchObject({ done: 2000, total: 4000, finished: false, status: 'running' });
    expect(half.rows_per_s).toBeGreaterThan(0);
    expect((await o.ok('search.query', { q: 'Person1999' })).items).toHaveLength(1);
    const cancelled = await o.ok('imports.cancel', { import_id });
    expect(cancelled).toMatchObject({ status: 'cancelled', finished: true });
    expect((await o.ok('search.query', { q: 'Many', limit: 200 })).items.map((c) => c.id)).toEqual([old.id]);
    expect(await o.ok('customers.get', { id: old.id })).toMatchObject({ given_name: 'Old', date_of_birth: '' });
    expect(await o.fail('imports.step', { import_id: import_id + 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await o.fail('imports.undo', { import_id })).toMatchObject({ code: 'CONFLICT' });
  });

  it('all-or-nothing: one bad row in the last chunk takes back the whole batch', async () => {
    const o = await ownerCore();
    const csv = `given_name,family_name,email\n${rowsOf(2500)}\nBad,Row,not-an-email\n`;
    const { steps } = await importFile(o, 'aon.csv', csv, { mode: 'all-or-nothing' });
    const last = steps.at(-1);
    expect(last?.status).toBe('failed');
    expect(last?.message).toMatch(/^row 2502, email: This is not a valid email address\. Nothing was imported/);
    expect((await o.ok('search.query', { q: 'Many' })).items).toEqual([]);
  });

  it('a row matching one created earlier in the same file updates it instead of duplicating', async () => {
    const o = await ownerCore();
    const csv =
      'given_name,family_name,email,phone\nAnn,Smith,ann@example.com,\nAnn,Smith,ANN@example.com,07700 900123\n';
    const { steps, id } = await importFile(o, 'dup.csv', csv);
    expect(steps.at(-1)).toMatchObject({ created: 1, updated: 1, matched: 1 });
    const [ann] = (await o.ok('search.query', { q: 'Smith' })).items;
    expect(ann).toMatchObject({ email: 'ann@example.com', phone: '07700 900123' });
    expect((await o.ok('imports.undo', { import_id: id })).removed).toBe(1);
  });

  it('skip and create per import, and per row', async () => {
    const o = await ownerCore();
    await o.ok('customers.create', { family_name: 'Keep', emails: [{ address: 'k@example.com' }] });
    const csv = 'family_name,email,notes\nKeep,k@example.com,from file\n';
    expect((await importFile(o, 'a.csv', csv, { on_match: 'skip' })).steps.at(-1)).toMatchObject({ skipped: 1 });
    const p = await o.ok('imports.preview', upload('b.csv', csv));
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.preview_id,
      source: 'B',
      mapping: p.mapping,
      on_match: 'skip',
      row_actions: [{ row: 2, on_match: 'create' }],
    });
    expect(await o.ok('imports.step', { import_id })).toMatchObject({ created: 1, matched: 1 });
  });

  it('undo keeps records edited since the import; confirm makes a batch permanent', async () => {
    const o = await ownerCore();
    const a = await o.ok('customers.create', { family_name: 'Alpha', emails: [{ address: 'a@example.com' }] });
    const csv = 'family_name,email,notes\nAlpha,a@example.com,imported note\nBeta,b@example.com,\n';
    const first = await importFile(o, 'x.csv', csv);
    const updated = await o.ok('customers.get', { id: a.id });
    expect(updated.notes).toBe('imported note');
    await o.ok('customers.update', {
      id: a.id,
      version: updated.version,
      data: { family_name: 'Alpha', notes: 'typed later' },
    });
    expect(await o.ok('imports.undo', { import_id: first.id })).toMatchObject({ removed: 1, restored: 0, kept: 1 });
    expect((await o.ok('customers.get', { id: a.id })).notes).toBe('typed later');

    const second = await importFile(o, 'y.csv', 'family_name,email\nGamma,g@example.com\n');
    const confirmed = await o.ok('imports.confirm', { import_id: second.id });
    expect(confirmed).toMatchObject({ status: 'confirmed', created: 1, source: 'Test file', file_name: 'y.csv' });
    expect(await o.fail('imports.undo', { import_id: second.id })).toMatchObject({ code: 'CONFLICT' });
    expect((await o.ok('search.query', { q: 'Gamma' })).items).toHaveLength(1);
  });

  it('a mapping saved as a template is used again for the same headers in any order', async () => {
    const o = await ownerCore();
    const first = await o.ok('imports.preview', upload('t.csv', 'Who,Reach\nAnn Smith,ann@example.com\n'));
    expect(first.mapping).toEqual([null, 'email']);
    const mapping = ['full_name', 'email'] as const;
    const { import_id } = await o.ok('imports.start', {
      preview_id: first.preview_id,
      source: 'Sign-up sheet',
      mapping: [...mapping],
      on_match: 'skip',
      save_template: 'Sign-up sheet v1',
    });
    await o.ok('imports.step', { import_id });
    const again = await o.ok('imports.preview', upload('t2.csv', 'Reach,Who\nbob@example.com,Bob Jones\n'));
    expect(again.template).toBe('Sign-up sheet v1');
    expect(again.mapping).toEqual(['email', 'full_name']);
    expect(again.columns.map((c) => c.reason)).toEqual(['template', 'template']);
    expect(again.sample[0]).toMatchObject({ given_name: 'Bob', family_name: 'Jones' });
    expect((await o.ok('imports.templates', {}))[0]).toMatchObject({
      name: 'Sign-up sheet v1',
      source: 'Sign-up sheet',
    });
  });
});

describe('undo and the search index', () => {
  /** Record ids the search index itself gives for a whole term, whatever the records say. */
  async function indexed(o: Owner, term: string): Promise<number[]> {
    const result = await o.core.local(o.token, MANAGERS, (ctx) =>
      ctx.db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ?').pluck().all(`"${term}"`),
    );
    if (!result.ok) throw new Error(result.error.message);
    return result.value as number[];
  }
  const rebuildPending = (o: Owner) =>
    o.core.local(o.token, MANAGERS, (ctx) =>
      ctx.db.prepare("SELECT count(*) FROM meta WHERE key = 'search_index_rebuild'").pluck().get(),
    );

  it('a small batch has each record removed from the index, a large one has the index built again: same result', async () => {
    const o = await ownerCore();
    const kept = Array.from({ length: 500 }, (_, i) => ({ given_name: `Kept${i}`, family_name: 'Stays' }));
    expect((await o.importRows(kept)).created).toBe(500);
    // 1 record next to 500 (removed one by one); 600 next to 500 (the index is built again).
    const small = await importFile(o, 'small.csv', 'given_name,family_name,email\nSolo,Small,solo@example.com\n');
    const large = await importFile(o, 'large.csv', `given_name,family_name,email\n${rowsOf(600)}\n`);
    expect(await indexed(o, 'many')).toHaveLength(600);
    expect((await o.ok('imports.undo', { import_id: small.id })).removed).toBe(1);
    expect((await o.ok('imports.undo', { import_id: large.id })).removed).toBe(600);
    for (const term of ['solo', 'small', 'solo@example.com', 'many', 'person599', 'p0@example.com'])
      expect(await indexed(o, term)).toEqual([]);
    expect(await indexed(o, 'stays')).toHaveLength(500);
    expect((await o.ok('search.query', { q: 'kept49' })).items.map((c) => c.given_name)[0]).toBe('Kept49');
    expect(await rebuildPending(o)).toEqual({ ok: true, value: 0 });
  });

  it('an undo cut off between removing records and rebuilding is finished by the next undo, or when the file is opened', async () => {
    let o = await ownerCore();
    await o.ok('customers.create', { given_name: 'Stays', family_name: 'Here' });
    const batch = await importFile(o, 'x.csv', 'given_name,family_name\nGone,Soon\n');
    // What a crash between the two leaves: the flag, and an entry for a record already gone.
    const cutOff = () =>
      o.core.local(o.token, MANAGERS, (ctx) => {
        ctx.db.exec("INSERT INTO meta (key, value) VALUES ('search_index_rebuild', '1')");
        ctx.db.exec("INSERT INTO search_index (rowid, terms) VALUES (999, 'ghost')");
      });
    await cutOff();
    expect(await indexed(o, 'ghost')).toEqual([999]);
    await o.ok('imports.undo', { import_id: batch.id });
    expect(await indexed(o, 'ghost')).toEqual([]);
    expect(await indexed(o, 'soon')).toEqual([]);
    expect(await rebuildPending(o)).toEqual({ ok: true, value: 0 });

    await cutOff();
    o.core.close();
    o = await reopenAsOwner(o.file);
    expect(await indexed(o, 'ghost')).toEqual([]);
    expect(await indexed(o, 'here')).toHaveLength(1);
    expect(await rebuildPending(o)).toEqual({ ok: true, value: 0 });
  });
});
