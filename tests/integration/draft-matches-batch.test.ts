// The duplicate look-up for many drafts at once (an event pack's sign-ups): from 2,000 drafts it
// answers the candidate queries with one pass over every record's stored search terms instead of
// the search index, and rules candidates out on their names and date of birth before reading
// their contacts. Its answers must be the per-draft look-up's, exactly: on a real encrypted file
// of 3,000 generated customers with 2,200 drafts (changed copies of customers, new people, an
// office email 60 records share, 230 namesakes so a name query reaches the index's 200 cap).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCustomers } from '../../electron/core/customers/bulk';
import { type DB, openDatabase } from '../../electron/core/db/open';
import { buildProfile, comparePair, couldMatch, SETTINGS } from '../../electron/core/duplicates/compare';
import { findDraftMatches, findDraftMatchesMany } from '../../electron/core/duplicates/draft-matches';
import { readSources } from '../../electron/core/duplicates/duplicates.queries';
import type { CustomerData } from '../../shared/customer';
import { mutate } from '../bench/dedupe.bench';
import { customerAt, makePools, prng } from '../bench/synthetic';
import { ownerCore, PASSPHRASE } from '../support/core';

const SIZE = 3000;
const DRAFTS = 2200;
const NOW = '2026-03-02T10:00:00.000Z';

describe('the duplicate look-up for many drafts', () => {
  let db: DB;
  let drafts: CustomerData[];

  beforeAll(async () => {
    const o = await ownerCore();
    o.core.close();
    db = openDatabase(o.file, PASSPHRASE);
    const owner = db.prepare("SELECT id FROM users WHERE role = 'owner'").pluck().get() as number;
    const pools = makePools(5);
    const rows: CustomerData[] = [];
    for (let i = 0; i < SIZE; i++) {
      const c = customerAt(pools, 5, i);
      // An office email many records share (its agreement is "common", not counted).
      if (i % 50 === 7) c.emails = [{ address: 'office@example.org', label: '' }];
      rows.push(c);
    }
    for (let i = 0; i < 230; i++) {
      const c = customerAt(pools, 5, SIZE + i);
      rows.push({ ...c, given_name: 'John', family_name: 'Smith' });
    }
    db.transaction(() => insertCustomers(db, rows, owner, NOW))();

    const rng = prng(17);
    drafts = [];
    for (let i = 0; i < DRAFTS; i++) {
      const pick = rng();
      if (pick < 0.4) drafts.push({ ...mutate(rng, customerAt(pools, 5, Math.floor(rng() * SIZE)), pools), ref: '' });
      else if (pick < 0.45)
        drafts.push({ ...customerAt(pools, 5, 10_000 + i), given_name: 'John', family_name: 'Smith' });
      // One of the records with the office email, typed again: found, the email not counted.
      else if (pick < 0.5)
        drafts.push({
          ...customerAt(pools, 5, 50 * Math.floor(rng() * 60) + 7),
          ref: '',
          emails: [{ address: 'office@example.org', label: '' }],
        });
      else drafts.push({ ...customerAt(pools, 5, 10_000 + i), ref: '' });
    }
    // The last namesake by name alone, its date of birth one digit out: only the name query can
    // find it, and that query stops at the index's cap of 200 ids. Both ways must stop alike.
    const last = rows[rows.length - 1] as CustomerData;
    const [y, m, d] = last.date_of_birth.split('-');
    drafts[1] = {
      ...last,
      date_of_birth: `${y}-${m}-${String(d).slice(0, 1)}${(Number(String(d).slice(1)) + 1) % 10}`,
      ref: '',
      emails: [],
      phones: [],
      addresses: [],
    };
  });

  afterAll(() => db?.close());

  it('gives every draft the matches the one-draft look-up gives, reasons included', () => {
    const many = findDraftMatchesMany(
      db,
      drafts.map((draft) => ({ draft })),
      5,
    );
    const one = drafts.map((draft) => findDraftMatches(db, draft, undefined, 5));
    expect(many).toHaveLength(DRAFTS);
    expect(many).toEqual(one);
    // Not an empty agreement: the changed copies are found, and the office email is discounted.
    expect(one.filter((m) => m.length > 0).length).toBeGreaterThan(600);
    const reasons = one.flat().flatMap((m) => m.reasons);
    expect(reasons.some((r) => r.includes('many records share it'))).toBe(true);
  });

  it('rules out on names and date of birth only pairs that cannot reach the threshold', () => {
    const all = readSources(
      db,
      Array.from({ length: SIZE + 230 }, (_, i) => i + 1),
    );
    let ruledOut = 0;
    for (const draft of drafts.slice(0, 60)) {
      const a = buildProfile({
        ...draft,
        emails: draft.emails.map((e) => e.address),
        phones: draft.phones.map((p) => p.e164),
      });
      for (const { source } of all) {
        const bare = buildProfile({ ...source, emails: [], phones: [], addresses: [] });
        if (couldMatch(a, bare)) continue;
        ruledOut++;
        expect(comparePair(a, buildProfile(source)).weight).toBeLessThan(SETTINGS.threshold);
      }
    }
    expect(ruledOut).toBeGreaterThan(30_000);
  });

  it('leaves out the record a draft is, as the one-draft look-up does', () => {
    const id = 1 + 42;
    const draft = customerAt(makePools(5), 5, 42);
    const many = findDraftMatchesMany(
      db,
      drafts.map((d, i) => ({ draft: i === 0 ? draft : d, excludeId: i === 0 ? id : undefined })),
      5,
    );
    expect(many[0]?.some((m) => m.id === id)).toBe(false);
    expect(many[0]).toEqual(findDraftMatches(db, draft, id, 5));
  });
});
