// What the crash bench checks after each kill, on the file as the app reopens it (createCore and
// vault.unlock, so the open-time recovery runs as it would for a person). The next writer process
// makes the check as it opens the file, before it writes (one opening per kill, not two): that it opens under a
// passphrase the writer could have left it with, SQLite's integrity check and the audit chain
// (vault.check), that the search index holds exactly the terms stored on the rows, and that every
// write the writer acknowledged is there. Intended but unacknowledged writes may go either way;
// an import must be all there or not at all.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { type Core, createCore } from '../../../electron/core/api';
import type { DB } from '../../../electron/core/db/open';
import { OWNER } from '../../../shared/contract/roles';
import type { Note } from './notes';

export type Findings = {
  opened_with: string | null;
  acknowledged: number;
  acknowledged_lost: number;
  integrity_failures: number;
  audit_failures: number;
  index_mismatches: number;
  unopenable: number;
  import_partial: number;
  problems: string[];
};

/** The passphrases the file may need: the last rekey acknowledged, or either side of one under way. */
export function passphrasesAfter(notes: readonly Note[], current: string): string[] {
  let candidates = [current];
  for (const n of notes) {
    if (n.op !== 'rekey') continue;
    candidates = n.k === 'ack' ? [n.to] : [n.from, n.to];
  }
  return candidates;
}

/** The FTS5 tokenizer of the app's search index (migration 0001), for an index built from the rows. */
const TOKENIZE = `tokenize = "unicode61 remove_diacritics 0 tokenchars '#~@._+-'"`;

/**
 * Every (term, record) pair in the search index against those of an index built now from the
 * terms stored on the rows: both ways, so a stale entry and a missing one each count.
 */
export function indexDifferences(db: DB): { extra: number; missing: number; structure: string } {
  let structure = 'ok';
  try {
    db.prepare("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 0)").run();
  } catch (error) {
    structure = (error as Error).message;
  }
  db.exec(`
    DROP TABLE IF EXISTS temp.crash_expected;
    CREATE VIRTUAL TABLE temp.crash_expected USING fts5(terms, content = '', ${TOKENIZE}, detail = none, columnsize = 0);
    INSERT INTO temp.crash_expected (rowid, terms) SELECT id, terms FROM main.customers WHERE terms <> '';
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.crash_actual_v USING fts5vocab(main, search_index, instance);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.crash_expected_v USING fts5vocab(temp, crash_expected, instance);
  `);
  const count = (text: string) => db.prepare(text).pluck().get() as number;
  const extra = count(
    'SELECT count(*) FROM (SELECT term, doc FROM temp.crash_actual_v EXCEPT SELECT term, doc FROM temp.crash_expected_v)',
  );
  const missing = count(
    'SELECT count(*) FROM (SELECT term, doc FROM temp.crash_expected_v EXCEPT SELECT term, doc FROM temp.crash_actual_v)',
  );
  // The same pair twice (an entry added again without its removal) hides from EXCEPT: count rows too.
  const rows = count('SELECT count(*) FROM temp.crash_actual_v') - count('SELECT count(*) FROM temp.crash_expected_v');
  db.exec('DROP TABLE temp.crash_actual_v; DROP TABLE temp.crash_expected_v; DROP TABLE temp.crash_expected;');
  const pending = db.prepare("SELECT count(*) FROM meta WHERE key = 'search_index_rebuild'").pluck().get() as number;
  if (pending > 0) structure = 'a rebuild is still pending after opening';
  return { extra: extra + Math.max(0, rows - extra), missing, structure };
}

