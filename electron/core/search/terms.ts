// What a customer is found by at the counter, and how a typed query is read. Kept in one place
// so that indexing and querying can never disagree.
// Terms share one FTS5 index (see the migration); a term is a single FTS5 token, so it holds only
// letters, digits and the characters declared as token characters there. Namespaces:
//   plain words      names, reference, email pieces, compact postcode   ("obrien", "sw1a1aa")
//   #digits          phone in E.164 without "+"                        ("#447700900123")
//   ~digits          the same digits reversed, so a suffix is a prefix  ("~321009007744")
//   @yyyymmdd        date of birth, for finding possible duplicates     ("@19760111")
//                    (a term rather than an index on the column: an index in date order takes a
//                    random page for every new record, which halved the rate of a large import)
import type { CustomerData } from '../../../shared/customer';
import { compactPostcode, looksLikePostcodeStart } from '../../../shared/rules/postcode';
import { cleanLine, fold, nameWords } from '../../../shared/text';

const reverse = (s: string) => [...s].reverse().join('');

export function customerTerms(
  c: Pick<
    CustomerData,
    | 'ref'
    | 'given_name'
    | 'family_name'
    | 'preferred_name'
    | 'date_of_birth'
    | 'emails'
    | 'phones'
    | 'addresses'
    | 'organisation_name'
  >,
): string[] {
  // Each term is made one token as it is added; the first of equal terms keeps its place.
  const terms = new Set<string>();
  const add = (term: string) => {
    const token = tokenOnly(term);
    if (token) terms.add(token);
  };
  // An organisation is found by the words of its name, like a person by theirs.
  for (const name of [c.given_name, c.family_name, c.preferred_name, c.organisation_name ?? '']) {
    for (const w of nameWords(name)) add(w);
  }
  if (c.ref) add(fold(c.ref).replace(/[^\p{L}\p{N}]/gu, ''));
  for (const { address } of c.emails) {
    const email = fold(address);
    const at = email.lastIndexOf('@');
    add(email);
    add(email.slice(at + 1));
    for (const piece of email.slice(0, at).split(/[._+-]+/)) if (piece.length > 1) add(piece);
  }
  for (const { e164 } of c.phones) {
    const digits = e164.replace(/\D/g, '');
    add(`#${digits}`);
    add(`~${reverse(digits)}`);
  }
  for (const { postcode } of c.addresses) if (postcode) add(compactPostcode(fold(postcode)).toLowerCase());
  if (c.date_of_birth) add(dateOfBirthTerm(c.date_of_birth));
  return [...terms];
}

/** The term a date of birth (yyyy-mm-dd) is indexed under. No typed query reads as one. */
export function dateOfBirthTerm(date: string): string {
  return `@${date.replace(/-/g, '')}`;
}

/** Already one token: the common case (plain ASCII), checked before the Unicode-aware clean-up. */
const TOKEN_ASCII = /^[a-z0-9#~@._+-]*$/;

/** Keep a term one FTS5 token: letters, digits and the index's token characters (#~@._+-). */
export function tokenOnly(term: string): string {
  return TOKEN_ASCII.test(term) ? term : term.replace(/[^\p{L}\p{N}#~@._+-]/gu, '');
}

/** One way of reading the query: every token must be the prefix of one of a customer's terms. */
export type Reading = string[];

const MAX_QUERY_CHARS = 200;
const MAX_TOKENS = 8;

/** The ways a typed query can be meant. Any text is safe here: it only ever becomes bound values. */
export function readQuery(typed: string): Reading[] {
  const q = cleanLine(typed.slice(0, MAX_QUERY_CHARS * 4)).slice(0, MAX_QUERY_CHARS);
  if (!q) return [];
  const readings: Reading[] = [];
  const digits = q.replace(/\D/g, '');
  if (/^[+\d\s().-]+$/.test(q) && digits.length >= 3) {
    if (q.startsWith('+')) readings.push([`#${digits}`]);
    else if (digits.startsWith('00')) readings.push([`#${digits.slice(2)}`]);
    else if (digits.startsWith('0')) readings.push([`#44${digits.slice(1)}`]);
    readings.push([`~${reverse(digits)}`]);
  }
  if (looksLikePostcodeStart(q) && q.split(/\s+/).length <= 2) readings.push([compactPostcode(q).toLowerCase()]);
  const words: string[] = [];
  for (const raw of q.split(' ')) {
    if (/[@.]/.test(raw) && /[\p{L}\p{N}]/u.test(raw)) {
      const email = fold(raw).replace(/^@+|@+$/g, '');
      if (email) words.push(email);
    } else {
      const w = nameWords(raw)[0];
      if (w) words.push(w);
    }
  }
  if (words.length > 0) readings.push(words.slice(0, MAX_TOKENS));
  return dedupe(readings.map((r) => r.map(tokenOnly).filter(Boolean)).filter((r) => r.length > 0));
}

function dedupe(readings: Reading[]): Reading[] {
  const seen = new Set<string>();
  return readings.filter((r) => {
    const key = r.join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One token of an FTS5 query: a whole term, or (prefix) the start of one. Quoted and reduced to
 * token characters, so no text a person types can become query syntax (a stray quote, `*`,
 * `OR`, `NEAR(`, `^`, `-`, …) or split into a phrase.
 */
export function ftsToken(token: string, prefix: boolean): string {
  return `"${tokenOnly(token)}"${prefix ? '*' : ''}`;
}

/** An FTS5 query for a reading: every token, as a whole term or (prefix) as the start of one. */
export function matchExpression(reading: Reading, prefix: boolean): string {
  return reading.map((token) => ftsToken(token, prefix)).join(' AND ');
}

/** Every start of every term: a reading finds a record when each of its tokens is one of these. */
export function termPrefixes(terms: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const term of terms) for (let i = 1; i <= term.length; i++) prefixes.add(term.slice(0, i));
  return prefixes;
}

/**
 * Would the counter search find a record indexed under these terms (given as termPrefixes) for
 * this typed query? The search's own rule, without its caps: erasure uses it to find the
 * searches that named a person.
 */
export function queryFinds(typed: string, prefixes: ReadonlySet<string>): boolean {
  return readQuery(typed).some((reading) => reading.every((token) => prefixes.has(token)));
}

/** Does any reading of the typed query have a token among these prefixes (it typed part of one)? */
export function queryTouches(typed: string, prefixes: ReadonlySet<string>): boolean {
  return readQuery(typed).some((reading) => reading.some((token) => prefixes.has(token)));
}
