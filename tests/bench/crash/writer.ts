// A writer process for the crash bench (crash.bench.ts): opens the file through the dispatch as
// the window does, checks what the last writer left (check.ts) and tells its parent (IPC), then
// writes one kind of change in a loop until the parent kills it with SIGKILL. Before each call it
// notes what it is about to do, and after the core call has returned it notes the acknowledged
// write and fsyncs the note: the next check then holds the file to every acknowledged write, and
// allows each intended one either way.
// Run bundled (the bench builds it with esbuild, so a start costs no TypeScript compile):
//   node boot.cjs '<WriterConfig as JSON>'  (boot.ts loads writer.cjs from V8's code cache)
import fs from 'node:fs';
import type { Core } from '../../../electron/core/api';
import { writeBackup } from '../../../electron/core/backups/write';
import type { Input, Method, Output } from '../../../shared/contract';
import { OWNER } from '../../../shared/contract/roles';
import { openAndCheck } from './check';
import { type Kind, Notes, readNotes } from './notes';

type Session = { core: Core; token: string };

async function must<M extends Method>(s: Session, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await s.core.call(s.token, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Letters only, so names tokenise as one term and never look like another record's. */
function word(rng: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(97 + Math.floor(rng() * 26));
  return out;
}

function randomSource(tag: string): () => number {
  let x = 0;
  for (const c of `${tag}:${process.pid}`) x = (Math.imul(x, 31) + c.charCodeAt(0)) | 0;
  return () => {
    x = (x + 0x6d2b79f5) | 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Writer = (s: Session, notes: Notes, rng: () => number, args: Args) => Promise<void>;
type Args = { file: string; passphrase: string; next: string; tag: string };

async function create(s: Session, notes: Notes, family: string, given: string): Promise<Output<'customers.create'>> {
  notes.intent({ op: 'create', family_name: family });
  const made = await must(s, 'customers.create', { given_name: given, family_name: family, notes: `Crash ${family}` });
  notes.ack({ op: 'create', id: made.id, family_name: family, version: made.version });
  return made;
}

/** Counter edits: new records, and edits of them that change the indexed name. */
const counter: Writer = async (s, notes, rng, { tag }) => {
  const mine: { id: number; version: number; given: string }[] = [];
  for (let i = 0; ; i++) {
    const family = `Ctr${word(rng, 6)}`;
    const pick = mine[Math.floor(rng() * mine.length)];
    if (!pick || rng() < 0.35) {
      const made = await create(s, notes, family, `G${tag}`);
      mine.push({ id: made.id, version: made.version, given: `G${tag}` });
      continue;
    }
    notes.intent({ op: 'update', id: pick.id, family_name: family });
    const saved = await must(s, 'customers.update', {
      id: pick.id,
      version: pick.version,
      data: { given_name: pick.given, family_name: family, notes: `Edit ${i}` },
    });
    pick.version = saved.version;
    notes.ack({ op: 'update', id: pick.id, family_name: family, version: saved.version });
  }
};

/** An import through the engine: preview, start, steps; acknowledged when it says it finished. */
const importer: Writer = async (s, notes, rng) => {
  for (;;) {
    const marker = `Imp${word(rng, 8)}`;
    const rows = 2500 + Math.floor(rng() * 2500);
    const lines = ['given_name,family_name,email'];
    for (let i = 0; i < rows; i++) {
      const given = word(rng, 7);
      lines.push(`${given},${marker},${given}.${i}@${marker.toLowerCase()}.example`);
    }
    notes.intent({ op: 'import', marker, rows });
    const preview = await must(s, 'imports.preview', {
      filename: `${marker}.csv`,
      content_base64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
    });
    const { import_id } = await must(s, 'imports.start', {
      preview_id: preview.preview_id,
      source: `Crash ${marker}`,
      mapping: preview.mapping,
      on_match: 'update-empty',
      mode: 'valid-rows',
    });
    for (;;) {
      const step = await must(s, 'imports.step', { import_id });
      if (!step.finished) continue;
      if (step.status !== 'finished' || step.created !== rows)
        throw new Error(`import ended ${step.status} with ${step.created} of ${rows}`);
      break;
    }
    notes.ack({ op: 'import', marker, rows, import_id });
  }
};

/** Two records of one person, then the merge of the second into the first. */
const merger: Writer = async (s, notes, rng) => {
  for (;;) {
    const family = `Mrg${word(rng, 6)}`;
    const keep = await create(s, notes, family, 'Pat');
    const gone = await create(s, notes, family, 'Pat');
    notes.intent({ op: 'merge', keep: keep.id, merged: gone.id });
    await must(s, 'duplicates.merge', {
      keep_id: keep.id,
      merge_id: gone.id,
      keep_version: keep.version,
      merge_version: gone.version,
    });
    notes.ack({ op: 'merge', keep: keep.id, merged: gone.id });
  }
};

/** A record, then its erasure. */
const eraser: Writer = async (s, notes, rng) => {
  for (;;) {
    const made = await create(s, notes, `Era${word(rng, 6)}`, 'Sam');
    notes.intent({ op: 'erase', id: made.id });
    await must(s, 'customers.erase', { id: made.id, reason: 'Asked to be forgotten' });
    notes.ack({ op: 'erase', id: made.id });
  }
};

/** The passphrase changed back and forth; the notes say which passphrases the file may need. */
const rekeyer: Writer = async (s, notes, _rng, { passphrase, next }) => {
  let [from, to] = [passphrase, next];
  for (;;) {
    notes.intent({ op: 'rekey', from, to });
    await must(s, 'vault.changePassphrase', { current: from, next: to });
    notes.ack({ op: 'rekey', from, to });
    [from, to] = [to, from];
  }
};

/**
 * Backups through the backup module's own writeBackup (the one path every backup takes): VACUUM
 * INTO from a process of its own, checked by another, synced and renamed. The folder is not
 * rotated, so every acknowledged backup stays there to be checked.
 */
const backer: Writer = async (s, notes, _rng, { file, passphrase, tag }) => {
  const folder = `${file}.backups-${tag}`;
  fs.mkdirSync(folder, { recursive: true });
  for (;;) {
    notes.intent({ op: 'backup', path: folder, passphrase });
    const result = await s.core.local(s.token, OWNER, (ctx) =>
      writeBackup({ db: ctx.db, path: file, passphrase }, folder, {
        reason: 'manual',
        madeBy: { id: null, role: 'owner' },
        now: () => new Date(),
        rotate: false,
      }),
    );
    if (!result.ok) throw new Error(`backup: ${result.error.message}`);
    notes.ack({ op: 'backup', path: result.value.path, passphrase });
  }
};

const WRITERS: Record<Kind, Writer> = {
  counter,
  import: importer,
  merge: merger,
  erasure: eraser,
  rekey: rekeyer,
  backup: backer,
};

/** What the parent starts a writer with (one JSON argument). */
export type WriterConfig = {
  kind: Kind | 'check';
  file: string;
  /** This round's side file. */
  acks: string;
  /** The side files of the rounds not yet checked, oldest first. */
  pending: string[];
  /** The passphrases the file may need, in the order to try; then the others the bench uses. */
  passphrases: string[];
  fallback: string[];
  tag: string;
};

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as WriterConfig;
  const notes = config.pending.flatMap(readNotes);
  const { findings, session } = await openAndCheck(config.file, notes, config.passphrases, config.fallback);
  await tell({ checked: findings });
  if (!session || config.kind === 'check') {
    session?.core.close();
    process.exit(0);
  }
  await tell({ ready: true });
  (globalThis as { __crashSaveCodeCache?: () => void }).__crashSaveCodeCache?.();
  const from = findings.opened_with as string;
  const next = config.fallback.find((p) => p !== from) ?? `${from} next`;
  await WRITERS[config.kind](session, new Notes(config.acks), randomSource(config.tag), {
    file: config.file,
    passphrase: from,
    next,
    tag: config.tag,
  });
}

function tell(message: object): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

main().catch((error: unknown) => {
  // A writer that stops by itself is a finding: the parent reports what it said.
  const message = error instanceof Error ? error.message : String(error);
  if (process.send) process.send({ error: message }, () => process.exit(1));
  else process.exit(1);
});
