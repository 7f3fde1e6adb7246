// The scored comparison of two customer records: is this the same person? Each field adds
// evidence for (agreement) or against (disagreement); a missing value adds nothing either way,
// because an empty field says nothing about the person. The weights are rough log-odds in the
// spirit of Fellegi–Sunter: agreement on a field that few people share (a date of birth, an
// email) counts for more than agreement on one that many share (a region). They are one set for
// all data; nothing here knows which file it is looking at. Every point added or taken away
// comes with a reason in plain words, so a reviewer can see why a pair was put in front of them.
import { fold } from '../../../shared/text';
import { areNicknames } from './nicknames';
import { nysiisCached as nysiis } from './phonetic';

/** What the comparison reads of a customer: normalised, compact, independent of the tables. */
export type Profile = {
  given: string;
  family: string;
  preferred: string;
  /** YYYYMMDD, or '' when unknown. */
  dob: string;
  emails: string[];
  phones: string[];
  addresses: AddressProfile[];
};

export type AddressProfile = {
  postcode: string;
  number: string;
  street: string;
  line2: string;
  town: string;
  region: string;
};

/** The stored shape a profile is built from (a row and its children, or a draft). */
export type ProfileSource = {
  given_name: string;
  family_name: string;
  preferred_name: string;
  date_of_birth: string;
  emails: readonly string[];
  phones: readonly string[];
  addresses: readonly { line1: string; line2: string; town: string; region: string; postcode: string }[];
};

/** One decision threshold and one set of weights for every file (see the header). */
export const SETTINGS = {
  threshold: 6,
  given: { same: 4, nickname: 3.5, close: 3, sound: 2.5, similar: 1, initial: 1, different: -4 },
  family: { same: 5, close: 4, sound: 3.5, similar: 1.5, initial: 0.5, different: -5 },
  dob: { same: 5, near: 3, different: -4 },
  email: { same: 6, sameLocal: 1.5, different: -1 },
  phone: { same: 5, different: -1 },
  postcode: { same: 2.5, near: 1, different: -1.5 },
  number: { same: 1.5, different: -1 },
  street: { same: 2, similar: 1, different: -1 },
  line2: { same: 1, different: -0.5 },
  town: { same: 1.5, different: -1 },
  region: { same: 0.5, different: -0.5 },
} as const;

/** The most an address can add: every part agreeing. */
const MAX_ADDRESS =
  SETTINGS.postcode.same +
  SETTINGS.number.same +
  SETTINGS.street.same +
  SETTINGS.line2.same +
  SETTINGS.town.same +
  SETTINGS.region.same;

/* ---------------------------------------------------------------- normalising */

const STREET_WORDS: Record<string, string> = {
  st: 'street',
  str: 'street',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  cres: 'crescent',
  cr: 'crescent',
  cl: 'close',
  ct: 'court',
  dr: 'drive',
  ln: 'lane',
  pl: 'place',
  sq: 'square',
  tce: 'terrace',
  terr: 'terrace',
  gdns: 'gardens',
  gr: 'grove',
  pde: 'parade',
  cct: 'circuit',
  cir: 'circuit',
  hwy: 'highway',
  pk: 'park',
  mt: 'mount',
};
const UNIT_WORDS = new Set(['flat', 'unit', 'apartment', 'apt', 'no', 'number']);

const ASCII = /^[\x20-\x7e]*$/;

/** fold() without the Unicode normalisation when there is nothing to normalise (most values). */
function quickFold(value: string): string {
  return ASCII.test(value) ? value.toLowerCase() : fold(value);
}

