// Duplicate detection over the whole file (the counter check for one draft is draft-matches.ts).
//
// Comparing every record with every other is n²/2 comparisons (5·10¹¹ at a million), so records
// are first put into blocks by keys that a duplicate is likely to share with its original
// despite typing slips: the same email or phone; names that sound alike (in either order, with
// familiar forms folded to the formal name); a date of birth (tolerant to a day/month swap) with
// a name or postcode; a postcode with a name; a house number and street. Only records in a
// common block are compared, with the scored comparison in compare.ts.
//
// Memory stays bounded: records are read in id-ordered batches and kept only as one compact
// string each, outside the JavaScript heap; the keys are 32-bit hashes in typed arrays, sorted once. A pair that shares
// several keys is compared only in one of those blocks (the "canonical block": the smallest
// shared key hash), so no set of seen pairs is needed. A block larger than MAX_BLOCK (a shared office email, a common
// name) is not compared all-against-all: its members are sorted by name and each is compared
// with its WINDOW nearest neighbours, and the block is reported as a large group.
import type { DB } from '../db/open';
import { withCacheSize } from '../db/pragmas';
import {
  type AddressProfile,
  buildProfile,
  type CommonContacts,
  comparePair,
  type Profile,
  SETTINGS,
  scoreOf,
} from './compare';
import { countScannable, pairKey, readDismissals, readSourceBatches, readSources } from './duplicates.queries';
import { formalName } from './nicknames';
import { nysiisCached as nysiis } from './phonetic';

/** Blocks bigger than this are compared by sorted neighbourhood rather than all pairs. */
export const MAX_BLOCK = 50;
/** Neighbours each member of a large block is compared with. */
export const WINDOW = 6;

/* ---------------------------------------------------------------- compact profiles */

const FS = '\u001f';
const RS = '\u001e';
const US = '\u001d';

/** A profile as one string: one small heap object per record instead of a dozen. */
export function packProfile(p: Profile): string {
  const addresses = p.addresses
    .map((a) => [a.postcode, a.number, a.street, a.line2, a.town, a.region].join(US))
    .join(RS);
  return [p.given, p.family, p.preferred, p.dob, p.emails.join(RS), p.phones.join(RS), addresses].join(FS);
}

export function unpackProfile(s: string): Profile {
  const [given = '', family = '', preferred = '', dob = '', emails = '', phones = '', addresses = ''] = s.split(FS);
  return {
    given,
    family,
    preferred,
    dob,
    emails: emails ? emails.split(RS) : [],
    phones: phones ? phones.split(RS) : [],
    addresses: addresses
      ? addresses.split(RS).map((a): AddressProfile => {
          const [postcode = '', number = '', street = '', line2 = '', town = '', region = ''] = a.split(US);
          return { postcode, number, street, line2, town, region };
        })
      : [],
  };
}

/**
 * The packed profiles of a scan, as UTF-8 in 16 MB chunks outside the JavaScript heap. Kept off
 * the heap because V8 lets garbage grow in proportion to the live heap: with a million profiles
 * on it, the scan's peak memory was twice what it is with them here.
 */
class PackedProfiles {
  private static readonly CHUNK = 16 * 1024 * 1024;
  private chunks: Buffer[] = [];
  private used = PackedProfiles.CHUNK;
  private chunkOf: Uint16Array;
  private startOf: Uint32Array;
  private lengthOf: Uint32Array;

  constructor(capacity: number) {
    this.chunkOf = new Uint16Array(capacity);
    this.startOf = new Uint32Array(capacity);
    this.lengthOf = new Uint32Array(capacity);
  }

  grow(capacity: number): void {
    this.chunkOf = grow(this.chunkOf, capacity);
    this.startOf = grow(this.startOf, capacity);
    this.lengthOf = grow(this.lengthOf, capacity);
  }

  add(i: number, text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.used + bytes > PackedProfiles.CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(PackedProfiles.CHUNK, bytes)));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    (this.chunks[chunk] as Buffer).write(text, this.used, 'utf8');
    this.chunkOf[i] = chunk;
    this.startOf[i] = this.used;
    this.lengthOf[i] = bytes;
    this.used += bytes;
  }

  get(i: number): string {
    const start = this.startOf[i] as number;
    return (this.chunks[this.chunkOf[i] as number] as Buffer).toString(
      'utf8',
      start,
      start + (this.lengthOf[i] as number),
    );
  }

  clear(): void {
    this.chunks = [];
  }
}

