// Payment card numbers must never be stored (PCI DSS; no purpose for a customer record).
// A run of 13–19 digits, optionally separated by single spaces or dashes, that passes Luhn.

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

/** True when the text holds something that looks like a payment card number. */
export function containsCardNumber(text: string): boolean {
  // Line breaks inside a number ("4111 1111\n1111 1111") still count: treat them as spaces.
  const flat = text.replace(/\s*\n\s*/g, ' ');
  for (const match of flat.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return true;
  }
  return false;
}

/** The text with every card-like number replaced, for reports that quote a refused value. */
export function maskCardNumbers(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhn(digits) ? '[card number removed]' : match;
  });
}

export const CARD_NUMBER_MESSAGE =
  'This looks like a payment card number. Card numbers must never be kept in customer records: remove it.';