/** Folded letters and digits, single spaces. */
function normaliseText(value: string): string {
  return quickFold(value)
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name for comparing: folded letters only, no spaces (Mary-Ann and Mary Ann are the same). */
function normaliseName(value: string): string {
  return quickFold(value).replace(/[^\p{L}]+/gu, '');
}

/** An email for comparing: lower case, without a +tag; Gmail ignores dots in the local part. */
export function normaliseEmail(value: string): string {
  const email = quickFold(value.trim());
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  let local = email.slice(0, at).replace(/\+.*$/, '');
  const domain = email.slice(at + 1) === 'googlemail.com' ? 'gmail.com' : email.slice(at + 1);
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** '1984-09-28' → '19840928'; anything that is not such a date → ''. */
function normaliseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  return m ? `${m[1]}${m[2]}${m[3]}` : '';
}

/** Split a first address line into its house number and its street words ("12a High St"). */
export function splitStreet(line1: string): { number: string; street: string } {
  let number = '';
  const words: string[] = [];
  for (const word of normaliseText(line1).split(' ')) {
    if (!word || UNIT_WORDS.has(word)) continue;
    if (/\d/.test(word)) {
      if (!number) number = word;
      continue;
    }
    words.push(STREET_WORDS[word] ?? word);
  }
  return { number, street: words.join(' ') };
}

export function buildProfile(source: ProfileSource): Profile {
  return {
    given: normaliseName(source.given_name),
    family: normaliseName(source.family_name),
    preferred: normaliseName(source.preferred_name),
    dob: normaliseDate(source.date_of_birth),
    emails: [...new Set(source.emails.map(normaliseEmail).filter(Boolean))],
    phones: [...new Set(source.phones.map((p) => p.replace(/[^\d+]/g, '')).filter(Boolean))],
    addresses: source.addresses.slice(0, 3).map((a) => {
      const { number, street } = splitStreet(a.line1);
      return {
        postcode: a.postcode.toUpperCase().replace(/\s+/g, ''),
        number,
        street,
        line2: normaliseText(a.line2),
        town: normaliseText(a.town),
        region: normaliseText(a.region),
      };
    }),
  };
}

/* ---------------------------------------------------------------- similarity */

const BUFFER = 128;
const bufferA = new Uint8Array(BUFFER);
const bufferB = new Uint8Array(BUFFER);

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  // Reused buffers: the full scan calls this millions of times.
  const matchedA = la <= BUFFER ? bufferA.fill(0, 0, la) : new Uint8Array(la);
  const matchedB = lb <= BUFFER ? bufferB.fill(0, 0, lb) : new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

/** Jaro–Winkler: Jaro boosted by a shared prefix of up to four characters (scale 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/** One typing slip apart: one character changed, or two neighbours swapped (same length). */
function isOneSlip(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      diffs.push(i);
      if (diffs.length > 2) return false;
    }
  }
  if (diffs.length === 1) return true;
  const [i, j] = diffs as [number, number];
  return j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

type DateAgreement = 'same' | 'swapped' | 'one_digit' | 'transposed' | 'different' | 'missing';

/** How two YYYYMMDD dates of birth agree, tolerant to the slips people make typing them. */
export function compareDates(a: string, b: string): DateAgreement {
  if (!a || !b) return 'missing';
  if (a === b) return 'same';
  const [ya, ma, da] = [a.slice(0, 4), a.slice(4, 6), a.slice(6, 8)];
  const [yb, mb, db] = [b.slice(0, 4), b.slice(4, 6), b.slice(6, 8)];
  if (ya === yb && ma === db && da === mb) return 'swapped';
  if (isOneSlip(a, b)) {
    let diffs = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs++;
    return diffs === 1 ? 'one_digit' : 'transposed';
  }
  return 'different';
}

type NameAgreement = 'same' | 'nickname' | 'close' | 'sound' | 'similar' | 'initial' | 'different' | 'missing';

function compareNames(a: string, b: string): NameAgreement {
  if (!a || !b) return 'missing';
  if (a === b) return 'same';
  if (areNicknames(a, b)) return 'nickname';
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 'initial';
  const jw = jaroWinkler(a, b);
  if (jw >= 0.92) return 'close';
  if (nysiis(a) === nysiis(b)) return 'sound';
  if (jw >= 0.85) return 'similar';
  return 'different';
}

/* ---------------------------------------------------------------- the comparison */

export type Comparison = { weight: number; reasons: string[] };

const fmtDate = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function nameReason(which: 'given' | 'family', agreement: NameAgreement, a: string, b: string): string {
  const names = `${which} names`;
  const pair = `(${cap(a)} / ${cap(b)})`;
  switch (agreement) {
    case 'same':
      return `same ${which} name (${cap(a)})`;
    case 'nickname':
      return `${names} are forms of one name ${pair}`;
    case 'close':
      return `${names} almost the same ${pair}`;
    case 'sound':
      return `${names} sound alike ${pair}`;
    case 'similar':
      return `${names} similar ${pair}`;
    case 'initial':
      return `${which} name matches an initial ${pair}`;
    default:
      return `different ${names} ${pair}`;
  }
}

/** The best agreement on given names, counting a preferred name as a given name. */
function bestGiven(a: Profile, b: Profile): { agreement: NameAgreement; x: string; y: string } {
  const order: NameAgreement[] = ['same', 'nickname', 'close', 'sound', 'similar', 'initial', 'different', 'missing'];
  let best = { agreement: 'missing' as NameAgreement, x: a.given, y: b.given };
  for (const x of [a.given, a.preferred]) {
    for (const y of [b.given, b.preferred]) {
      const agreement = compareNames(x, y);
      if (order.indexOf(agreement) < order.indexOf(best.agreement)) best = { agreement, x, y };
    }
  }
  return best;
}

