// The crash bench's side file: what a writer (writer.ts) is about to write and what the core has
// acknowledged, one JSON line each, read back by the parent (check.ts) after the kill.
import fs from 'node:fs';

export const KINDS = ['counter', 'import', 'merge', 'erasure', 'rekey', 'backup'] as const;
export type Kind = (typeof KINDS)[number];

/** A write the writer is about to make or has made. */
export type Write =
  | { op: 'create'; id?: number; family_name: string; version?: number }
  | { op: 'update'; id: number; family_name: string; version?: number }
  | { op: 'import'; marker: string; rows: number; import_id?: number }
  | { op: 'merge'; keep: number; merged: number }
  | { op: 'erase'; id: number }
  | { op: 'rekey'; from: string; to: string }
  | { op: 'backup'; path: string; passphrase: string };

/** One line of the side file: an intent (before the call) or an acknowledgement (after it returned). */
export type Note = Write & { k: 'intent' | 'ack' };

export class Notes {
  private readonly fd: number;
  constructor(file: string) {
    this.fd = fs.openSync(file, 'a');
  }
  intent(note: Write): void {
    fs.writeSync(this.fd, `${JSON.stringify({ k: 'intent', ...note })}\n`);
  }
  /** Written and fsynced only once the core call has returned. */
  ack(note: Write): void {
    fs.writeSync(this.fd, `${JSON.stringify({ k: 'ack', ...note })}\n`);
    fs.fsyncSync(this.fd);
  }
}

export function readNotes(file: string): Note[] {
  if (!fs.existsSync(file)) return [];
  const notes: Note[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      notes.push(JSON.parse(line) as Note);
    } catch {
      // The line being written when the kill came: never an acknowledgement (those are fsynced whole).
    }
  }
  return notes;
}
