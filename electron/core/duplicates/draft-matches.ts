// The counter check: existing records that are likely the person a draft describes (a record
// being typed, an import's row, an event pack's sign-up), scored by the duplicate review's own
// comparison (compare.ts), so one rule decides "probably the same person" everywhere.
//
// Candidates come from the search terms every record is indexed under (draftQueries): a shared
// email, phone or postcode; a family name (or its first three letters, for misspellings) with a
// given name or one of its familiar forms, in either field so swapped names are found; the same
// date of birth (also with day and month swapped). One draft asks the search index. Many drafts
// at once (a pack's 5,000 sign-ups) are answered by one pass over every record's stored terms
// instead: at a million records each draft's index look-ups cost some 2 ms and its ~60
// candidates' rows, read at random, as much again, while the pass reads the file once, in order,
// for all of them. Both give the same candidates (duplicates.queries.ts CandidateQuery).
//
// Most candidates are strangers with the same date of birth: their own row (names and date)
// rules them out whatever their contact details (compare.ts couldMatch), so only the rest have
// their emails, phones and addresses read.
import type { CustomerData } from '../../../shared/customer';
import { compactPostcode } from '../../../shared/rules/postcode';
import { fold, nameWords } from '../../../shared/text';
import type { DB } from '../db/open';
import { dateOfBirthTerm, tokenOnly } from '../search/terms';
import {
  buildProfile,
  type CommonContacts,
  type Comparison,
  comparePair,
  couldMatch,
  normaliseEmail,
  type Profile,
  SETTINGS,
  scoreOf,
} from './compare';
import {
  type CandidateQuery,
  LOOKUP_CAP,
  lastCustomerId,
  queryIds,
  readContacts,
  readRows,
  readTermBatches,
  type SourceRow,
  termRowSource,
} from './duplicates.queries';
import { nameVariants } from './nicknames';

export type DraftMatch = { id: number; weight: number; score: number; reasons: string[] };

/** An email or phone this many records share is an office's or a household's, not a person's. */
const COMMON_AT = 50;

/**
 * When one pass over the file beats each draft's index look-ups. Measured at 1,000,000 records
 * (2 shared cores): the pass about 12 s of processor time, a draft's look-ups and its candidates'
 * rows about 6 ms, so from about 2,000 drafts; at 100,000 the pass is about 1.3 s against 0.6 ms
 * a draft. Below 2,000 drafts, or fewer than one draft per 500 records, the index is used.
 */
const PASS_FROM_DRAFTS = 2000;
const PASS_FROM_DRAFTS_PER_RECORD = 1 / 500;

type Draft = { draft: CustomerData; excludeId?: number };

type Plan = {
  profile: Profile;
  /** The contact terms (emails, phones, postcodes): many holders make one "common". */
  contacts: CandidateQuery[];
  others: CandidateQuery[];
  emailTerm: Map<string, string>;
  phoneTerm: Map<string, string>;
  excludeId?: number;
};

/** Existing records that are likely the person a draft describes, strongest first. */
export function findDraftMatches(db: DB, draft: CustomerData, excludeId?: number, limit = 5): DraftMatch[] {
  return findDraftMatchesMany(db, [{ draft, excludeId }], limit)[0] ?? [];
}

/** findDraftMatches for many drafts at once, with the same answers. */
export function findDraftMatchesMany(db: DB, drafts: readonly Draft[], limit = 5): DraftMatch[][] {
  const plans = drafts.map(planDraft);
  const pass = drafts.length >= PASS_FROM_DRAFTS && drafts.length >= PASS_FROM_DRAFTS_PER_RECORD * lastCustomerId(db);
  const found = pass ? byPass(db, plans) : byIndex(db, plans);
  // A row object is shared between the drafts it is a candidate of: built and read once.
  const bare = new Map<SourceRow, Profile>();
  const profileOf = (r: SourceRow, cache: Map<SourceRow, Profile>) =>
    cache.get(r) ?? (cache.set(r, buildProfile(r.source)).get(r) as Profile);
  const kept = plans.map((plan, i) => {
    const { rows } = found[i] as Found;
    return rows.filter((r) => r.id !== plan.excludeId && couldMatch(plan.profile, profileOf(r, bare)));
  });
  readContacts(db, [...new Set(kept.flat())]);
  const full = new Map<SourceRow, Profile>();
  return plans.map((plan, i) => {
    const common = commonContacts(plan, (found[i] as Found).common);
    const matches: DraftMatch[] = [];
    for (const row of kept[i] ?? []) {
      const c: Comparison = comparePair(plan.profile, profileOf(row, full), true, common);
      if (c.weight >= SETTINGS.threshold) {
        matches.push({ id: row.id, weight: c.weight, score: scoreOf(c.weight), reasons: c.reasons });
      }
    }
    return matches.sort((x, y) => y.weight - x.weight || x.id - y.id).slice(0, limit);
  });
}

