// NYSIIS (New York State Identification and Intelligence System, Taft 1970): a phonetic code
// for names, so that Smith and Smyth, or Catherine and Katherine, fall into the same block and
// are compared at all. Chosen over Soundex because it keeps vowel positions (fewer unrelated
// names share a code) and over Double Metaphone because it is small enough to read and test.
// One addition to the published rules, marked below: a Y between consonants counts as a vowel.
// The code is not truncated: blocking keys combine it with another field, so longer codes only
// make blocks smaller, and the scored comparison decides anyway.

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.has(c);

/** NYSIIS code of a name; letters other than A–Z (after folding) are ignored. '' for no letters. */
export function nysiis(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  if (!s) return '';
  // 1. The start of the name.
  if (s.startsWith('MAC')) s = `MCC${s.slice(3)}`;
  else if (s.startsWith('KN')) s = `NN${s.slice(2)}`;
  else if (s.startsWith('K')) s = `C${s.slice(1)}`;
  else if (s.startsWith('PH') || s.startsWith('PF')) s = `FF${s.slice(2)}`;
  else if (s.startsWith('SCH')) s = `SSS${s.slice(3)}`;
  // 2. The end of the name.
  if (s.endsWith('EE') || s.endsWith('IE')) s = `${s.slice(0, -2)}Y`;
  else if (/(DT|RT|RD|NT|ND)$/.test(s)) s = `${s.slice(0, -2)}D`;
  // 3. The first letter is kept as it is; the rest is translated.
  const chars = [...s];
  let key = chars[0] as string;
  for (let i = 1; i < chars.length; i++) {
    const c = chars[i] as string;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    let out: string;
    if (c === 'E' && next === 'V') {
      out = 'AF';
      i++;
    } else if (isVowel(c)) out = 'A';
    // Not in Taft's table: a Y between two consonants is sounded as a vowel (Smyth / Smith).
    else if (c === 'Y' && next !== undefined && !isVowel(prev) && !isVowel(next)) out = 'A';
    else if (c === 'Q') out = 'G';
    else if (c === 'Z') out = 'S';
    else if (c === 'M') out = 'N';
    else if (c === 'K') out = next === 'N' ? 'N' : 'C';
    else if (c === 'S' && next === 'C' && chars[i + 2] === 'H') {
      out = 'SSS';
      i += 2;
    } else if (c === 'P' && next === 'H') {
      out = 'FF';
      i++;
    } else if (c === 'H' && (!isVowel(prev) || !isVowel(next))) out = isVowel(prev) ? 'A' : (prev as string);
    else if (c === 'W' && isVowel(prev)) out = 'A';
    else out = c;
    // Repeated sounds collapse: append only what differs from the end of the key.
    for (const o of out) if (key[key.length - 1] !== o) key += o;
  }
  // 4. The end of the key.
  if (key.length > 1 && key.endsWith('S')) key = key.slice(0, -1);
  if (key.endsWith('AY')) key = `${key.slice(0, -2)}Y`;
  if (key.length > 1 && key.endsWith('A')) key = key.slice(0, -1);
  return key;
}

// Names repeat (a few thousand family names cover most customers): a bounded memo saves most of
// the work in a full scan. Cleared when full rather than evicted one by one: simple and enough.
const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/** nysiis() with a bounded memo, for the full scan. */
export function nysiisCached(name: string): string {
  let code = memo.get(name);
  if (code === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    code = nysiis(name);
    memo.set(name, code);
  }
  return code;
}
