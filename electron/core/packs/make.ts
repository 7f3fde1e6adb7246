// Making an event pack: a new Custodian file (same migrations, same schema), with its own
// passphrase, holding the register, the settings and consent wording, the chosen volunteer and
// staff accounts (with their own password or PIN) and the look-up list with only the chosen
// fields. Nothing else of the main file goes in. The main file records the pack (its id merges
// once) and the making is audited in both files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LookupField, MakePackInput } from '../../../shared/contract/packs';
import { CoreError } from '../../../shared/contract/result';
import type { Customer } from '../../../shared/customer';
import { appendAudit, initAudit, markVerified } from '../audit/audit';
import { fileId } from '../audit/head-copy';
import type { Context } from '../context';
import { insertCustomers } from '../customers/bulk';
import { findByRef, getCustomer } from '../customers/customers.queries';
import { readMeta, writeMeta } from '../db/meta';
import { type DB, openDatabase } from '../db/open';
import { segmentMembers } from '../segments/segments.service';
import { insertOwner } from '../session/accounts.queries';
import {
  addCaptureTriggers,
  insertAccount,
  insertLookup,
  insertPackMade,
  readAccounts,
  readRegister,
  replaceRegister,
  writePackInfo,
} from './packs.queries';
import { pickFields, valueText } from './values';

/** Accounts a pack may carry: the people who work the event table. Managers and owners stay at base. */
const EVENT_ROLES = new Set(['staff', 'volunteer']);

/** Where the window's packs go: a folder beside the main file (the window never names a path). */
export function packsFolder(ctx: Pick<Context, 'vault'>): string {
  return path.join(path.dirname(path.resolve(ctx.vault.path)), 'event-packs');
}

function packFileName(eventName: string, eventDate: string, packId: string): string {
  const slug = eventName
    .normalize('NFKD')
    .replace(/[^\w]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `${slug || 'event'}-${eventDate}-${packId.slice(0, 8)}.custodian-pack`;
}

function lookupIds(ctx: Context, lookup: MakePackInput['lookup']): { ids: number[]; name: string } {
  if (lookup.kind === 'none') return { ids: [], name: '' };
  if (lookup.kind === 'segment') return segmentMembers(ctx, lookup.segment_id);
  const unknown: string[] = [];
  const ids: number[] = [];
  for (const ref of new Set(lookup.refs)) {
    const id = findByRef(ctx.db, ref);
    if (id === undefined) unknown.push(ref);
    else ids.push(id);
  }
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).join(', ');
    const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
    throw new CoreError('INVALID_INPUT', `No record has the customer number ${shown}${more}.`, [
      { path: 'lookup.refs', message: `Not in this file: ${shown}${more}.` },
    ]);
  }
  return { ids, name: `${ids.length} chosen by customer number` };
}

function eventAccounts(ctx: Context, ids: readonly number[]) {
  const accounts = readAccounts(ctx.db, ids);
  for (const id of ids) {
    const account = accounts.find((a) => a.id === id);
    if (!account) throw new CoreError('NOT_FOUND', `There is no account number ${id}.`);
    if (!EVENT_ROLES.has(account.role) || !account.active) {
      throw new CoreError(
        'INVALID_INPUT',
        `${account.name} cannot go in a pack: only active volunteer and staff accounts work at an event.`,
        [{ path: 'account_ids', message: `${account.name} is not an active volunteer or staff account.` }],
      );
    }
    if (!account.password_hash && !account.pin_hash) {
      throw new CoreError(
        'INVALID_INPUT',
        `${account.name} has no password or PIN yet, so could not sign in at the event.`,
        [{ path: 'account_ids', message: `Set a password or PIN for ${account.name} first.` }],
      );
    }
  }
  return accounts;
}