/** The search queries a draft asks (see the header), as the index's terms. */
function planDraft({ draft, excludeId }: Draft): Plan {
  const profile = buildProfile({
    given_name: draft.given_name,
    family_name: draft.family_name,
    preferred_name: draft.preferred_name,
    date_of_birth: draft.date_of_birth,
    emails: draft.emails.map((e) => e.address),
    phones: draft.phones.map((p) => p.e164),
    addresses: draft.addresses,
  });
  const emailTerm = new Map(draft.emails.map((e) => [fold(e.address), normaliseEmail(e.address)]));
  const phoneTerm = new Map(draft.phones.map((p) => [`#${p.e164.replace(/\D/g, '')}`, p.e164]));
  const postcodes = draft.addresses
    .filter((a) => a.postcode)
    .map((a) => compactPostcode(fold(a.postcode)).toLowerCase());
  const contacts = [...emailTerm.keys(), ...phoneTerm.keys(), ...postcodes].map((t) => query(t, ''));
  const words = (value: string) => nameWords(value).slice(0, 1);
  const given = [draft.given_name, draft.preferred_name].flatMap(words).flatMap(nameVariants);
  const family = words(draft.family_name);
  const others: CandidateQuery[] = [];
  for (const x of given) {
    for (const y of family) {
      // Either name's first three letters as a prefix (a misspelt rest), the other name exact.
      for (const [exact, prefix] of [
        [x, y.slice(0, 3)],
        [y, x.slice(0, 3)],
      ] as const) {
        if (exact && prefix.length >= 2) others.push(query(exact, prefix));
      }
    }
  }
  const dobs = draft.date_of_birth ? [draft.date_of_birth, swapDayMonth(draft.date_of_birth)] : [];
  for (const dob of new Set(dobs.filter(Boolean))) others.push(query(dateOfBirthTerm(dob), ''));
  return { profile, contacts, others, emailTerm, phoneTerm, excludeId };
}

/** A query as the index reads it: each part one token. */
function query(term: string, prefix: string): CandidateQuery {
  return { term: tokenOnly(term), prefix: tokenOnly(prefix) };
}

function swapDayMonth(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || Number(m[3]) > 12) return '';
  return `${m[1]}-${m[3]}-${m[2]}`;
}

function commonContacts(plan: Plan, common: Set<string>): CommonContacts {
  const emails = new Set([...plan.emailTerm].filter(([term]) => common.has(term)).map(([, e]) => e));
  const phones = new Set([...plan.phoneTerm].filter(([term]) => common.has(term)).map(([, e]) => e));
  return { isCommonEmail: (email) => emails.has(email), isCommonPhone: (e164) => phones.has(e164) };
}

/* ---------------------------------------------------------------- finding the candidates */

/** A draft's candidates (rows without their contacts yet) and its contact terms held by many. */
type Found = { rows: SourceRow[]; common: Set<string> };

/** One draft at a time, through the search index; the candidates' rows read in id order. */
function byIndex(db: DB, plans: readonly Plan[]): Found[] {
  const idLists = plans.map((plan) => {
    const ids = new Set<number>();
    const common = new Set<string>();
    for (const q of plan.contacts) {
      const found = queryIds(db, q);
      if (found.length >= COMMON_AT) common.add(q.term);
      for (const id of found) ids.add(id);
    }
    for (const q of plan.others) for (const id of queryIds(db, q)) ids.add(id);
    return { ids, common };
  });
  const rows = new Map(
    readRows(
      db,
      idLists.flatMap((l) => [...l.ids]),
    ).map((r) => [r.id, r]),
  );
  return idLists.map(({ ids, common }) => ({
    rows: [...ids].flatMap((id) => rows.get(id) ?? []),
    common,
  }));
}

