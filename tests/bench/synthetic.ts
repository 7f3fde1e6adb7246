// Seeded synthetic UK customers for the benchmarks. Faker (en_GB) is called only to fill small
// pools of names, streets, towns and outward codes; each customer is then put together from the
// pools by a fast PRNG seeded from (seed, index), so customer i is the same in every run and
// any customer can be rebuilt on its own (for the query sets) without keeping them all in memory.
import { fakerEN_GB } from '@faker-js/faker';
import { createCore } from '../../electron/core/api';
import { insertCustomers } from '../../electron/core/customers/bulk';
import { openDatabase } from '../../electron/core/db/open';
import type { CustomerData } from '../../shared/customer';
import { fold } from '../../shared/text';

/** mulberry32: tiny, fast, good enough to shuffle test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const digits = (rng: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 10);
  return s;
};

// Names people actually bring to a UK counter that plain ASCII generators miss.
const EXTRA_GIVEN = ['Zoë', 'Chloé', 'José', 'Siân', 'Seán', 'Renée', 'Björn', 'Łukasz', 'Aoife', 'Niamh', 'Saoirse'];
const EXTRA_FAMILY = [
  "O'Brien",
  "O'Neill",
  "D'Souza",
  "O'Connor",
  'Núñez',
  'Dvořák',
  'Müller',
  'Nowak',
  'Ó Súilleabháin',
];
const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const DOMAINS = ['gmail.com', 'outlook.com', 'btinternet.com', 'yahoo.co.uk', 'hotmail.co.uk', 'sky.com', 'icloud.com'];
const TITLES = ['', '', '', 'Mr', 'Mrs', 'Ms', 'Miss', 'Dr'];

export type Pools = {
  given: string[];
  family: string[];
  streets: string[];
  towns: string[];
  counties: string[];
  outward: string[];
  domains: string[];
};

export function makePools(seed: number): Pools {
  const f = fakerEN_GB;
  f.seed(seed);
  const unique = (n: number, make: () => string) => {
    const set = new Set<string>();
    for (let i = 0; i < n * 4 && set.size < n; i++) set.add(make());
    return [...set];
  };
  const given = [...unique(600, () => f.person.firstName()), ...EXTRA_GIVEN];
  const plainFamily = unique(1500, () => f.person.lastName());
  const hyphenated = Array.from(
    { length: 60 },
    () => `${f.helpers.arrayElement(plainFamily)}-${f.helpers.arrayElement(plainFamily)}`,
  );
  const family = [...plainFamily, ...EXTRA_FAMILY, ...hyphenated];
  const outward = unique(3000, () => f.location.zipCode().split(' ')[0] ?? '').filter((o) =>
    /^[A-Z]{1,2}[0-9][A-Z0-9]?$/.test(o),
  );
  return {
    given,
    family,
    streets: unique(2000, () => f.location.street()),
    towns: unique(400, () => f.location.city()),
    counties: unique(60, () => f.location.county()),
    outward,
    domains: [...DOMAINS, ...unique(200, () => f.internet.domainName())],
  };
}

const asciiLocal = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');

/** Customer `index` of the synthetic population: already in the shape validation produces. */
export function customerAt(pools: Pools, seed: number, index: number): CustomerData {
  const rng = prng(mix(seed, index));
  const given = pick(rng, pools.given);
  const family = pick(rng, pools.family);
  const domain = rng() < 0.7 ? pick(rng, DOMAINS) : pick(rng, pools.domains);
  const style = rng();
  const local =
    style < 0.5
      ? `${asciiLocal(given)}.${asciiLocal(family)}${Math.floor(rng() * 100)}`
      : style < 0.8
        ? `${asciiLocal(given).slice(0, 1)}${asciiLocal(family)}${Math.floor(rng() * 1000)}`
        : `${asciiLocal(family)}_${asciiLocal(given)}${Math.floor(rng() * 10)}`;
  const mobile = rng() < 0.75;
  const national = mobile ? `07${digits(rng, 9)}` : rng() < 0.3 ? `020${digits(rng, 8)}` : `01${digits(rng, 9)}`;
  const number = mobile
    ? `${national.slice(0, 5)} ${national.slice(5)}`
    : national.startsWith('020')
      ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`
      : `${national.slice(0, 5)} ${national.slice(5)}`;
  const inward = `${Math.floor(rng() * 10)}${pick(rng, INWARD_LETTERS)}${pick(rng, INWARD_LETTERS)}`;
  const year = 1930 + Math.floor(rng() * 76);
  const month = 1 + Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * 28);
  return {
    ref: `C${String(index + 1).padStart(7, '0')}`,
    title: pick(rng, TITLES),
    given_name: given,
    family_name: family,
    preferred_name: '',
    emails: [{ address: `${local}@${domain}`, label: '' }],
    phones: [{ number, e164: `+44${national.slice(1)}`, label: mobile ? 'mobile' : 'home' }],
    addresses: [
      {
        line1: `${1 + Math.floor(rng() * 200)} ${pick(rng, pools.streets)}`,
        line2: '',
        town: pick(rng, pools.towns),
        region: pick(rng, pools.counties),
        postcode: `${pick(rng, pools.outward)} ${inward}`,
        country: 'GB',
        label: '',
        kind: 'home',
        valid_from: '',
        valid_to: '',
      },
    ],
    date_of_birth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    notes: rng() < 0.1 ? 'Prefers a call in the morning.' : '',
  };
}

/** The same customer as a form or CSV would send it (for measuring the validated path). */
export function draftOf(c: CustomerData) {
  return {
    ...c,
    emails: c.emails.map(({ address, label }) => ({ address, label })),
    phones: c.phones.map(({ number, label }) => ({ number, label })),
  };
}

/**
 * A new encrypted file of `size` generated customers, made as the app makes a file and filled
 * through its bulk writer. Records are 1..size in order: customer index i is record i + 1.
 */
export async function fillSyntheticFile(
  file: string,
  size: number,
  seed: number,
  passphrase: string,
  progress = false,
): Promise<void> {
  const core = createCore(file);
  const created = await core.call(null, 'vault.create', { passphrase, owner_name: 'Bench Owner' });
  if (!created.ok) throw new Error(created.error.message);
  core.close();
  const pools = makePools(seed);
  const db = openDatabase(file, passphrase);
  const now = new Date().toISOString();
  const batch = 10_000;
  for (let start = 0; start < size; start += batch) {
    const rows: CustomerData[] = [];
    for (let i = start; i < Math.min(size, start + batch); i++) rows.push(customerAt(pools, seed, i));
    insertCustomers(db, rows, created.value.user.id, now);
    if (progress && (start / batch) % 20 === 0)
      process.stdout.write(`  ${(start + rows.length).toLocaleString()} customers\n`);
  }
  db.close();
}
