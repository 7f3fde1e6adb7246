// A copy of the audit log's end kept outside the file, so that a log cut short, or an older copy
// of the file put back in place, is found even by someone who rewrote the head inside the file.
// It lives in Custodian's settings folder (CUSTODIAN_STATE_DIR, or ~/.custodian), one small file
// per customer file and place on disk, named by the file's random id (meta 'file_id') and its
// real path, so the app and the command line on this computer keep the same copy, and two copies
// of one file in two folders (a training copy beside the real one) each keep their own instead
// of warning about each other at every opening. The first opening of a copy in a new place is
// compared once with the furthest copy seen elsewhere. It also keeps the audit problems found on
// opening until the owner acknowledges them, so a warning does not vanish when the next entry is
// written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMeta, writeMeta } from '../db/meta';
import type { DB } from '../db/open';

export type HeadCopy = {
  file_id: string;
  /** The file's real path on this computer (absent in copies written before they were per path). */
  path?: string;
  /** The last entry this computer saw, and its MAC. */
  seq: number;
  mac: string;
  saved_at: string;
  /** Problems found on opening, shown until the owner acknowledges them. */
  problems: string[];
};

export function stateDir(): string {
  return process.env.CUSTODIAN_STATE_DIR || path.join(os.homedir(), '.custodian');
}

/** The file's identity, made once (files made before it get theirs on their next opening). */
export function fileId(db: DB): string {
  const stored = readMeta(db, 'file_id');
  if (stored) return stored;
  const id = crypto.randomBytes(16).toString('hex');
  writeMeta(db, 'file_id', id, 'first');
  return id;
}

const headsDir = (dir: string) => path.join(dir, 'audit-heads');

/** `<file id>-<first 16 hex of the SHA-256 of its real path>.json`; `<file id>.json` before they were per path. */
function copyName(id: string, filePath?: string): string {
  if (filePath === undefined) return `${id}.json`;
  return `${id}-${crypto.createHash('sha256').update(filePath).digest('hex').slice(0, 16)}.json`;
}

function readCopyFile(file: string, id: string): HeadCopy | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const copy = JSON.parse(text) as HeadCopy;
    if (copy.file_id !== id || !Number.isInteger(copy.seq) || typeof copy.mac !== 'string') return null;
    return { ...copy, problems: Array.isArray(copy.problems) ? copy.problems.map(String) : [] };
  } catch {
    return null;
  }
}

/**
 * The copy for the file at `filePath` (its real path): its own, else the one kept for the file
 * id before copies were per path; null when this computer has none (first opening here).
 * Unreadable counts as none.
 */
export function readHeadCopy(dir: string, id: string, filePath: string): HeadCopy | null {
  return (
    readCopyFile(path.join(headsDir(dir), copyName(id, filePath)), id) ??
    readCopyFile(path.join(headsDir(dir), copyName(id)), id)
  );
}

/** The copies this computer keeps for the same file id in other places, furthest first. */
export function otherHeadCopies(dir: string, id: string, filePath: string): HeadCopy[] {
  let names: string[];
  try {
    names = fs.readdirSync(headsDir(dir));
  } catch {
    return [];
  }
  const own = copyName(id, filePath);
  return names
    .filter((name) => name.startsWith(`${id}-`) && name.endsWith('.json') && name !== own)
    .flatMap((name) => readCopyFile(path.join(headsDir(dir), name), id) ?? [])
    .sort((a, b) => b.seq - a.seq);
}

/** Write the copy whole (a temporary file renamed over it), readable by this user only. */
export function writeHeadCopy(dir: string, copy: HeadCopy): void {
  const target = path.join(headsDir(dir), copyName(copy.file_id, copy.path));
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(copy, null, 2), { mode: 0o600 });
  fs.renameSync(temp, target);
}

/**
 * What the copy says about the file's log: '' when the log still holds the entry it last saw.
 * `elsewhere`: the copy is another place's (the first opening here), said as such.
 */
export function compareWithCopy(
  copy: HeadCopy,
  macInFile: string | null,
  entriesInFile: number,
  elsewhere = false,
): string {
  if (macInFile === copy.mac) return '';
  const when = `${copy.saved_at.slice(0, 16).replace('T', ' ')} UTC`;
  const now =
    macInFile === null
      ? `the file's log now ends at entry ${entriesInFile}`
      : `the file's entry ${copy.seq} is a different one`;
  if (elsewhere)
    return `Another copy of this file on this computer${copy.path ? ` (${copy.path})` : ''} had its audit log end at entry ${copy.seq} (${when}), but ${now}: this is an older or different copy of it.`;
  return `This computer last saw the audit log end at entry ${copy.seq} (${when}), but ${now}: entries were cut off the end, or an older or different copy of the file was put in its place.`;
}

/**
 * The copy kept for the file id alone (written before copies were per place), once read on
 * opening: the place's own copy takes over. A folder we cannot write keeps it.
 */
export function dropUnplacedCopy(dir: string, id: string): void {
  try {
    fs.rmSync(path.join(headsDir(dir), copyName(id)), { force: true });
  } catch {
    // Left as it is: only a fallback for a place with no copy of its own.
  }
}