/** Every acknowledged write of this round, and all-or-nothing for imports; problems in words. */
function acknowledgedWrites(db: DB, notes: readonly Note[], findings: Findings): void {
  const nameOf = db.prepare('SELECT family_name FROM customers WHERE id = ?').pluck();
  const countNamed = db.prepare('SELECT count(*) FROM customers WHERE family_name = ?').pluck();
  const lost = (what: string) => {
    findings.acknowledged_lost += 1;
    findings.problems.push(`acknowledged ${what} is not in the file`);
  };
  // Records a later note may take away (merged into another, erased): their absence is no loss.
  const goingAway = new Set<number>();
  for (const n of notes) {
    if (n.op === 'merge') goingAway.add(n.merged);
    if (n.op === 'erase') goingAway.add(n.id);
  }
  notes.forEach((n, at) => {
    if (n.k !== 'ack') {
      if (n.op === 'import' && !notes.slice(at + 1).some((m) => m.op === 'import' && m.k === 'ack')) {
        const present = countNamed.get(n.marker) as number;
        if (present !== 0 && present !== n.rows) {
          findings.import_partial += 1;
          findings.problems.push(`an import cut off midway left ${present} of its ${n.rows} rows`);
        }
      }
      return;
    }
    findings.acknowledged += 1;
    switch (n.op) {
      case 'create':
      case 'update': {
        const id = n.id as number;
        const later = notes.slice(at + 1);
        if (later.some((m) => (m.op === 'create' || m.op === 'update') && m.id === id && m.k === 'ack')) return;
        const name = nameOf.get(id) as string | undefined;
        if (name === undefined) {
          if (!goingAway.has(id)) lost(`${n.op} of record ${id}`);
          return;
        }
        // The value acknowledged, or one an edit started after it may have committed before the kill.
        const allowed = new Set([
          n.family_name,
          ...later.flatMap((m) => (m.op === 'update' && m.id === id ? [m.family_name] : [])),
        ]);
        if (!allowed.has(name)) lost(`${n.op} of record ${id} (${n.family_name}; found ${name})`);
        return;
      }
      case 'import':
        if (countNamed.get(n.marker) !== n.rows) lost(`import ${n.import_id} of ${n.rows} rows`);
        return;
      case 'merge':
        if (nameOf.get(n.merged) !== undefined) lost(`merge of ${n.merged} into ${n.keep} (still there)`);
        if (nameOf.get(n.keep) === undefined && !goingAway.has(n.keep)) lost(`merge kept record ${n.keep}`);
        return;
      case 'erase':
        if (nameOf.get(n.id) !== undefined) lost(`erasure of record ${n.id} (still there)`);
        return;
      case 'rekey':
        return; // checked by which passphrase opened the file
      case 'backup': {
        const problem = backupProblem(n.path, n.passphrase);
        if (problem) lost(`backup ${n.path}: ${problem}`);
        return;
      }
    }
  });
}

/** An acknowledged backup opens under its passphrase and passes SQLite's integrity check. */
function backupProblem(file: string, passphrase: string): string {
  if (!fs.existsSync(file)) return 'missing';
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${passphrase.replace(/'/g, "''")}'`);
    const result = db.pragma('integrity_check', { simple: true });
    return result === 'ok' ? '' : `integrity: ${String(result)}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

export type Opened = { findings: Findings; session: { core: Core; token: string } | null };

/**
 * Open the file as the app would and check it; `passphrases` are tried in order, `fallback` after.
 * The core is left open, signed in as the owner, for the writer that goes on from here.
 */
export async function openAndCheck(
  file: string,
  notes: readonly Note[],
  passphrases: readonly string[],
  fallback: readonly string[],
): Promise<Opened> {
  const findings: Findings = {
    opened_with: null,
    acknowledged: 0,
    acknowledged_lost: 0,
    integrity_failures: 0,
    audit_failures: 0,
    index_mismatches: 0,
    unopenable: 0,
    import_partial: 0,
    problems: [],
  };
  const core = createCore(file);
  let token = '';
  const refusals: string[] = [];
  for (const passphrase of [...passphrases, ...fallback.filter((p) => !passphrases.includes(p))]) {
    const opened = await core.call(null, 'vault.unlock', { passphrase });
    if (opened.ok) {
      token = opened.value.token;
      findings.opened_with = passphrase;
      break;
    }
    refusals.push(`${opened.error.code}: ${opened.error.message}`);
    if (opened.error.code !== 'WRONG_PASSPHRASE') break;
  }
  if (!findings.opened_with) {
    core.close();
    findings.unopenable = 1;
    findings.problems.push(`unopenable: ${refusals.join(' / ')}`);
    return { findings, session: null };
  }
  if (!passphrases.includes(findings.opened_with)) {
    findings.acknowledged_lost += 1;
    findings.problems.push('the file opened only under a passphrase the acknowledged rekey had replaced');
  }
  const check = await core.call(token, 'vault.check', {});
  if (!check.ok) throw new Error(`vault.check: ${check.error.message}`);
  if (check.value.integrity !== 'ok') {
    findings.integrity_failures = 1;
    findings.problems.push(`integrity: ${check.value.integrity}`);
  }
  if (!check.value.audit.ok || check.value.audit_warnings.length > 0) {
    findings.audit_failures = 1;
    findings.problems.push(`audit: ${check.value.audit.problem} ${check.value.audit_warnings.join(' ')}`.trim());
  }
  const looked = await core.local(token, OWNER, (ctx) => {
    const index = indexDifferences(ctx.db);
    if (index.extra > 0 || index.missing > 0 || index.structure !== 'ok') {
      findings.index_mismatches = 1;
      findings.problems.push(
        `search index: ${index.extra} entries without their row, ${index.missing} missing, structure ${index.structure}`,
      );
    }
    acknowledgedWrites(ctx.db, notes, findings);
  });
  if (!looked.ok) throw new Error(`checking: ${looked.error.message}`);
  return { findings, session: { core, token } };
}
