// A pack's merge taken back as one batch, the list of packs made, and wiping a merged pack.
// Undo first undoes the duplicate review's merges of the records the pack created (a queued pair
// resolved by merging), then takes out the consent events and sales it added and hands the
// batch to the import undo (imports/rollback.ts takeBackBatch): records it created go, records
// it changed get their before-image back unless someone has changed them since.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Output, Parsed } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { unmergeRecords } from '../duplicates/unmerge';
import { takeBackBatch } from '../imports/rollback';
import { packsFolder } from './make';
import {
  closeMergeBatch,
  deleteBatchPurchases,
  deleteChanges,
  deletePackConsents,
  deleteQueue,
  listPacksMade,
  markUndone,
  markWiped,
  mergesOfCreated,
  readPackMade,
} from './packs.queries';

function mustFindPack(ctx: Context, packId: string) {
  const made = readPackMade(ctx.db, packId);
  if (!made) throw new CoreError('NOT_FOUND', 'This file made no such pack.');
  return made;
}

export function undoPack(ctx: Context, input: Parsed<'packs.undo'>): Output<'packs.undo'> {
  const made = mustFindPack(ctx, input.pack_id);
  if (made.status !== 'merged' || made.import_id === null)
    throw new CoreError('CONFLICT', `The pack for ${made.event_name} is not merged, so there is nothing to undo.`);
  const importId = made.import_id;
  let unmerged = 0;
  let consents = 0;
  ctx.db.transaction(() => {
    for (const mergeId of mergesOfCreated(ctx.db, importId)) {
      try {
        unmergeRecords(ctx, { merge_id: mergeId });
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        throw new CoreError(
          'CONFLICT',
          `A record from this pack was merged in the duplicate review, and that merge cannot be undone: ${error.message} Nothing was undone.`,
        );
      }
      unmerged++;
    }
    consents = deletePackConsents(ctx.db, made.pack_id);
    deleteBatchPurchases(ctx.db, importId);
    deleteQueue(ctx.db, made.pack_id);
    deleteChanges(ctx.db, made.pack_id);
  })();
  const now = ctx.now();
  const user = ctx.session.user.id;
  const taken = takeBackBatch(ctx.db, importId, user, now, 'import.undo');
  ctx.db.transaction(() => {
    closeMergeBatch(ctx.db, importId, now);
    markUndone(ctx.db, made.pack_id);
    appendAudit(ctx.db, user, now, {
      action: 'pack.undo',
      detail: { pack: made.pack_id, event: made.event_name, ...taken, consents, unmerged },
    });
  })();
  return { ...taken, consents, unmerged };
}

function packPath(ctx: Context, fileName: string): string {
  return path.join(packsFolder(ctx), path.basename(fileName));
}

export function listPacks(ctx: Context): Output<'packs.list'> {
  return {
    folder: packsFolder(ctx),
    packs: listPacksMade(ctx.db).map((p) => ({
      pack_id: p.pack_id,
      event_name: p.event_name,
      event_date: p.event_date,
      laptop: p.laptop,
      file_name: p.file_name,
      file_present: fs.existsSync(packPath(ctx, p.file_name)),
      lookups: p.lookups,
      made_by: p.made_by,
      made_at: p.made_at,
      status: p.status,
      merged_at: p.merged_at,
      merged_by: p.merged_by,
      wiped_at: p.wiped_at,
      queued_open: p.queued_open,
      changes_waiting: p.changes_waiting,
    })),
  };
}

/** Overwrite a pack file with random bytes, flush it to the disk, then remove it and its journals. */
function wipeFile(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  try {
    const block = 1 << 20;
    for (let at = 0; at < size; at += block) {
      const n = Math.min(block, size - at);
      fs.writeSync(fd, crypto.randomBytes(n), 0, n, at);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
  return true;
}

/** Wipe a merged pack from the packs folder: what it captured is in the file now. */
export function wipePack(ctx: Context, input: Parsed<'packs.wipe'>, file?: string): Output<'packs.wipe'> {
  const made = mustFindPack(ctx, input.pack_id);
  if (made.status !== 'merged')
    throw new CoreError(
      'CONFLICT',
      `Merge the pack for ${made.event_name} first: wiping it now would lose what it captured.`,
    );
  const wiped = wipeFile(file ?? packPath(ctx, made.file_name));
  ctx.db.transaction(() => {
    markWiped(ctx.db, made.pack_id, ctx.now());
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'pack.wipe',
      detail: { pack: made.pack_id, event: made.event_name, file_found: wiped },
    });
  })();
  return { wiped };
}
