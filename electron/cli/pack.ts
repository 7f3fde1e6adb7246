// custodian pack FILE OUT [--segment NAME | --refs A,B] [--fields a,b] [--event NAME] [--date YYYY-MM-DD]
// [--laptop NAME] [--accounts NAME,NAME]: an event pack made by the same service as the app's,
// with its own passphrase (CUSTODIAN_PACK_PASSPHRASE, --pack-passphrase-file or asked twice).
import fs from 'node:fs';
import path from 'node:path';
import { LOOKUP_FIELDS, type Lookup, MakePackInput } from '../../shared/contract/packs';
import { fieldErrors } from '../../shared/contract/result';
import { OWNER } from '../../shared/contract/roles';
import { plural } from '../../shared/format';
import { makePack } from '../core/packs/make';
import { describe, Failure, needArgs, type Options, out, UsageError } from './common';
import { call, withFile } from './open';
import { newPassphrase } from './passphrase';

const USAGE =
  'pack FILE OUT [--segment NAME | --refs A,B] [--fields a,b] [--event NAME] [--date YYYY-MM-DD] [--laptop NAME] [--accounts NAME,NAME]';

const DEFAULT_FIELDS = ['ref', 'given_name', 'family_name'] as const;

function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function parseLookupFields(value: string | undefined) {
  const fields = value === undefined ? [...DEFAULT_FIELDS] : parseList(value);
  const unknown = fields.filter((f) => !(LOOKUP_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0)
    throw new UsageError(
      `--fields: ${unknown.join(', ')} cannot go in a look-up list. Choose from ${LOOKUP_FIELDS.join(', ')}.`,
    );
  return fields as (typeof LOOKUP_FIELDS)[number][];
}

export async function pack(options: Options): Promise<void> {
  const [file, target] = needArgs(options, 2, USAGE) as [string, string];
  const segmentName = options.values.get('segment');
  const refs = parseList(options.values.get('refs'));
  if (segmentName !== undefined && refs.length > 0) throw new UsageError('Choose --segment or --refs, not both.');
  if (fs.existsSync(target)) throw new Failure(`${target} already exists. Choose another name for the pack.`);
  const fields = parseLookupFields(options.values.get('fields'));
  const today = new Date().toISOString().slice(0, 10);
  await withFile(file, options, async (core, token) => {
    let lookup: Lookup = { kind: 'none' };
    if (segmentName !== undefined) {
      const segment = (await call(core, token, 'segments.list', {})).find(
        (s) => s.name.toLowerCase() === segmentName.toLowerCase(),
      );
      if (!segment) throw new Failure(`There is no saved segment called "${segmentName}".`);
      lookup = { kind: 'segment', segment_id: segment.id, fields };
    } else if (refs.length > 0) lookup = { kind: 'refs', refs, fields };
    const names = parseList(options.values.get('accounts'));
    const staff = names.length > 0 ? await call(core, token, 'staff.list', {}) : [];
    const accountIds = names.map((name) => {
      const account = staff.find((a) => a.name.toLowerCase() === name.toLowerCase() || String(a.id) === name);
      if (!account) throw new Failure(`There is no account called "${name}".`);
      return account.id;
    });
    const secret = await newPassphrase(options, 'CUSTODIAN_PACK_PASSPHRASE', 'pack-passphrase-file');
    const parsed = MakePackInput.safeParse({
      passphrase: secret,
      event_name: options.values.get('event') ?? path.basename(target).replace(/\.[^.]+$/, ''),
      event_date: options.values.get('date') ?? today,
      laptop: options.values.get('laptop') ?? 'event laptop',
      account_ids: accountIds,
      lookup,
    });
    if (!parsed.success) {
      throw new Failure(
        fieldErrors(parsed.error)
          .map((f) => `${f.path || 'input'}: ${f.message}`)
          .join(' '),
      );
    }
    const result = await core.local(token, OWNER, (ctx) => makePack(ctx, parsed.data, target));
    if (!result.ok) throw new Failure(describe(result.error));
    const made = result.value;
    const info = parsed.data;
    out(
      `Made the pack for ${info.event_name} (${info.event_date}, ${info.laptop}): ${plural(made.lookups, 'record')} to look up` +
        `${made.lookups > 0 ? ` (${fields.join(', ')})` : ''}, ${plural(made.accounts, 'account')}.`,
    );
    out(`${made.path} (${(made.bytes / 1024).toFixed(0)} KB), pack id ${made.pack_id}`);
  });
}
