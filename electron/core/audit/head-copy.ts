// A copy of the audit log's end kept outside the file, so that a log cut short, or an older copy
// of the file put back in place, is found even by someone who rewrote the head inside the file.
// It lives in Custodian's settings folder (CUSTODIAN_STATE_DIR, or ~/.custodian), one small file
// per customer file named by the file's random id (meta 'file_id'), so the app and the command
// line on this computer keep the same copy. It also keeps the audit problems found on opening
// until the owner acknowledges them, so a warning does not vanish when the next entry is written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMeta, writeMeta } from '../db/meta';
import type { DB } from '../db/open';

export type HeadCopy = {
  file_id: string;
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

function copyPath(dir: string, id: string): string {
  return path.join(dir, 'audit-heads', `${id}.json`);
}

/** The copy, or null when this computer has none (first opening here); unreadable counts as none. */
export function readHeadCopy(dir: string, id: string): HeadCopy | null {
  let text: string;
  try {
    text = fs.readFileSync(copyPath(dir, id), 'utf8');
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

/** Write the copy whole (a temporary file renamed over it), readable by this user only. */
export function writeHeadCopy(dir: string, copy: HeadCopy): void {
  const target = copyPath(dir, copy.file_id);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(copy, null, 2), { mode: 0o600 });
  fs.renameSync(temp, target);
}

/** What the copy says about the file's log: '' when the log still holds the entry it last saw. */
export function compareWithCopy(copy: HeadCopy, macInFile: string | null, entriesInFile: number): string {
  if (macInFile === copy.mac) return '';
  const seen = `This computer last saw the audit log end at entry ${copy.seq} (${copy.saved_at.slice(0, 16).replace('T', ' ')} UTC)`;
  const now =
    macInFile === null
      ? `the file's log now ends at entry ${entriesInFile}`
      : `the file's entry ${copy.seq} is a different one`;
  return `${seen}, but ${now}: entries were cut off the end, or an older or different copy of the file was put in its place.`;
}
