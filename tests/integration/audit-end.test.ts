// The end of the audit log: entries cut off with SQL, or an older copy of the file put back, are
// reported when the file is opened (by the app's core and by `custodian check`) instead of being
// papered over by the next entry; a first opening on this computer is quiet; an entry and the
// head are written together or not at all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../electron/core/audit/audit';
import { openDatabase } from '../../electron/core/db/open';
import { ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { tempDir } from '../support/files';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'electron/cli.ts');

function cli(args: string[], stateDir?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIAN_PASSPHRASE: PASSPHRASE };
  if (stateDir) env.CUSTODIAN_STATE_DIR = stateDir;
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An SQL editor with the passphrase, outside Custodian: the official cipher settings, no app code. */
function withSql(file: string, work: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE}'`);
    work(db);
  } finally {
    db.close();
  }
}

async function fileWithEntries() {
  const owner = await ownerCore();
  await owner.ok('customers.create', { given_name: 'Ann', family_name: 'Audited' });
  await owner.ok('customers.create', { given_name: 'Bob', family_name: 'Audited' });
  await owner.ok('search.query', { q: 'audited' });
  owner.core.close();
  return owner.file;
}

describe('the end of the audit log', () => {
  it('entries deleted from the end with SQL are reported on opening and by custodian check', async () => {
    const file = await fileWithEntries();
    let last = 0;
    withSql(file, (db) => {
      last = (db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
      db.prepare('DELETE FROM audit_payload WHERE seq > ?').run(last - 3);
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3);
    });

    // On a computer that never saw the file: the file's own head gives it away.
    const elsewhere = tempDir('custodian-state-');
    const checked = cli(['check', file], elsewhere);
    expect(checked.code, checked.stderr).toBe(1);
    expect(checked.stdout).toMatch(/audit warning:\s+Found when the file was opened: the end of the log was cut off/);
    // The warning stays until the owner acknowledges it, though the next entry re-closed the chain.
    const again = cli(['check', file], elsewhere);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/audit log:\s+ok/);
    expect(again.stdout).toMatch(/audit warning:\s+Found when the file was opened: the end of the log was cut off/);

    // In the app, on the computer that wrote it: its copy of the head says where the log ended.
    const owner = await reopenAsOwner(file);
    const { warnings } = await owner.ok('audit.warnings', {});
    expect(warnings.join('\n')).toContain(`last saw the audit log end at entry ${last}`);
    const entries = await owner.ok('audit.list', { limit: 100 });
    expect(entries.some((e) => e.action === 'audit.problem' && e.detail.includes(`entry ${last}`))).toBe(true);
    owner.core.close();
  });

  it('an older copy of the file put back is reported until the owner acknowledges it', async () => {
    const file = await fileWithEntries();
    const backup = `${file}.backup`;
    fs.copyFileSync(file, backup);
    const later = await reopenAsOwner(file);
    await later.ok('customers.create', { given_name: 'Cat', family_name: 'Later' });
    later.core.close();
    fs.copyFileSync(backup, file);

    const owner = await reopenAsOwner(file);
    const check = await owner.ok('vault.check', {});
    // The older copy is a consistent chain in itself: only the copy of the head outside it knows.
    expect(check.audit.ok).toBe(true);
    expect(check.audit_warnings.join('\n')).toMatch(/older or different copy of the file was put in its place/);
    owner.core.close();

    const shown = cli(['check', file]);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toMatch(/audit warning:.*older or different copy/);
    expect(shown.stdout).toMatch(/--acknowledge/);
    const acknowledged = cli(['check', file, '--acknowledge']);
    expect(acknowledged.code, acknowledged.stdout).toBe(0);
    expect(acknowledged.stdout).toMatch(/acknowledged/);
    const quiet = cli(['check', file]);
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(quiet.stdout).not.toMatch(/audit warning/);

    const after = await reopenAsOwner(file);
    expect((await after.ok('audit.warnings', {})).warnings).toEqual([]);
    const entries = await after.ok('audit.list', { limit: 100 });
    expect(entries.some((e) => e.action === 'audit.acknowledge')).toBe(true);
    expect(await after.ok('audit.verify', {})).toMatchObject({ ok: true });
    after.core.close();
  });

  it('the first opening on a computer with no copy of the head is quiet and records one', async () => {
    const file = await fileWithEntries();
    const fresh = tempDir('custodian-state-');
    const first = cli(['check', file], fresh);
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).not.toMatch(/audit warning/i);
    const copies = fs.readdirSync(path.join(fresh, 'audit-heads'));
    expect(copies).toHaveLength(1);
    expect(cli(['check', file], fresh).code).toBe(0);
  });

  it('two copies of one file in two places each keep their own copy of the head', async () => {
    const a = await fileWithEntries();
    const b = path.join(tempDir(), 'training copy.custodian');
    fs.copyFileSync(a, b);
    const shared = process.env.CUSTODIAN_STATE_DIR;
    const state = tempDir('custodian-state-');
    process.env.CUSTODIAN_STATE_DIR = state;
    try {
      /** Open, read the warnings, do some work, close. */
      const open = async (file: string, work?: (o: Awaited<ReturnType<typeof reopenAsOwner>>) => Promise<unknown>) => {
        const o = await reopenAsOwner(file);
        const { warnings } = await o.ok('audit.warnings', {});
        await work?.(o);
        o.core.close();
        return warnings;
      };
      const addOne = (given: string) => (o: Awaited<ReturnType<typeof reopenAsOwner>>) =>
        o.ok('customers.create', { given_name: given, family_name: 'Copied' });

      expect(await open(a, addOne('Ann'))).toEqual([]);
      // B's first opening here is compared once with A's copy, which has gone further.
      const first = await open(b, (o) => o.ok('audit.acknowledge', {}));
      expect(first).toHaveLength(1);
      expect(first[0]).toMatch(/^Another copy of this file on this computer \(.+\) had its audit log end at entry \d+/);
      expect(first[0]).toMatch(/this is an older or different copy of it\.$/);
      // From then on each keeps its own: working on one never warns about the other.
      expect(await open(b, addOne('Bea'))).toEqual([]);
      expect(await open(a, addOne('Cal'))).toEqual([]);
      expect(await open(b, addOne('Dot'))).toEqual([]);
      expect(await open(a)).toEqual([]);
      expect(fs.readdirSync(path.join(state, 'audit-heads'))).toHaveLength(2);

      // An older copy put back in A's place is still found by A's own copy.
      const older = `${a}.older`;
      fs.copyFileSync(a, older);
      expect(await open(a, addOne('Eve'))).toEqual([]);
      fs.copyFileSync(older, a);
      expect((await open(a)).join('\n')).toMatch(/older or different copy of the file was put in its place/);
    } finally {
      process.env.CUSTODIAN_STATE_DIR = shared;
    }
  });

  it('a copy of the head kept for the file id alone (before places) is read once, then the place keeps its own', async () => {
    const file = await fileWithEntries();
    const shared = process.env.CUSTODIAN_STATE_DIR;
    const state = tempDir('custodian-state-');
    process.env.CUSTODIAN_STATE_DIR = state;
    try {
      let id = '';
      withSql(file, (db) => {
        id = (db.prepare("SELECT value FROM meta WHERE key = 'file_id'").get() as { value: string }).value;
      });
      const heads = path.join(state, 'audit-heads');
      fs.mkdirSync(heads, { recursive: true });
      const legacy = { file_id: id, seq: 1, mac: 'not this file', saved_at: '2026-01-02T03:04:05.000Z', problems: [] };
      fs.writeFileSync(path.join(heads, `${id}.json`), JSON.stringify(legacy));
      const o = await reopenAsOwner(file);
      const { warnings } = await o.ok('audit.warnings', {});
      o.core.close();
      expect(warnings.join('\n')).toMatch(/This computer last saw the audit log end at entry 1/);
      const names = fs.readdirSync(heads);
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(new RegExp(`^${id}-[0-9a-f]{16}\\.json$`));
    } finally {
      process.env.CUSTODIAN_STATE_DIR = shared;
    }
  });

  it('writes an entry and the head in one transaction: a failing head write takes the entry back', async () => {
    const file = await fileWithEntries();
    const db = openDatabase(file, PASSPHRASE);
    try {
      const count = () => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      const before = count();
      db.exec(`CREATE TEMP TRIGGER head_fails BEFORE INSERT ON meta WHEN NEW.key = 'audit_head'
               BEGIN SELECT RAISE(ABORT, 'the disk stopped here'); END`);
      expect(() =>
        appendAudit(db, null, new Date().toISOString(), { action: 'session.start', detail: { n: 1 } }),
      ).toThrow(/the disk stopped here/);
      expect(count()).toBe(before);
      db.exec('DROP TRIGGER head_fails');
      expect(verifyAudit(db)).toMatchObject({ ok: true, entries: before });
    } finally {
      db.close();
    }
  });
});
