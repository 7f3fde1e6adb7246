// A passphrase change cut off mid-commit (the crash bench's one unopenable file): PRAGMA rekey
// gives the file a new key salt and rewrites every page in one transaction, page 1 first, with
// the old pages in the rollback journal. A kill after the first pages reached the disk left a
// file that opened under neither passphrase. The state is made here byte for byte, as the kill
// leaves it: the first half of the pages under the new key, the rest under the old, and a hot
// journal holding every old page.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { tempFile } from '../support/files';

const PAGE = 4096; // SQLCipher 4's page size
const SECTOR = 512;

const RESERVE = 80; // per page: the IV (16 bytes) and the HMAC (64)

/** A page's plaintext (SQLCipher 4: AES-256-CBC, PBKDF2-HMAC-SHA512 key; page 1 keeps its salt in the clear). */
function plaintext(page: Buffer, n: number, key: Buffer): Buffer {
  const start = n === 1 ? 16 : 0;
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16));
  decipher.setAutoPadding(false);
  const clear = Buffer.concat([decipher.update(page.subarray(start, PAGE - RESERVE)), decipher.final()]);
  return Buffer.concat([Buffer.alloc(start), clear, Buffer.alloc(RESERVE)]);
}

/**
 * SQLite's rollback journal (pager.c): a header in its own sector, then page number, the page as
 * on disk, and a checksum, which this library takes over the page's plaintext.
 */
function hotJournal(oldImage: Buffer, passphrase: string): Buffer {
  const key = crypto.pbkdf2Sync(passphrase, oldImage.subarray(0, 16), 256000, 32, 'sha512');
  const pages = oldImage.length / PAGE;
  const cksumInit = 0x5eed1234;
  const header = Buffer.alloc(SECTOR);
  Buffer.from('d9d505f920a163d7', 'hex').copy(header, 0);
  header.writeUInt32BE(pages, 8); // records
  header.writeUInt32BE(cksumInit, 12);
  header.writeUInt32BE(pages, 16); // the file's size in pages before the transaction
  header.writeUInt32BE(SECTOR, 20);
  header.writeUInt32BE(PAGE, 24);
  const records = [header];
  for (let n = 0; n < pages; n++) {
    const data = oldImage.subarray(n * PAGE, (n + 1) * PAGE);
    const clear = plaintext(data, n + 1, key);
    let cksum = cksumInit;
    for (let i = PAGE - 200; i > 0; i -= 200) cksum = (cksum + (clear[i] as number)) >>> 0;
    const record = Buffer.alloc(PAGE + 8);
    record.writeUInt32BE(n + 1, 0);
    data.copy(record, 4);
    record.writeUInt32BE(cksum, PAGE + 4);
    records.push(record);
  }
  return Buffer.concat(records);
}

describe('a passphrase change killed mid-commit', () => {
  it('opens again under the old passphrase, with everything it held', () => {
    const file = tempFile();
    const db = openDatabase(file, 'old passphrase', { create: true });
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, t TEXT)');
    const insert = db.prepare('INSERT INTO filler (t) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run(`${'x'.repeat(300)}${i}`);
    })();
    // rekey()'s own steps up to the rewrite, so the old image is what the journal would hold.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode=DELETE');
    const oldImage = fs.readFileSync(file);
    db.pragma(`rekey='new passphrase'`);
    const newImage = fs.readFileSync(file);
    db.close();
    expect(newImage.length).toBe(oldImage.length);
    // The rekey gave the file a new salt: this is what made the old passphrase derive a wrong key.
    expect(newImage.subarray(0, 16).equals(oldImage.subarray(0, 16))).toBe(false);

    const half = Math.floor(oldImage.length / PAGE / 2) * PAGE;
    fs.writeFileSync(file, Buffer.concat([newImage.subarray(0, half), oldImage.subarray(half)]));
    fs.writeFileSync(`${file}-journal`, hotJournal(oldImage, 'old passphrase'));

    // The new passphrase cannot read the old pages, and trying it leaves the journal usable.
    expect(() => openDatabase(file, 'new passphrase')).toThrow(expect.objectContaining({ code: 'WRONG_PASSPHRASE' }));
    const reopened = openDatabase(file, 'old passphrase');
    try {
      expect(reopened.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(400);
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reopened.close();
    }
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
  });
});