/* ---------------------------------------------------------------- blocking keys */

/**
 * The blocking key slots. Slots of one kind share a key space, so a key in one slot meets the
 * same key in the other: an email entered second on one record and first on the other, or a
 * family name entered as the given name (swapped names, with a date of birth or postcode).
 */
const KEY_KINDS = [
  'email',
  'email',
  'phone',
  'phone',
  'names',
  'dob_name',
  'dob_name',
  'dob_initials',
  'dob_postcode',
  'dob_town',
  'postcode_name',
  'postcode_name',
  'postcode_number',
  'street',
] as const;
const K = KEY_KINDS.length;
type KeyKind = (typeof KEY_KINDS)[number];
/** The key space of each slot: the first slot of its kind. */
const SPACE = KEY_KINDS.map((kind) => KEY_KINDS.indexOf(kind));
const EMAIL_SLOT = KEY_KINDS.indexOf('email');
const PHONE_SLOT = KEY_KINDS.indexOf('phone');

const KEY_LABELS: Record<KeyKind, string> = {
  email: 'share an email address',
  phone: 'share a phone number',
  names: 'have names that sound alike',
  dob_name: 'share a date of birth and a name sound',
  dob_initials: 'share a date of birth and initials',
  dob_postcode: 'share a date of birth and a postcode',
  dob_town: 'share a date of birth and a town',
  postcode_name: 'share a postcode and a name sound',
  postcode_number: 'share a postcode and a house number',
  street: 'share a house number and street',
};

/** A date of birth as a key that a day/month swap does not change. */
function dateKey(dob: string): string {
  if (!dob) return '';
  const [m, d] = [dob.slice(4, 6), dob.slice(6, 8)];
  return `${dob.slice(0, 4)}${m < d ? m + d : d + m}`;
}

/** A postcode as a key that two swapped characters do not change (4814 / 4184). */
function postcodeKey(postcode: string): string {
  return [...postcode].sort().join('');
}

/** The blocking keys of a profile, one slot per KEY_KINDS entry ('' when the fields are missing). */
export function blockingKeys(p: Profile): string[] {
  const given = p.given ? nysiis(formalName(p.given)) : '';
  const family = p.family ? nysiis(p.family) : '';
  const dob = dateKey(p.dob);
  const address = p.addresses[0];
  const postcode = postcodeKey(address?.postcode ?? '');
  const number = address?.number ?? '';
  const both = (x: string, y: string) => (x && y ? `${x}|${y}` : '');
  const sortedPair = (x: string, y: string) => (x && y ? (x < y ? `${x}|${y}` : `${y}|${x}`) : '');
  const initials = [p.given.charAt(0), p.family.charAt(0)].sort().join('');
  return [
    p.emails[0] ?? '',
    p.emails[1] ?? '',
    p.phones[0] ?? '',
    p.phones[1] ?? '',
    sortedPair(given, family),
    both(dob, family),
    both(dob, given),
    both(dob, initials),
    both(dob, postcode),
    both(dob, address?.town ? nysiis(address.town) : ''),
    both(postcode, family),
    both(postcode, given),
    both(postcode, number),
    // With the town's first letter: "1 High Street" is in every town.
    address?.street ? both(number, `${nysiis(address.street)}|${address.town.charAt(0)}`) : '',
  ];
}