/** A query shared by the drafts that ask it, answered once, up to the index's cap. */
type Asked = { q: CandidateQuery; plans: number[]; count: number; contact: boolean };

/** The queries naming one term: alone, or by the prefix a second term must start with. */
type ByTerm = { alone: Asked[]; byPrefix: Map<string, Asked[]> };

/** The queries of all drafts, each once, by their term (a row is tested only against those its terms name). */
function askAll(plans: readonly Plan[]): { byTerm: Map<string, ByTerm>; asked: Asked[] } {
  const byTerm = new Map<string, ByTerm>();
  const asked = new Map<string, Asked>();
  plans.forEach((plan, i) => {
    for (const [qs, contact] of [
      [plan.contacts, true],
      [plan.others, false],
    ] as const) {
      for (const q of qs) {
        const key = `${q.term} ${q.prefix}`;
        let a = asked.get(key);
        if (!a) {
          a = { q, plans: [], count: 0, contact };
          asked.set(key, a);
          let entry = byTerm.get(q.term);
          if (!entry) {
            entry = { alone: [], byPrefix: new Map() };
            byTerm.set(q.term, entry);
          }
          if (!q.prefix) entry.alone.push(a);
          else {
            const list = entry.byPrefix.get(q.prefix) ?? [];
            list.push(a);
            entry.byPrefix.set(q.prefix, list);
          }
        }
        if (a.plans.at(-1) !== i) a.plans.push(i);
      }
    }
  });
  return { byTerm, asked: [...asked.values()] };
}

/**
 * The starts of a row's terms that some query asks for (`lengths`: the asked prefixes' lengths).
 * A short list, not a Set: it is made for nearly every row of the file.
 */
function startsOf(terms: readonly string[], lengths: readonly number[], asked: ReadonlySet<string>): string[] {
  const starts: string[] = [];
  for (const t of terms) {
    for (const n of lengths) {
      if (t.length < n) continue;
      const start = t.slice(0, n);
      if (asked.has(start) && !starts.includes(start)) starts.push(start);
    }
  }
  return starts;
}

/** All drafts at once, by one pass over the stored terms (the same answers as byIndex). */
function byPass(db: DB, plans: readonly Plan[]): Found[] {
  const { byTerm, asked } = askAll(plans);
  const prefixes = new Set(asked.map((a) => a.q.prefix).filter(Boolean));
  const lengths = [...new Set([...prefixes].map((p) => p.length))];
  const ids = plans.map(() => new Set<number>());
  const rows = plans.map(() => [] as SourceRow[]);
  const hits: Asked[] = [];
  for (const batch of readTermBatches(db)) {
    for (const termRow of batch) {
      const terms = termRow.terms.split(' ');
      let starts: string[] | undefined;
      for (const term of terms) {
        const entry = byTerm.get(term);
        if (!entry) continue;
        for (const a of entry.alone) hits.push(a);
        if (entry.byPrefix.size === 0) continue;
        starts ??= startsOf(terms, lengths, prefixes);
        for (const start of starts) {
          const list = entry.byPrefix.get(start);
          if (list) for (const a of list) hits.push(a);
        }
      }
      if (hits.length === 0) continue;
      const source = termRowSource(termRow);
      for (const a of hits) {
        if (a.count >= LOOKUP_CAP) continue;
        a.count++;
        for (const i of a.plans) {
          const seen = ids[i] as Set<number>;
          if (seen.has(termRow.id)) continue;
          seen.add(termRow.id);
          (rows[i] as SourceRow[]).push(source);
        }
      }
      hits.length = 0;
    }
  }
  const common = new Set(asked.filter((a) => a.contact && a.count >= COMMON_AT).map((a) => a.q.term));
  return plans.map((plan, i) => ({
    rows: rows[i] as SourceRow[],
    common: new Set(plan.contacts.map((q) => q.term).filter((t) => common.has(t))),
  }));
}