/** Remove a pack file left half made (and its journal files). */
function removePartial(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

type Made = {
  pack_id: string;
  file_name: string;
  path: string;
  lookups: number;
  accounts: number;
  bytes: number;
};

/** Make a pack at `out` (the command line names it; the window's go in packsFolder). */
export function makePack(ctx: Context, input: MakePackInput, out?: string): Made {
  if (ctx.vault.matches(input.passphrase)) {
    throw new CoreError('INVALID_INPUT', "A pack needs its own passphrase, not this file's: choose another.", [
      { path: 'passphrase', message: "Use a different passphrase from the customer file's." },
    ]);
  }
  const accounts = eventAccounts(ctx, input.account_ids);
  const fields: LookupField[] = input.lookup.kind === 'none' ? [] : input.lookup.fields;
  const chosen = lookupIds(ctx, input.lookup);
  const records = chosen.ids.map((id) => getCustomer(ctx.db, id)).filter((c): c is Customer => c !== undefined);
  const packId = crypto.randomBytes(16).toString('hex');
  const fileName = out ? path.basename(out) : packFileName(input.event_name, input.event_date, packId);
  const file = out ? path.resolve(out) : path.join(packsFolder(ctx), fileName);
  if (!out) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const now = ctx.now();
  const madeBy = ctx.session.user.name;
  let pack: DB | undefined;
  try {
    pack = openDatabase(file, input.passphrase, { create: true });
    const db = pack;
    db.transaction(() => {
      writeMeta(db, 'created_at', now);
      initAudit(db);
      for (const account of accounts) insertAccount(db, account);
      // The passphrase holder is the pack's owner: the event lead. Event mode limits what any
      // account may do in a pack (packs/event-mode.ts), the owner's included.
      const leadId = insertOwner(db, `${madeBy} (event lead)`, now);
      replaceRegister(db, readRegister(ctx.db));
      for (const key of ['settings', 'consent_wording']) {
        const value = readMeta(ctx.db, key);
        if (value) writeMeta(db, key, value);
      }
      const ids = insertCustomers(
        db,
        records.map((c) => pickFields(c, fields)),
        leadId,
        now,
        { source: 'counter', importId: null },
      );
      records.forEach((c, i) => {
        const original = Object.fromEntries(fields.map((f) => [f, valueText(c, f)]));
        insertLookup(db, ids[i] as number, c.id, c.version, JSON.stringify(original));
      });
      writePackInfo(db, {
        pack_id: packId,
        event_name: input.event_name,
        event_date: input.event_date,
        laptop: input.laptop,
        made_by: madeBy,
        made_at: now,
        main_file_id: fileId(ctx.db),
        lookup: JSON.stringify({ kind: input.lookup.kind, name: chosen.name, fields }),
      });
      addCaptureTriggers(db);
      appendAudit(db, leadId, now, {
        action: 'pack.made',
        detail: { event: input.event_name, date: input.event_date, laptop: input.laptop, lookups: records.length },
      });
    })();
    markVerified(db);
    db.close();
    pack = undefined;
  } catch (error) {
    pack?.close();
    // Never leave half a pack behind; a file that was there before (ALREADY_EXISTS) is not ours.
    if (!(error instanceof CoreError && error.code === 'ALREADY_EXISTS')) removePartial(file);
    throw error;
  }
  ctx.db.transaction(() => {
    insertPackMade(ctx.db, {
      packId,
      eventName: input.event_name,
      eventDate: input.event_date,
      laptop: input.laptop,
      fileName,
      lookups: records.length,
      accounts: JSON.stringify(accounts.map((a) => ({ id: a.id, name: a.name, role: a.role }))),
      userId: ctx.session.user.id,
      now,
    });
    appendAudit(ctx.db, ctx.session.user.id, now, {
      action: 'pack.make',
      detail: {
        pack: packId,
        event: input.event_name,
        date: input.event_date,
        laptop: input.laptop,
        lookups: records.length,
        fields,
        accounts: accounts.length,
      },
    });
  })();
  return {
    pack_id: packId,
    file_name: fileName,
    path: file,
    lookups: records.length,
    accounts: accounts.length,
    bytes: fs.statSync(file).size,
  };
}