/** FNV-1a, 32 bits, of the key kind and text; never 0 (0 means "no key"). */
function hashKey(kind: number, text: string): number {
  let h = 0x811c9dc5 ^ kind;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

/* ---------------------------------------------------------------- the scan */

export type ScanPair = { a: number; b: number; weight: number; score: number; reasons: string[] };
export type LargeGroup = { kind: string; description: string; size: number };

type ScanOptions = {
  includeArchived?: boolean;
  /** How many pairs to keep (the strongest); every pair above the threshold is still counted. */
  limit?: number;
  /** Called for every pair above the threshold (the benchmark uses it to score all of them). */
  onPair?: (a: number, b: number, weight: number) => void;
  /** Leave out pairs someone has judged "not duplicates" (default true). */
  skipDismissed?: boolean;
};

export type ScanResult = {
  pairs: ScanPair[];
  total: number;
  customers: number;
  compared: number;
  largeGroups: LargeGroup[];
  /** Seconds spent reading and keying, sorting, and comparing (for the benchmark and the log). */
  phases: { read: number; sort: number; compare: number };
};

/** A bounded min-heap of the strongest pairs (by weight). */
class TopPairs {
  private readonly items: { a: number; b: number; weight: number }[] = [];
  constructor(private readonly cap: number) {}
  offer(a: number, b: number, weight: number): void {
    const items = this.items;
    if (this.cap <= 0) return;
    if (items.length < this.cap) {
      items.push({ a, b, weight });
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((items[parent] as { weight: number }).weight <= weight) break;
        [items[i], items[parent]] = [items[parent] as never, items[i] as never];
        i = parent;
      }
      return;
    }
    if ((items[0] as { weight: number }).weight >= weight) return;
    items[0] = { a, b, weight };
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && (items[l] as { weight: number }).weight < (items[m] as { weight: number }).weight) m = l;
      if (r < items.length && (items[r] as { weight: number }).weight < (items[m] as { weight: number }).weight) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m] as never, items[i] as never];
      i = m;
    }
  }
  get size(): number {
    return this.items.length;
  }
  sorted() {
    return [...this.items].sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b);
  }
}

/** How far a stepwise scan has got: its phase, and done of total within it. */
export type ScanProgress = { phase: 'read' | 'compare' | 'explain'; done: number; total: number };

/** Scan the whole file for likely duplicates (see the header for how), in one call. */
export function scanDuplicates(db: DB, options: ScanOptions = {}): ScanResult {
  const steps = scanSteps(db, options);
  for (;;) {
    const next = withScanCache(db, () => steps.next());
    if (next.done) return next.value;
  }
}

/**
 * Run part of a scan with the scan's page cache: every page is read once, so a large page cache
 * would only hold memory the scan needs itself. Set per step, so that calls between the steps
 * of a stepwise scan keep the usual cache.
 */
export function withScanCache<T>(db: DB, run: () => T): T {
  return withCacheSize(db, SCAN_CACHE_KIB, run);
}

/** The page cache during a scan, in KiB as PRAGMA cache_size takes it (negative). */
const SCAN_CACHE_KIB = -16_384;
/** A stepwise scan reports progress (and may be stopped) after this many read batches or blocks. */
const READ_BATCHES_PER_YIELD = 4;
const BLOCKS_PER_YIELD = 4096;

/**
 * The scan as a generator: it yields its progress every few batches or blocks, so a caller can
 * run it in steps (scan-job.ts) and stop it between them, and returns the result.
 */
export function* scanSteps(db: DB, options: ScanOptions = {}): Generator<ScanProgress, ScanResult> {
  const t0 = clock();
  const includeArchived = options.includeArchived ?? false;
  const dismissed = options.skipDismissed === false ? new Set<string>() : readDismissals(db);
  const records = yield* readRecords(db, includeArchived);
  const t1 = clock();
  const sorted = records.entries.sort();
  const t2 = clock();
  const { large, largeGroups } = findLargeBlocks(records, sorted);
  const common = commonContacts(records, large);
  const found = yield* compareBlocks(records, sorted, large, common, {
    limit: options.limit ?? 500,
    dismissed,
    onPair: options.onPair,
  });
  records.packed.clear();
  const t3 = clock();
  yield { phase: 'explain', done: 0, total: found.top.size };
  const pairs = explainPairs(db, found.top.sorted(), common);
  largeGroups.sort((x, y) => y.size - x.size);
  return {
    pairs,
    total: found.total,
    customers: records.n,
    compared: found.compared,
    largeGroups,
    phases: { read: t1 - t0, sort: t2 - t1, compare: t3 - t2 },
  };
}

