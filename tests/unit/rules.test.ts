// The shared rules that both the form and the core apply.
import { describe, expect, it } from 'vitest';
import { CustomerInput } from '../../shared/customer';
import { containsCardNumber } from '../../shared/rules/card-guard';
import { checkPhone, parsePhone } from '../../shared/rules/phone';
import { checkPostcode, looksLikePostcodeStart } from '../../shared/rules/postcode';
import { cleanLine, cleanText, fold, nameWords } from '../../shared/text';

describe('text hygiene', () => {
  it('stores NFC: a decomposed accent becomes one code point', () => {
    const decomposed = 'Jose\u0301';
    expect(cleanLine(decomposed)).toBe('José');
    expect(cleanLine(decomposed).length).toBe(4);
  });
  it('removes NUL, other controls and bidi overrides', () => {
    expect(cleanLine('Ann\u0000a\u0007 \u202EnhoJ\u202C')).toBe('Anna nhoJ');
    expect(cleanText('line one\r\nline\u0000 two\u2066')).toBe('line one\nline two');
  });
  it('folds accents, case and special letters', () => {
    expect(fold('JOSÉ Øster Straße')).toBe('jose oster strasse');
  });
  it('joins apostrophes and splits hyphens while keeping the whole', () => {
    expect(nameWords("O'Brien")).toEqual(['obrien', 'o', 'brien']);
    expect(nameWords('Smith-Jones')).toEqual(['smithjones', 'smith', 'jones']);
    expect(nameWords('😀 שלום')).toEqual(['שלום']);
  });
});

describe('phone', () => {
  it('normalises UK numbers typed in any format to E.164', () => {
    for (const typed of ['07700 900123', '+44 7700 900123', '0044 7700 900123', '(07700) 900-123']) {
      expect(checkPhone(typed)).toEqual({ ok: true, e164: '+447700900123' });
    }
  });
  it('answers full UK numbers without the parser exactly as the parser would', () => {
    let seed = 7;
    const digit = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >>> 8) % 10;
    };
    for (let i = 0; i < 3000; i++) {
      const national = `${1 + (i % 9)}${Array.from({ length: 9 }, digit).join('')}`;
      for (const typed of [
        `0${national}`,
        `+44 ${national}`,
        `0044${national}`,
        `(0${national.slice(0, 3)}) ${national.slice(3)}`,
      ]) {
        expect(checkPhone(typed), typed).toEqual(parsePhone(typed));
      }
    }
    // Not ten digits, or a (0) after +44: left to the parser.
    expect(checkPhone('+44 (0)20 7946 0958')).toEqual(parsePhone('+44 (0)20 7946 0958'));
    expect(checkPhone('01632 96011')).toEqual(parsePhone('01632 96011'));
  });

  it('keeps foreign numbers with their country code', () => {
    expect(checkPhone('+1 415 555 2671')).toEqual({ ok: true, e164: '+14155552671' });
  });
  it('refuses what cannot be a phone number', () => {
    expect(checkPhone('123').ok).toBe(false);
    expect(checkPhone('12345').ok).toBe(false);
    expect(checkPhone('not a number').ok).toBe(false);
  });
});

describe('postcode', () => {
  it('validates and normalises UK postcodes', () => {
    expect(checkPostcode('sw1a1aa')).toEqual({ ok: true, postcode: 'SW1A 1AA' });
    expect(checkPostcode(' m1  1ae ', 'GB')).toEqual({ ok: true, postcode: 'M1 1AE' });
    expect(checkPostcode('GIR 0AA')).toEqual({ ok: true, postcode: 'GIR 0AA' });
    expect(checkPostcode('12345').ok).toBe(false);
  });
  it('accepts other countries as typed', () => {
    expect(checkPostcode('75008', 'FR')).toEqual({ ok: true, postcode: '75008' });
  });
  it('recognises the start of a postcode', () => {
    expect(looksLikePostcodeStart('sw1')).toBe(true);
    expect(looksLikePostcodeStart('SW1A 1')).toBe(true);
    expect(looksLikePostcodeStart('smith')).toBe(false);
  });
});

describe('card-number guard', () => {
  it('catches Luhn-valid card numbers, spaced, dashed or inside a sentence', () => {
    for (const text of [
      '4111111111111111',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      'paid with 5555 5555 5555 4444 today',
      '4111 1111\n1111 1111',
    ]) {
      expect(containsCardNumber(text), text).toBe(true);
    }
  });
  it('leaves phone numbers, dates and non-Luhn numbers alone', () => {
    for (const text of ['07700 900123', '2026-11-23', '4111 1111 1111 1112', 'order 1234567890123']) {
      expect(containsCardNumber(text), text).toBe(false);
    }
  });
});

describe('customer schema', () => {
  it('normalises a record as the core stores it', () => {
    const data = CustomerInput.parse({
      given_name: '  Jose\u0301 ',
      family_name: "O'Brien",
      emails: [{ address: ' Jose.OBrien@Example.COM ' }],
      phones: [{ number: '07700 900123' }],
      addresses: [{ line1: '1 High St', postcode: 'sw1a1aa' }],
    });
    expect(data.given_name).toBe('José');
    expect(data.emails[0]?.address).toBe('Jose.OBrien@example.com');
    expect(data.phones[0]).toMatchObject({ number: '07700 900123', e164: '+447700900123' });
    expect(data.addresses[0]).toMatchObject({ postcode: 'SW1A 1AA', country: 'GB' });
  });
  it('reports each bad field with its path', () => {
    const result = CustomerInput.safeParse({
      given_name: '',
      family_name: '',
      date_of_birth: '2999-01-01',
      addresses: [{ line1: 'x', postcode: 'nope' }],
      notes: 'card 4111 1111 1111 1111',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['addresses.0.postcode', 'date_of_birth', 'family_name', 'notes']);
  });
  it('refuses a 20 MB note with a clear message', () => {
    const result = CustomerInput.safeParse({ family_name: 'X', notes: 'a'.repeat(20_000_001) });
    expect(result.error?.issues[0]?.message).toMatch(/at most 20000 characters/);
  });
});
