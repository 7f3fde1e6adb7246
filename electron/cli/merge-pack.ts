// custodian merge-pack FILE PACK [--dry-run] [--json]: an event pack brought back and merged by the
// same service as the app's (duplicate review, changes checked against the value they replaced,
// one undoable batch, once per pack). The pack's passphrase: CUSTODIAN_PACK_PASSPHRASE,
// --pack-passphrase-file PATH, or asked for.
import { MANAGERS } from '../../shared/contract/roles';
import { plural } from '../../shared/format';
import { mergePackFile } from '../core/packs/merge';
import { checkReadable, describe, err, Failure, needArgs, type Options, out } from './common';
import { withFile } from './open';
import { promptHidden, readSecretFile } from './passphrase';

async function packPassphrase(options: Options): Promise<string> {
  const file = options.values.get('pack-passphrase-file');
  if (file !== undefined) return readSecretFile(file, 'pack passphrase');
  return process.env.CUSTODIAN_PACK_PASSPHRASE || promptHidden('Pack passphrase: ');
}

export async function mergePack(options: Options): Promise<void> {
  const [file, packFile] = needArgs(options, 2, 'merge-pack FILE PACK [--dry-run] [--json]') as [string, string];
  checkReadable(packFile);
  const dryRun = options.switches.has('dry-run');
  await withFile(file, options, async (core, token) => {
    const secret = await packPassphrase(options);
    const result = await core.local(token, MANAGERS, (ctx) => mergePackFile(ctx, packFile, secret, dryRun));
    if (!result.ok) throw new Failure(describe(result.error));
    const s = result.value;
    if (options.switches.has('json')) {
      out(JSON.stringify(s, null, 2));
      return;
    }
    const verb = dryRun ? 'Would merge' : 'Merged';
    out(`${verb} the pack for ${s.event_name} (${s.event_date}, ${s.laptop}): ${plural(s.signups, 'sign-up')}.`);
    out(
      `  ${plural(s.created, 'new record')}; ${s.auto_merged} joined an existing record (score ≥ ${s.auto_threshold}); ` +
        `${plural(s.queued, 'pair')} queued for the duplicate review.`,
    );
    out(
      `  ${plural(s.consents, 'consent event')}, ${plural(s.purchases, 'purchase')}; ${plural(s.changes_applied, 'change')} applied, ` +
        `${s.changes_waiting} waiting for review; ${s.erased_skipped} looked-up ${s.erased_skipped === 1 ? 'person' : 'people'} erased since, left out.`,
    );
    for (const a of s.auto)
      out(`  joined ${a.name} (record ${a.customer_id}, score ${a.score}): ${a.reasons.join('; ')}`);
    for (const r of s.rejected) err(`custodian: row ${r.uid} not merged: ${r.message}`);
    if (dryRun) out('Nothing was written (--dry-run).');
  });
}