function clock(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * What the read keeps of each record, by its index in read order. A block entry packs a key
 * hash and a record index into one double (hash × idxScale + index), so that sorting the entries
 * lines each block up as one run without an object per entry.
 */
type ScanRecords = {
  /** Customer id of each record index. */
  ids: Float64Array;
  /** K key hashes per record (0 where the slot has no key). */
  keys: Uint32Array;
  packed: PackedProfiles;
  /** One entry per record and distinct key, not yet sorted. */
  entries: Float64Array;
  n: number;
  idxScale: number;
  hashOf: (slot: number, text: string) => number;
};

/** Read every record once: a compact profile and its key hashes. */
function* readRecords(db: DB, includeArchived: boolean): Generator<ScanProgress, ScanRecords> {
  const expected = countScannable(db, includeArchived);
  const idxBits = Math.max(1, Math.ceil(Math.log2(expected + 2)));
  const hashBits = Math.min(32, 53 - idxBits);
  const idxScale = 2 ** idxBits;
  const hashOf = (slot: number, text: string) => hashKey(SPACE[slot] as number, text) >>> (32 - hashBits) || 1;
  let capacity = Math.max(16, expected);
  let ids = new Float64Array(capacity);
  let keys = new Uint32Array(capacity * K);
  const packed = new PackedProfiles(capacity);
  let entries = new Float64Array(capacity * K);
  let n = 0;
  let m = 0;
  let batches = 0;
  for (const batch of readSourceBatches(db, includeArchived)) {
    if (++batches % READ_BATCHES_PER_YIELD === 0) yield { phase: 'read', done: n, total: Math.max(n, expected) };
    for (const row of batch) {
      if (n === capacity) {
        // Records added between the count and the read: grow (rare; the scan holds the file).
        capacity *= 2;
        ids = grow(ids, capacity);
        packed.grow(capacity);
        keys = grow(keys, capacity * K);
        entries = grow(entries, capacity * K);
      }
      const profile = buildProfile(row.source);
      ids[n] = row.id;
      packed.add(n, packProfile(profile));
      const texts = blockingKeys(profile);
      for (let t = 0; t < K; t++) {
        const text = texts[t];
        if (!text) continue;
        const h = hashOf(t, text);
        keys[n * K + t] = h;
        // One entry per record and block, even when two slots hold the same key (Smith Smith).
        let repeated = false;
        for (let u = 0; u < t; u++) if (keys[n * K + u] === h) repeated = true;
        if (!repeated) entries[m++] = h * idxScale + n;
      }
      n++;
    }
  }
  if (n >= idxScale) throw new Error('duplicate scan: more records than the index space');
  return { ids, keys, packed, entries: entries.subarray(0, m), n, idxScale, hashOf };
}

/** The large blocks, found before comparing: a pair that shares one is not skipped in later blocks. */
function findLargeBlocks(
  records: ScanRecords,
  sorted: Float64Array,
): { large: Set<number>; largeGroups: LargeGroup[] } {
  const { idxScale, keys } = records;
  const large = new Set<number>();
  const largeGroups: LargeGroup[] = [];
  forEachBlock(sorted, idxScale, (hash, start, end) => {
    if (end - start <= MAX_BLOCK) return;
    large.add(hash);
    const first = (sorted[start] as number) % idxScale;
    const kind = kindOf(keys, first, hash);
    largeGroups.push({ kind: KEY_KINDS[kind] ?? 'names', description: describe(kind, end - start), size: end - start });
  });
  return { large, largeGroups };
}

/** An email or phone whose block is large is shared by many people (see CommonContacts). */
function commonContacts(records: ScanRecords, large: Set<number>): CommonContacts {
  const { hashOf } = records;
  return {
    isCommonEmail: (email) => large.size > 0 && large.has(hashOf(EMAIL_SLOT, email)),
    isCommonPhone: (e164) => large.size > 0 && large.has(hashOf(PHONE_SLOT, e164)),
  };
}

type CompareOptions = {
  limit: number;
  dismissed: Set<string>;
  onPair: ScanOptions['onPair'];
};

/** Compare within blocks: every pair in a small block, sorted neighbours in a large one. */
function* compareBlocks(
  records: ScanRecords,
  sorted: Float64Array,
  large: Set<number>,
  common: CommonContacts,
  options: CompareOptions,
): Generator<ScanProgress, { top: TopPairs; total: number; compared: number }> {
  const { ids, keys, packed, idxScale } = records;
  const { dismissed } = options;
  const top = new TopPairs(options.limit);
  let total = 0;
  let compared = 0;
  const cache = new Map<number, Profile>();
  const profileOf = (i: number): Profile => {
    let p = cache.get(i);
    if (!p) {
      p = unpackProfile(packed.get(i));
      cache.set(i, p);
    }
    return p;
  };
  const consider = (i: number, j: number) => {
    compared++;
    const { weight } = comparePair(profileOf(i), profileOf(j), false, common);
    if (weight < SETTINGS.threshold) return;
    const a = ids[i] as number;
    const b = ids[j] as number;
    if (dismissed.size > 0 && dismissed.has(pairKey(a, b))) return;
    total++;
    top.offer(Math.min(a, b), Math.max(a, b), weight);
    options.onPair?.(Math.min(a, b), Math.max(a, b), weight);
  };
  /**
   * The block a pair is compared in: the smallest key hash the two records share among the
   * small blocks, or (when they share only large blocks) the smallest of those. Any other block
   * they share skips them, so each pair is compared once without remembering pairs.
   */
  const isCanonical = (i: number, j: number, hash: number) => {
    let small = Number.POSITIVE_INFINITY;
    let big = Number.POSITIVE_INFINITY;
    for (let t = 0; t < K; t++) {
      const h = keys[i * K + t] as number;
      if (h === 0 || (h >= small && h >= big)) continue;
      for (let u = 0; u < K; u++) {
        if (keys[j * K + u] !== h) continue;
        if (large.has(h)) big = Math.min(big, h);
        else small = Math.min(small, h);
        break;
      }
    }
    return small !== Number.POSITIVE_INFINITY ? small === hash : big === hash;
  };
  const members: number[] = [];
  let blocks = 0;
  for (let start = 0, end = 0; start < sorted.length; start = end) {
    const hash = Math.floor((sorted[start] as number) / idxScale);
    end = start + 1;
    while (end < sorted.length && Math.floor((sorted[end] as number) / idxScale) === hash) end++;
    if (++blocks % BLOCKS_PER_YIELD === 0) yield { phase: 'compare', done: start, total: sorted.length };
    compareBlock(hash, start, end);
  }
  return { top, total, compared };

  function compareBlock(hash: number, start: number, end: number): void {
    if (end - start < 2) return;
    members.length = 0;
    for (let e = start; e < end; e++) members.push((sorted[e] as number) % idxScale);
    cache.clear();
    if (!large.has(hash)) {
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x] as number;
          const j = members[y] as number;
          if (i !== j && isCanonical(i, j, hash)) consider(i, j);
        }
      }
      return;
    }
    const byName = sortByName(members, packed);
    for (let x = 0; x < byName.length; x++) {
      for (let y = x + 1; y < Math.min(byName.length, x + 1 + WINDOW); y++) {
        const i = (byName[x] as { i: number }).i;
        const j = (byName[y] as { i: number }).i;
        if (i !== j && isCanonical(i, j, hash)) consider(i, j);
      }
    }
  }
}

