// Phone numbers: kept as typed for display, normalised to E.164 for matching and search.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// "Possible" (right length for the country) rather than "valid" (in an allocated range): Ofcom's
// reserved drama numbers (07700 900xxx) and newly allocated ranges are real to the people who
// give them, and refusing them at the counter would only push staff to invent a number.

const DEFAULT_REGION = 'GB';

type PhoneCheck = { ok: true; e164: string } | { ok: false; message: string };

// The common case, a full UK number (0 or +44 or 0044, then ten digits), answered without the
// parser: it costs ~30 µs a number, most of an import's validation time. For these inputs the
// parser says "possible" and +44 followed by the ten digits (tests/unit/rules.test.ts checks the two agree).
const UK_TEN_DIGITS = /^(?:0|\+44|0044)([1-9]\d{9})$/;

export function checkPhone(typed: string, region = DEFAULT_REGION): PhoneCheck {
  const digits = typed.replace(/\D/g, '');
  if (digits.length < 4) return { ok: false, message: 'Enter the whole phone number.' };
  const uk = region === 'GB' ? UK_TEN_DIGITS.exec(typed.replace(/[\s().-]/g, '')) : null;
  if (uk) return { ok: true, e164: `+44${uk[1]}` };
  return parsePhone(typed, region);
}

/** The full parser: any country, any format. */
export function parsePhone(typed: string, region = DEFAULT_REGION): PhoneCheck {
  // biome-ignore lint/suspicious/noExplicitAny: libphonenumber's CountryCode is a string union
  const parsed = parsePhoneNumberFromString(typed, region as any);
  if (!parsed?.isPossible()) {
    return { ok: false, message: 'This is not a valid phone number (add the country code for numbers abroad).' };
  }
  return { ok: true, e164: parsed.number };
}
