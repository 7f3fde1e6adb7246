// Who may do what: every method × every role, sign-in at the counter, sessions that end, and an
// audit trail that catches tampering.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { verifyAudit } from '../../electron/core/audit/audit';
import { openDatabase } from '../../electron/core/db/open';
import { contract, type Method, rolesFor } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/contract/roles';
import { ownerCore, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

const PASSWORD = 'staff password 123';

/** A harmless, valid input for every method that needs a session. */
/** A valid segment definition for the segments methods' samples. */
const SAMPLE_DEFINITION = { version: 1, match: { all: [{ kind: 'postcode', level: 'area', values: ['BS'] }] } };

function sampleInputs(
  customerId: number,
  otherUserId: number,
  ownId: number,
  ownRecord: number,
  requestId: number,
): Record<string, unknown> {
  return {
    'requests.create': {
      customer_id: customerId,
      kind: 'disclosure',
      requester_type: 'customer',
      requester_name: 'The customer',
      reason: 'Wants a copy of their details',
      identity_check: 'Known to staff',
      lawful_basis: 'data_subject_right',
    },
    'requests.decide': { id: requestId, approve: true },
    'requests.list': {},
    'requests.options': {},
    'requests.supply': { id: requestId, fields: ['name'], channel: 'json' },
    'requests.confirm': { id: requestId, method: 'in_person', understood: true },
    'requests.accessPack': { id: requestId },
    'requests.closeCorrected': { id: requestId },
    'vault.changePassphrase': { current: 'not the passphrase', next: 'another long passphrase' },
    'vault.rekeyEstimate': {},
    'vault.check': {},
    'staff.list': {},
    'staff.create': { name: 'New Volunteer', role: 'volunteer', pin: '4321' },
    'staff.update': { id: otherUserId, role: 'readonly' },
    'staff.setSecret': { id: ownId, pin: '2468' },
    'settings.get': {},
    'backups.status': {},
    // No folder is chosen in this file: refused for that (never as forbidden) by those allowed.
    'backups.create': {},
    'backups.list': {},
    'backups.preview': { name: 'no-such.backup-2026-01-01T00-00-00-000Z.custodian' },
    'backups.restore': { name: 'no-such.backup-2026-01-01T00-00-00-000Z.custodian' },
    'settings.update': { idle_lock_minutes: 5 },
    'audit.list': { limit: 5 },
    'audit.verify': {},
    'audit.warnings': {},
    'audit.acknowledge': {},
    'customers.create': { family_name: 'Matrix' },
    'customers.get': { id: ownRecord },
    'customers.provenance': { id: ownRecord },
    'customers.organisations': { q: 'matrix' },
    'customers.update': { id: customerId, version: 999, data: { family_name: 'Matrix' } },
    'customers.setArchived': { id: customerId, archived: false },
    'customers.erase': { id: 999_999, reason: 'Matrix test: no such record' },
    'customers.erasePreview': { id: 999_999 },
    'search.query': { q: 'matrix' },
    'consent.record': { customer_id: ownRecord, channel: 'post', action: 'given' },
    'consent.history': { customer_id: ownRecord },
    'consent.setDoNotContact': { customer_id: ownRecord, on: false },
    'consent.wording.get': {},
    'consent.wording.set': { text: 'Matrix test wording, version after version.' },
    'purchases.add': {
      customer_id: ownRecord,
      date: '2024-05-01',
      item: 'Matrix ticket',
      quantity: 1,
      amount_pence: 500,
    },
    'purchases.list': { customer_id: ownRecord },
    'purchases.import': {
      filename: 'matrix.csv',
      content_base64: Buffer.from('email,date,item,amount\nnobody@example.org,2024-05-01,Matrix,5\n').toString(
        'base64',
      ),
      source: 'Matrix',
    },
    'interactions.add': { customer_id: ownRecord, kind: 'visit' },
    'interactions.list': { customer_id: ownRecord },
    'purchases.summary': { id: ownRecord },
    'customers.summaryPdf': { id: ownRecord },
    'quality.completeness': {},
    'duplicates.scan': { limit: 10 },
    'duplicates.scanStart': { limit: 10 },
    'duplicates.scanStep': { scan_id: 'no-such-scan' },
    'duplicates.scanCancel': { scan_id: 'no-such-scan' },
    'duplicates.check': { draft: { family_name: 'Matrix' } },
    'duplicates.dismiss': { a: customerId, b: ownRecord === customerId ? customerId + 1 : ownRecord },
    // Merging a record that does not exist: refused as NOT_FOUND for the roles allowed to try.
    'duplicates.merge': { keep_id: customerId, merge_id: 999_999, keep_version: 1, merge_version: 1 },
    'duplicates.mergeGroup': {
      keep_id: customerId,
      members: [
        { id: customerId, version: 1 },
        { id: 999_999, version: 1 },
      ],
    },
    'duplicates.unmerge': { merge_id: 999_999 },
    'duplicates.history': { customer_id: customerId },
    'customers.verify': { id: customerId },
    'quality.staleList': { limit: 5 },
    'retention.review': { limit: 5 },
    'retention.erase': { ids: [999_999], reason: 'Matrix test: no such record' },
    'retention.eraseValues': {
      values: [{ customer_id: 999_999, field: 'notes' }],
      reason: 'Matrix test: no such record',
    },
    'imports.preview': {
      filename: 'matrix.csv',
      content_base64: Buffer.from('given_name\nMatrix\n').toString('base64'),
    },
    'imports.errorReport': { preview_id: 'no-such-preview' },
    'imports.start': { preview_id: 'no-such-preview', source: 'Matrix', mapping: ['given_name'], on_match: 'skip' },
    'imports.step': { import_id: 999_999 },
    'imports.cancel': { import_id: 999_999 },
    'imports.undo': { import_id: 999_999 },
    'imports.confirm': { import_id: 999_999 },
    'imports.list': {},
    'imports.templates': {},
    'imports.saveTemplate': { name: 'Matrix', source: 'Matrix', headers: ['given_name'], mapping: ['given_name'] },
    'sources.list': {},
    'sources.setCost': { source: 'counter', cost_pence: 100 },
    // For contacting: keeping records is the owner's alone, refused to a manager by the service.
    'exports.run': { purpose: 'contact:email', format: 'json', fields: ['ref'], selection: 'all' },
    'segments.count': { definition: SAMPLE_DEFINITION },
    'segments.save': { name: 'Bristol', purpose: 'Access test', definition: SAMPLE_DEFINITION },
    'segments.list': {},
    'segments.remove': { id: 999_999 },
    'campaigns.create': { name: 'Spring', segment_id: 999_999, channel: 'email', purpose: 'Access test' },
    'campaigns.list': {},
    'campaigns.members': { list_id: 999_999 },
    'campaigns.export': { list_id: 999_999, format: 'json', fields: ['ref'] },
    'campaigns.respond': { list_id: 999_999, customer_id: customerId, response: 'responded' },
    'campaigns.results': { list_id: 999_999 },
    'reports.rfm': { period: {} },
    'reports.sales': { by: 'month' },
    'reports.repeat': {},
    'briefs.make': { title: 'Brief', audience: 'The board', purpose: 'Access test', items: [{ kind: 'repeat' }] },
    'register.list': {},
    // Harmless: the purpose changes, the priority does not, so later creates are unaffected.
    'register.update': { key: 'notes', purpose: 'Matrix test purpose.' },
    'register.export': { format: 'csv' },
    // The first allowed caller adds it; later ones are refused for the clash, never as forbidden.
    'register.add': { label: 'Matrix field', kind: 'text', category: 'service', lawful_basis: 'consent' },
    'register.remove': { key: 'no_such_field' },
    'customers.missing': { limit: 5 },
    'packs.make': {
      passphrase: 'lantern meadow copper violin',
      event_name: 'Matrix',
      event_date: '2026-07-04',
      laptop: 'L1',
    },
    'packs.list': {},
    'packs.merge': { file_name: 'no-such-pack.custodian-pack', passphrase: 'lantern meadow copper violin' },
    'packs.queue': {},
    'packs.changes': {},
    'packs.decide': { change_id: 999_999, apply: false },
    'packs.undo': { pack_id: '0'.repeat(32) },
    'packs.wipe': { pack_id: '0'.repeat(32) },
    'packs.current': {},
  };
}
// These end the caller's own session or close the file: tested on their own below.
const SESSION_ENDERS = new Set<Method>(['session.signOut', 'vault.lock']);

describe('every method × every role', () => {
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, number>;
  let owner: Awaited<ReturnType<typeof ownerCore>>;
  let customerId = 0;
  let dummyId = 0;
  let requestId = 0;

  beforeAll(async () => {
    owner = await ownerCore();
    tokens.owner = owner.token;
    ids.owner = (await owner.ok('staff.list', {}))[0]?.id ?? 0;
    customerId = (await owner.ok('customers.create', { family_name: 'Matrix' })).id;
    dummyId = (await owner.ok('staff.create', { name: 'Dummy', role: 'staff', pin: '1357' })).id;
    requestId = (
      await owner.ok('requests.create', {
        customer_id: customerId,
        kind: 'disclosure',
        requester_type: 'customer',
        requester_name: 'Matrix',
        reason: 'Copy of details',
        identity_check: 'Photo ID seen',
        lawful_basis: 'data_subject_right',
      })
    ).id;
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      const account = await owner.ok('staff.create', { name: `A ${role}`, role, password: PASSWORD });
      const session = await owner.core.call(null, 'session.signIn', { user_id: account.id, secret: PASSWORD });
      if (!session.ok) throw new Error(session.error.message);
      tokens[role] = session.value.token;
      ids[role] = account.id;
    }
  });

  it('refuses exactly the roles the contract leaves out, and audits each refusal', async () => {
    const privateMethods = (Object.keys(contract) as Method[]).filter((m) => !('public' in contract[m]));
    let refusals = 0;
    const added: Partial<Record<Role, number>> = {};
    for (const method of privateMethods) {
      if (SESSION_ENDERS.has(method)) continue;
      for (const role of ROLES) {
        // A volunteer may open only what it added in this sign-in: give each role its own record.
        const inputs = sampleInputs(customerId, dummyId, ids[role], added[role] ?? customerId, requestId);
        expect(inputs, `a sample input for ${method}`).toHaveProperty([method]);
        const result = await owner.core.dispatch(tokens[role], method, inputs[method]);
        const refused = !result.ok && result.error.code === 'FORBIDDEN';
        const allowed = rolesFor(method).includes(role);
        // A manager may call staff.create but not grant any role; the sample grants volunteer.
        expect(refused, `${role} → ${method}: ${JSON.stringify(result).slice(0, 160)}`).toBe(!allowed);
        if (refused) refusals++;
        if (method === 'customers.create' && result.ok) added[role] = (result.value as { id: number }).id;
      }
    }
    expect(refusals).toBeGreaterThan(20);
    const audit = await owner.ok('audit.list', { limit: 500 });
    expect(audit.filter((e) => e.action === 'refused').length).toBeGreaterThanOrEqual(refusals);
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);
  });

  it('lets everyone sign out, and only staff and above close the file', async () => {
    for (const role of ['volunteer', 'readonly'] as const) {
      expect(await owner.core.dispatch(tokens[role], 'vault.lock', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(await owner.core.dispatch(tokens[role], 'session.signOut', {})).toMatchObject({ ok: true });
      expect(await owner.core.dispatch(tokens[role], 'search.query', { q: 'x' })).toMatchObject({
        error: { code: 'UNAUTHENTICATED' },
      });
    }
  });
});

describe('signing in at the counter', () => {
  it('a volunteer adds records and sees only those; searching is refused and audited', async () => {
    const owner = await ownerCore();
    const other = await owner.ok('customers.create', { family_name: 'Someone Else' });
    const vol = await owner.ok('staff.create', { name: 'Val Volunteer', role: 'volunteer', pin: '2580' });
    const session = await owner.core.call(null, 'session.signIn', { user_id: vol.id, secret: '2580' });
    if (!session.ok) throw new Error(session.error.message);
    const v = signedIn(owner.core, session.value.token, owner.file);
    const mine = await v.ok('customers.create', { given_name: 'New', family_name: 'Signup' });
    expect((await v.ok('customers.get', { id: mine.id })).family_name).toBe('Signup');
    expect(await v.fail('customers.get', { id: other.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await v.fail('search.query', { q: 'someone' })).toMatchObject({ code: 'FORBIDDEN' });
    const audit = await owner.ok('audit.list', { limit: 20 });
    expect(
      audit.find((e) => e.action === 'refused' && e.user === 'Val Volunteer' && e.detail.includes('search.query')),
    ).toBeTruthy();
  });

  it('grows the wait after wrong PINs and switches the PIN off after ten', async () => {
    let now = new Date('2026-03-01T09:00:00Z');
    const core = createCore(tempFile(), { now: () => now });
    const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Owner' });
    if (!created.ok) throw new Error('create');
    const owner = signedIn(core, created.value.token, core.path);
    const staff = await owner.ok('staff.create', { name: 'Sam', role: 'staff', pin: '1234', password: PASSWORD });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      const wrong = await core.call(null, 'session.signIn', { user_id: staff.id, secret: '0000' });
      expect(!wrong.ok && wrong.error.code, `attempt ${attempt}`).toBe('WRONG_PASSPHRASE');
      if (attempt >= 3 && attempt < 10) {
        // Even the right PIN has to wait now, and is told for how long.
        const early = await core.call(null, 'session.signIn', { user_id: staff.id, secret: '1234' });
        expect(!early.ok && early.error.code).toBe('TRY_LATER');
        const [, amount, unit] = (!early.ok && /(\d+) (seconds|minutes)/.exec(early.error.message)) || [];
        waits.push(Number(amount) * (unit === 'minutes' ? 60 : 1));
      }
      now = new Date(now.getTime() + 16 * 60_000);
    }
    expect(waits[0]).toBe(5);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1] as number);
    now = new Date(now.getTime() + 16 * 60_000);
    const afterTen = await core.call(null, 'session.signIn', { user_id: staff.id, secret: '1234' });
    expect(afterTen.ok).toBe(false);
    expect(!afterTen.ok && afterTen.error.message).toMatch(/PIN has been switched off|not right/);
    // The owner's own session went idle meanwhile: sign in again with the file passphrase.
    const back = await core.call(null, 'session.signIn', { user_id: created.value.user.id, secret: PASSPHRASE });
    if (!back.ok) throw new Error(back.error.message);
    const accounts = await signedIn(core, back.value.token, core.path).ok('staff.list', {});
    expect(accounts.find((a) => a.id === staff.id)?.pin_disabled).toBe(true);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await core.call(null, 'session.signIn', { user_id: staff.id, secret: PASSWORD })).ok).toBe(true);
    core.close();
  });

  it('ends the sessions of an account disabled while signed in, and of anyone idle too long', async () => {
    let now = new Date('2026-03-01T09:00:00Z');
    const core = createCore(tempFile(), { now: () => now });
    const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Owner' });
    if (!created.ok) throw new Error('create');
    const owner = signedIn(core, created.value.token, core.path);
    const staff = await owner.ok('staff.create', { name: 'Sam', role: 'staff', password: PASSWORD });
    const s = await core.call(null, 'session.signIn', { user_id: staff.id, secret: PASSWORD });
    if (!s.ok) throw new Error('sign in');
    expect((await core.call(s.value.token, 'search.query', { q: 'a' })).ok).toBe(true);
    await owner.ok('staff.update', { id: staff.id, active: false });
    expect(await core.call(s.value.token, 'search.query', { q: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await owner.fail('staff.update', { id: created.value.user.id, active: false })).toMatchObject({
      code: 'CONFLICT',
    });
    await owner.ok('settings.update', { idle_lock_minutes: 2 });
    now = new Date(now.getTime() + 3 * 60_000);
    expect(await owner.fail('search.query', { q: 'a' })).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/without use/),
    });
    core.close();
  });

  it('the owner may sign in with the file passphrase; the file passphrase has its own delays', async () => {
    let now = new Date('2026-03-01T09:00:00Z');
    const file = tempFile();
    const core = createCore(file, { now: () => now });
    const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Owner' });
    if (!created.ok) throw new Error('create');
    await core.call(created.value.token, 'session.signOut', {});
    expect((await core.call(null, 'session.signIn', { user_id: created.value.user.id, secret: PASSPHRASE })).ok).toBe(
      true,
    );
    core.close();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await core.call(null, 'vault.unlock', { passphrase: `wrong ${i} passphrase` });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['WRONG_PASSPHRASE', 'WRONG_PASSPHRASE', 'WRONG_PASSPHRASE', 'TRY_LATER', 'TRY_LATER']);
    now = new Date(now.getTime() + 60_000);
    expect((await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    core.close();
  });
});