function addressWeight(a: AddressProfile, b: AddressProfile, reasons: string[] | null): number {
  const s = SETTINGS;
  let w = 0;
  const agree: string[] = [];
  const differ: string[] = [];
  if (a.postcode && b.postcode) {
    if (a.postcode === b.postcode) {
      w += s.postcode.same;
      agree.push(`postcode ${a.postcode}`);
    } else if (isOneSlip(a.postcode, b.postcode)) {
      w += s.postcode.near;
      agree.push(`postcode one slip apart (${a.postcode} / ${b.postcode})`);
    } else {
      w += s.postcode.different;
      differ.push('postcode');
    }
  }
  if (a.number && b.number) {
    if (a.number === b.number) {
      w += s.number.same;
      agree.push(`house number ${a.number}`);
    } else {
      w += s.number.different;
      differ.push('house number');
    }
  }
  if (a.street && b.street) {
    const jw = jaroWinkler(a.street, b.street);
    if (jw >= 0.92) {
      w += s.street.same;
      agree.push(jw === 1 ? 'street' : `street (${a.street} / ${b.street})`);
    } else if (jw >= 0.85) {
      w += s.street.similar;
      agree.push(`similar street (${a.street} / ${b.street})`);
    } else {
      w += s.street.different;
      differ.push('street');
    }
  }
  if (a.line2 && b.line2) {
    if (jaroWinkler(a.line2, b.line2) >= 0.92) {
      w += s.line2.same;
      agree.push('second address line');
    } else {
      w += s.line2.different;
      differ.push('second address line');
    }
  }
  if (a.town && b.town) {
    if (jaroWinkler(a.town, b.town) >= 0.92) {
      w += s.town.same;
      agree.push('town');
    } else {
      w += s.town.different;
      differ.push('town');
    }
  }
  if (a.region && b.region) {
    if (a.region === b.region) w += s.region.same;
    else w += s.region.different;
  }
  if (reasons) {
    if (agree.length > 0) reasons.push(`same ${agree.join(', ')}`);
    if (differ.length > 0) reasons.push(`different ${differ.join(', ')}`);
  }
  return w;
}

/**
 * Contact details that many records share (an office email, a switchboard number): agreement on
 * one says nothing about being the same person, so it is not counted (the reason says so).
 */
export type CommonContacts = { isCommonEmail(email: string): boolean; isCommonPhone(e164: string): boolean };
const NONE_COMMON: CommonContacts = { isCommonEmail: () => false, isCommonPhone: () => false };

type Evidence = { weight: number; bothNamesDiffer: boolean };

/** The names (straight or swapped) and the dates of birth: what a record's own row says. */
function nameAndDateEvidence(a: Profile, b: Profile, reasons: string[] | null): Evidence {
  const s = SETTINGS;
  let weight = 0;

  // Names, straight and transposed (given ↔ family): the better reading wins.
  const given = bestGiven(a, b);
  const family = compareNames(a.family, b.family);
  const straight = s.given[given.agreement as keyof typeof s.given] ?? 0;
  const straightFamily = s.family[family as keyof typeof s.family] ?? 0;
  // The transposed reading can only win when the straight one is poor (it must beat it by 1).
  const crossPossible = straight + straightFamily + 1 < s.family.same + s.given.same;
  const crossOne = crossPossible ? compareNames(a.given, b.family) : 'missing';
  const crossTwo = crossPossible ? compareNames(a.family, b.given) : 'missing';
  const crossWeight =
    (s.family[crossOne as keyof typeof s.family] ?? 0) + (s.given[crossTwo as keyof typeof s.given] ?? 0);
  const swapped = crossOne !== 'missing' && crossTwo !== 'missing' && crossWeight > straight + straightFamily + 1;
  if (swapped) {
    weight += crossWeight;
    reasons?.push(
      `given and family names swapped (${cap(a.given)} ${cap(a.family)} / ${cap(b.given)} ${cap(b.family)})`,
    );
  } else {
    weight += straight + straightFamily;
    if (reasons) {
      if (family !== 'missing') reasons.push(nameReason('family', family, a.family, b.family));
      if (given.agreement !== 'missing') reasons.push(nameReason('given', given.agreement, given.x, given.y));
    }
  }

  // Two records whose given and family names both differ are two people, however much else
  // they share: a household, or an office with one email, phone and address.
  const bothNamesDiffer = given.agreement === 'different' && family === 'different' && !swapped;

  const dates = compareDates(a.dob, b.dob);
  if (dates === 'same') {
    weight += s.dob.same;
    reasons?.push(`same date of birth (${fmtDate(a.dob)})`);
  } else if (dates === 'swapped' || dates === 'one_digit' || dates === 'transposed') {
    weight += s.dob.near;
    const how =
      dates === 'swapped' ? 'day and month swapped' : dates === 'one_digit' ? 'one digit apart' : 'two digits swapped';
    reasons?.push(`dates of birth ${how} (${fmtDate(a.dob)} / ${fmtDate(b.dob)})`);
  } else if (dates === 'different') {
    weight += s.dob.different;
    reasons?.push(`different dates of birth (${fmtDate(a.dob)} / ${fmtDate(b.dob)})`);
  }
  return { weight, bothNamesDiffer };
}

