// Opening an event pack back at base, read for a merge, and the checks that keep the main file
// safe from a wrong one: not the main file's passphrase, a real pack (cipher, page HMACs and
// integrity by openDatabase; its own audit chain here), made from this file, not merged before,
// and carrying only accounts this file gave it.
import path from 'node:path';
import { CoreError } from '../../../shared/contract/result';
import { verifyAudit } from '../audit/audit';
import { fileId } from '../audit/head-copy';
import type { Context } from '../context';
import { type DB, openDatabase } from '../db/open';
import { allAccounts, type PackInfoRow, type PackMadeRow, readPackInfo, readPackMade } from './packs.queries';

export type OpenPack = { db: DB; info: PackInfoRow; made: PackMadeRow; accountIds: Set<number> };

const UNTOUCHED = 'Nothing in the customer file was changed.';

function openFile(ctx: Context, file: string, passphrase: string): DB {
  if (path.resolve(file) === path.resolve(ctx.vault.path)) {
    throw new CoreError('INVALID_INPUT', 'That is the customer file itself, not an event pack.');
  }
  if (ctx.vault.matches(passphrase)) {
    throw new CoreError(
      'WRONG_PASSPHRASE',
      `That is the customer file's passphrase. An event pack has its own, chosen when it was made. ${UNTOUCHED}`,
    );
  }
  try {
    return openDatabase(file, passphrase);
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    if (error.code === 'WRONG_PASSPHRASE')
      throw new CoreError('WRONG_PASSPHRASE', `The pack's passphrase is wrong. ${UNTOUCHED}`);
    if (error.code === 'FILE_DAMAGED' || error.code === 'NOT_A_DATABASE') {
      throw new CoreError(
        'FILE_DAMAGED',
        `This pack file is damaged or was changed outside Custodian, so it cannot be merged. ${UNTOUCHED}`,
      );
    }
    throw error;
  }
}

/** Check the pack's accounts against this file's: the same people, by number, name and role. */
function checkAccounts(ctx: Context, pack: DB, made: PackMadeRow): Set<number> {
  const mine = new Map(allAccounts(ctx.db).map((a) => [a.id, a]));
  const given = new Set((JSON.parse(made.accounts) as { id: number }[]).map((a) => a.id));
  const clashes: string[] = [];
  const ids = new Set<number>();
  for (const a of allAccounts(pack)) {
    if (a.role === 'owner') continue; // the pack's event lead: stands for whoever merges it
    const here = mine.get(a.id);
    if (!given.has(a.id)) clashes.push(`${a.name} (${a.role}) was not given to this pack`);
    else if (!here) clashes.push(`${a.name} no longer has an account here`);
    else if (here.name !== a.name || here.role !== a.role)
      clashes.push(`${a.name} (${a.role}) in the pack is ${here.name} (${here.role}) here`);
    ids.add(a.id);
  }
  if (clashes.length > 0) {
    throw new CoreError(
      'CONFLICT',
      `The pack's accounts do not match this file's: ${clashes.slice(0, 3).join('; ')}. Check the pack came from this file and was not edited. ${UNTOUCHED}`,
    );
  }
  return ids;
}

/** Open a pack for its merge; the caller closes `db`. */
export function openPack(ctx: Context, file: string, passphrase: string): OpenPack {
  const db = openFile(ctx, file, passphrase);
  try {
    const info = readPackInfo(db);
    if (!info) throw new CoreError('NOT_A_DATABASE', `This is a Custodian file, not an event pack. ${UNTOUCHED}`);
    const audit = verifyAudit(db);
    if (!audit.ok) {
      throw new CoreError(
        'FILE_DAMAGED',
        `This pack's audit trail was changed outside Custodian (${audit.problem}), so it cannot be merged. ${UNTOUCHED}`,
      );
    }
    if (info.main_file_id !== fileId(ctx.db)) {
      throw new CoreError('CONFLICT', `This pack was made from another customer file: merge it there. ${UNTOUCHED}`);
    }
    const made = readPackMade(ctx.db, info.pack_id);
    if (!made) {
      throw new CoreError('CONFLICT', `This file has no record of making this pack, so it is not merged. ${UNTOUCHED}`);
    }
    if (made.status === 'merged') {
      throw new CoreError(
        'CONFLICT',
        `The pack for ${made.event_name} was already merged on ${made.merged_at.slice(0, 10)} by ${made.merged_by}: a pack merges once. ${UNTOUCHED}`,
      );
    }
    return { db, info, made, accountIds: checkAccounts(ctx, db, made) };
  } catch (error) {
    db.close();
    throw error;
  }
}