/** Sorted neighbourhood: by family then given name, so near-identical names sit together. */
function sortByName(members: number[], packed: PackedProfiles): { i: number; name: string }[] {
  return members
    .map((i) => {
      const s = packed.get(i);
      const [given = '', family = ''] = s.split(FS, 2);
      return { i, name: `${family} ${given}` };
    })
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.i - y.i));
}

/** Explain the pairs kept: compared again from a fresh read, with the reasons this time. */
function explainPairs(db: DB, kept: { a: number; b: number }[], common: CommonContacts): ScanPair[] {
  const profiles = new Map(
    readSources(db, [...new Set(kept.flatMap((p) => [p.a, p.b]))]).map((r) => [r.id, buildProfile(r.source)]),
  );
  const pairs: ScanPair[] = [];
  for (const p of kept) {
    const pa = profiles.get(p.a);
    const pb = profiles.get(p.b);
    if (!pa || !pb) continue;
    const { weight, reasons } = comparePair(pa, pb, true, common);
    pairs.push({ a: p.a, b: p.b, weight, score: scoreOf(weight), reasons });
  }
  return pairs;
}

function grow<T extends Float64Array | Uint32Array | Uint16Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

function forEachBlock(
  sorted: Float64Array,
  idxScale: number,
  visit: (hash: number, start: number, end: number) => void,
) {
  let start = 0;
  while (start < sorted.length) {
    const hash = Math.floor((sorted[start] as number) / idxScale);
    let end = start + 1;
    while (end < sorted.length && Math.floor((sorted[end] as number) / idxScale) === hash) end++;
    visit(hash, start, end);
    start = end;
  }
}

function kindOf(keys: Uint32Array, i: number, hash: number): number {
  for (let t = 0; t < K; t++) if (keys[i * K + t] === hash) return t;
  return 0;
}

function describe(kind: number, size: number): string {
  const label = KEY_LABELS[KEY_KINDS[kind] ?? 'names'];
  return `${size.toLocaleString('en-GB')} records ${label}: each was compared only with the ${WINDOW} nearest by name, not with all the others.`;
}
