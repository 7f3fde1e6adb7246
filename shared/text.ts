// Text hygiene shared by forms, core and search: what we store (NFC, no control or bidi
// override characters) and how we compare (folded: no accents, no case, no apostrophes).

// C0/C1 controls except tab and newline, and the bidi embedding/override/isolate marks that can
// make a name display as something other than what is stored ("Trojan source" characters).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Already clean: printable ASCII (nothing to normalise, no controls, no whitespace but the
 * space), no space at either end or next to another. Most values are; they skip the regexes.
 */
function isCleanAscii(value: string): boolean {
  const last = value.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
    if (c === 0x20 && (i === 0 || i === last || value.charCodeAt(i + 1) === 0x20)) return false;
  }
  return true;
}

/** Clean a single-line value: NFC, controls removed, whitespace collapsed and trimmed. */
export function cleanLine(value: string): string {
  if (isCleanAscii(value)) return value;
  return value.normalize('NFC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/** Clean multi-line text (notes): NFC, controls removed, line breaks kept, ends trimmed. */
export function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Fold for comparison: lower case, accents stripped, a few letters spelt out (ß → ss). */
export function fold(value: string): string {
  // Most names and addresses are plain ASCII: nothing to decompose (and this runs per record on import).
  if (PLAIN_ASCII.test(value)) return value.toLowerCase();
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðþłı]/g, (c) => SPECIAL_FOLDS[c] ?? c);
}

/**
 * Words of a name or a query, folded; the first is always the whole word. Apostrophes and
 * hyphens give the whole and each part (O'Brien → obrien, o, brien; Smith-Jones → smithjones,
 * smith, jones); anything else that is not a letter or digit separates words, so emoji and
 * punctuation simply disappear.
 */
export function nameWords(value: string): string[] {
  const words = new Set<string>();
  const folded = fold(value).replace(/['’‘`ʼ]/g, '-');
  for (const chunk of folded.split(/[^\p{L}\p{N}-]+/u)) {
    const parts = chunk.split('-').filter(Boolean);
    if (parts.length === 0) continue;
    words.add(parts.join(''));
    if (parts.length > 1) for (const part of parts) words.add(part);
  }
  return [...words];
}