describe('the audit chain', () => {
  it('catches 1,000 random tamperings: edits, insertions, removals, reorderings, truncations', async () => {
    const owner = await ownerCore();
    for (let i = 0; i < 40; i++) {
      const c = await owner.ok('customers.create', { family_name: `Audit${i}` });
      await owner.ok('customers.get', { id: c.id });
      await owner.ok('search.query', { q: `audit${i}` });
    }
    owner.core.close();
    const db = openDatabase(owner.file, PASSPHRASE);
    expect(verifyAudit(db)).toMatchObject({ ok: true });
    const count = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const payloadSeqs = (db.prepare('SELECT seq FROM audit_payload').all() as { seq: number }[]).map((r) => r.seq);
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >>> 8) % n;
    };
    const columns = ['at', 'user_id', 'action', 'entity', 'entity_id', 'payload_hash', 'prev', 'mac'];
    const mutations: ((seq: number) => unknown)[] = [
      (seq) => {
        const col = columns[rand(columns.length)];
        const value = col === 'user_id' || col === 'entity_id' ? 9999 + rand(100) : `x${rand(1e6)}`;
        db.prepare(`UPDATE audit_log SET ${col} = ? WHERE seq = ?`).run(value, seq);
      },
      (seq) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq),
      (seq) =>
        db
          .prepare(
            'INSERT INTO audit_log SELECT ?, at, user_id, action, entity, entity_id, payload_hash, prev, mac FROM audit_log WHERE seq = ?',
          )
          .run(count + 1 + rand(5), seq),
      (seq) => {
        const other = 1 + rand(count);
        if (other === seq) {
          db.prepare('UPDATE audit_log SET action = action || ? WHERE seq = ?').run('!', seq);
          return;
        }
        db.exec(
          `UPDATE audit_log SET seq = -1 WHERE seq = ${seq}; UPDATE audit_log SET seq = ${seq} WHERE seq = ${other}; UPDATE audit_log SET seq = ${other} WHERE seq = -1;`,
        );
      },
      (seq) => db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(seq),
      () => db.prepare("UPDATE meta SET value = value || '0' WHERE key = 'audit_head'").run(),
      () => {
        const seq = payloadSeqs[rand(payloadSeqs.length)];
        db.prepare("UPDATE audit_payload SET detail = replace(detail, 'audit', 'AUDIT') WHERE seq = ?").run(seq);
      },
      () =>
        db.prepare('INSERT INTO audit_payload (seq, detail) VALUES (?, ?)').run(count + 10 + rand(100), '{"q":"x"}'),
    ];
    const caught = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const kind = rand(mutations.length);
      db.exec('SAVEPOINT tamper');
      try {
        mutations[kind]?.(1 + rand(count));
        const result = verifyAudit(db);
        expect(result.ok, `mutation ${i} (kind ${kind}) went unnoticed`).toBe(false);
        caught.set(kind, (caught.get(kind) ?? 0) + 1);
      } finally {
        db.exec('ROLLBACK TO tamper; RELEASE tamper');
      }
    }
    expect(caught.size).toBe(mutations.length);
    expect(verifyAudit(db).ok).toBe(true);
    // Erasing personal payloads is allowed and does not break the chain.
    db.prepare('DELETE FROM audit_payload').run();
    expect(verifyAudit(db).ok).toBe(true);
    db.close();
  });
});