/**
 * Whether `b` could reach the threshold against `a` whatever emails, phones and addresses `b`
 * turns out to have: only its names and date of birth are read (b's contact lists are ignored).
 * Exact, not a heuristic: false only when comparePair(a, b') is below the threshold for every b'
 * with b's names and date, so a look-up can skip reading those records' contact details.
 */
export function couldMatch(a: Profile, b: Profile): boolean {
  const { weight, bothNamesDiffer } = nameAndDateEvidence(a, b, null);
  if (bothNamesDiffer) return false;
  const s = SETTINGS;
  const ceiling =
    weight +
    (a.emails.length > 0 ? s.email.same : 0) +
    (a.phones.length > 0 ? s.phone.same : 0) +
    (a.addresses.length > 0 ? MAX_ADDRESS : 0);
  return ceiling >= s.threshold;
}

/**
 * Compare two profiles. With `explain` the reasons are written out; without, only the weight is
 * computed (the full scan compares millions of pairs and explains only those it reports).
 */
export function comparePair(a: Profile, b: Profile, explain = false, common: CommonContacts = NONE_COMMON): Comparison {
  const s = SETTINGS;
  const reasons: string[] | null = explain ? [] : null;
  const evidence = nameAndDateEvidence(a, b, reasons);
  let weight = evidence.weight;
  const { bothNamesDiffer } = evidence;

  if (a.emails.length > 0 && b.emails.length > 0) {
    const shared = a.emails.find((e) => b.emails.includes(e));
    if (shared && common.isCommonEmail(shared)) {
      reasons?.push(`same email address (${shared}), but many records share it: not counted`);
    } else if (shared) {
      weight += s.email.same;
      reasons?.push(`same email address (${shared})`);
    } else {
      const locals = (p: Profile) => p.emails.map((e) => e.slice(0, e.lastIndexOf('@')));
      const la = locals(a);
      if (locals(b).some((l) => l.length >= 6 && la.includes(l))) {
        weight += s.email.sameLocal;
        reasons?.push('same email name at a different provider');
      } else {
        weight += s.email.different;
        reasons?.push('different email addresses');
      }
    }
  }

  if (a.phones.length > 0 && b.phones.length > 0) {
    const shared = a.phones.find((p) => b.phones.includes(p));
    if (shared && common.isCommonPhone(shared)) {
      reasons?.push(`same phone number (${shared}), but many records share it: not counted`);
    } else if (shared) {
      weight += s.phone.same;
      reasons?.push(`same phone number (${shared})`);
    } else {
      weight += s.phone.different;
      reasons?.push('different phone numbers');
    }
  }

  // Without reasons to write, stop when even a perfect address could not reach the threshold.
  if (!reasons && weight + MAX_ADDRESS < s.threshold) return { weight, reasons: [] };

  if (a.addresses.length > 0 && b.addresses.length > 0) {
    // The best-agreeing pair of addresses: an old address on file still counts.
    let best = Number.NEGATIVE_INFINITY;
    let bestPair: [AddressProfile, AddressProfile] | null = null;
    for (const x of a.addresses) {
      for (const y of b.addresses) {
        const w = addressWeight(x, y, null);
        if (w > best) {
          best = w;
          bestPair = [x, y];
        }
      }
    }
    weight += best;
    if (reasons && bestPair) addressWeight(bestPair[0], bestPair[1], reasons);
  }

  if (bothNamesDiffer && weight >= SETTINGS.threshold) {
    weight = SETTINGS.threshold - 1;
    reasons?.push('both names differ: more likely two people sharing contact details');
  }
  return { weight, reasons: reasons ?? [] };
}

/** The weight as a 0–1 score: 0.5 at the decision threshold, near 1 for clear duplicates. */
export function scoreOf(weight: number): number {
  return Math.round(1000 / (1 + Math.exp(-(weight - SETTINGS.threshold) / 3))) / 1000;
}
