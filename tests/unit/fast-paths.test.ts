// The shortcuts that make a large import fast must give exactly the answers of the long way:
// cleanLine's plain-ASCII path, the card guard's digit count, and the import's lookup filter
// (never "certainly absent" for a term it was given).
import { describe, expect, it } from 'vitest';
import { TermFilter } from '../../electron/core/imports/term-filter';
import { containsCardNumber, maskCardNumbers } from '../../shared/rules/card-guard';
import { cleanLine } from '../../shared/text';

/** cleanLine as it was before the shortcut. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const cleanLineLongWay = (value: string) => value.normalize('NFC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();

/** Seeded strings from an alphabet that mixes the cases each shortcut must tell apart. */
function strings(alphabet: string[], count: number, maxLength: number): string[] {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * maxLength);
    return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  });
}

describe('fast paths', () => {
  it('cleanLine gives the same result as the long way', () => {
    const alphabet = ['a', 'Z', '1', ' ', ' ', '\t', '\n', '\u0000', '\u007f', 'e\u0301', 'é', '\u202e', '\u00a0', '-'];
    for (const s of strings(alphabet, 20_000, 12)) expect(cleanLine(s), JSON.stringify(s)).toBe(cleanLineLongWay(s));
    expect(cleanLine('Ann  Smith ')).toBe('Ann Smith');
    expect(cleanLine('Ann Smith')).toBe('Ann Smith');
  });

  it('the card guard still finds card numbers among few or many digits', () => {
    expect(containsCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(containsCardNumber('card 4111-1111-1111-1111 paid')).toBe(true);
    expect(containsCardNumber('07700 900123')).toBe(false);
    expect(containsCardNumber('411111111111')).toBe(false); // 12 digits
    expect(maskCardNumbers('a\n b 4111111111111111')).toBe('a b [card number removed]');
    expect(maskCardNumbers('a\n b 0770')).toBe('a b 0770');
  });

  it('the lookup filter never rules out a term it holds or was given, and rules out most others', () => {
    const filter = new TermFilter(10_000);
    const keys = (emails: string[], ref = '') => ({ ref, emails, phones: [] });
    const held = Array.from({ length: 10_000 }, (_, i) => `"p${i}@example.com"`);
    for (const t of held) filter.add(t);
    expect(held.every((t) => filter.admit(keys([t])))).toBe(true);
    // Terms admitted once are held from then on: the same row again is always a "maybe".
    const absent = Array.from({ length: 10_000 }, (_, i) => `"q${i}@example.com"`);
    expect(absent.filter((t) => filter.admit(keys([t]))).length).toBeLessThan(300);
    expect(absent.every((t) => filter.admit(keys([t])))).toBe(true);
    // One term seen before is enough; a customer number counts apart from terms.
    expect(filter.admit(keys(['"new@example.com"', '"p1@example.com"']))).toBe(true);
    expect(filter.admit(keys([], 'R-1'))).toBe(false);
    expect(filter.admit(keys([], 'R-1'))).toBe(true);
    // Beyond plain ASCII the index folds case its own way: never ruled out.
    expect(filter.admit(keys(['"zoë@example.com"']))).toBe(true);
  });
});
