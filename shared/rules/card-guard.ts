// Payment card numbers must never be stored (PCI DSS; no purpose for a customer record).
// A run of 13–19 digits, optionally separated by single spaces or dashes, that passes Luhn and
// starts like a card (an issuer prefix: 2-series Mastercard, 3, 4, 5, 6). Luhn alone passes one
// random digit string in ten, so two more rules keep ordinary numbers out: groups typed with
// separators have at least three digits except the last (a sort code "12-34-56" is not a card's
// grouping), and a run of whole groups inside a longer one is tried too ("… 1111 2 tickets").

const CANDIDATE = /(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])/g;

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes: Mastercard 2221–2720, Amex/Diners/JCB 3, Visa 4, Mastercard/Maestro 5, Discover/UnionPay/Maestro 6. */
function hasIssuerPrefix(digits: string): boolean {
  const first = digits[0];
  if (first === '2') {
    const four = Number(digits.slice(0, 4));
    return four >= 2221 && four <= 2720;
  }
  return first === '3' || first === '4' || first === '5' || first === '6';
}

const isCardDigits = (digits: string) =>
  digits.length >= 13 && digits.length <= 19 && hasIssuerPrefix(digits) && luhn(digits);

/** A candidate run, or any run of its whole groups, that reads as a card number. */
function isCardLike(candidate: string): boolean {
  const groups = candidate.split(/[ -]/);
  for (let start = 0; start < groups.length; start++) {
    let digits = '';
    for (let end = start; end < groups.length; end++) {
      const group = groups[end] as string;
      digits += group;
      if (digits.length > 19) break;
      if (isCardDigits(digits)) return true;
      // A short group may only end a number ("3056 9309 0259 04"), never sit inside one.
      if (groups.length > 1 && group.length < 3) break;
    }
  }
  return false;
}

/** Fewer than 13 digits in all can hold no card number: most values, answered without a regex. */
function tooFewDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits >= 13) return false;
  }
  return true;
}

/** True when the text holds something that looks like a payment card number. */
export function containsCardNumber(text: string): boolean {
  if (tooFewDigits(text)) return false;
  // Line breaks inside a number ("4111 1111\n1111 1111") still count: treat them as spaces.
  const flat = text.replace(/\s*\n\s*/g, ' ');
  for (const match of flat.matchAll(CANDIDATE)) {
    if (isCardLike(match[0])) return true;
  }
  return false;
}

/** The text with every card-like number replaced, for reports that quote a refused value. */
export function maskCardNumbers(text: string): string {
  if (tooFewDigits(text)) return text.replace(/\s*\n\s*/g, ' ');
  return text.replace(/\s*\n\s*/g, ' ').replace(CANDIDATE, (match) => {
    return isCardLike(match) ? '[card number removed]' : match;
  });
}

export const CARD_NUMBER_MESSAGE =
  'This looks like a payment card number. Card numbers must never be kept in customer records: remove it.';
