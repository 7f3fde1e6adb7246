// Reading vCard 2.1, 3.0 and 4.0 (.vcf from phones and mail programs) as rows of the import
// targets. Lenient where real files are broken: folded lines that lost their leading space are
// joined to the line before, quoted-printable values (with soft line breaks and a CHARSET) are
// decoded, and a card without END:VCARD ends at the next BEGIN or the end of the file. Values
// with no column (a third email, an organisation) go into the notes rather than being lost.
// Read in one pass: a line the import reads may be at most MAX_LINE_CHARS long once unfolded.
import { IMPORT_TARGETS, type ImportTarget } from '../../../shared/contract/imports';
import { CoreError } from '../../../shared/contract/result';

export const VCARD_COLUMNS: readonly ImportTarget[] = IMPORT_TARGETS;

type Property = { name: string; params: Map<string, string[]>; value: string };
type Card = { row: number; fields: string[] };

const PROPERTY_START = /^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+[;:]/;

function splitUnquoted(text: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

function parseProperty(line: string): Property | null {
  // The value starts at the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon === -1) return null;
  const [rawName = '', ...rawParams] = splitUnquoted(line.slice(0, colon), ';');
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types ("TEL;CELL:") and bare encodings ("NOTE;QUOTED-PRINTABLE:").
    const key = eq === -1 ? (/^(QUOTED-PRINTABLE|BASE64|B)$/i.test(p) ? 'ENCODING' : 'TYPE') : p.slice(0, eq);
    const value = (eq === -1 ? p : p.slice(eq + 1)).replace(/^"|"$/g, '');
    params.set(key.toUpperCase(), [...(params.get(key.toUpperCase()) ?? []), ...value.split(',')]);
  }
  const name = rawName.replace(/^[A-Za-z0-9-]+\./, '').toUpperCase();
  return { name, params, value: line.slice(colon + 1) };
}

function decodeQuotedPrintable(value: string, charset: string): string {
  // Runs of plain text as UTF-8, each =HH as one byte: one pass over the value.
  const parts: Buffer[] = [];
  let plain = 0;
  for (let i = value.indexOf('='); i !== -1; i = value.indexOf('=', i)) {
    const hex = value.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
      i++;
      continue;
    }
    parts.push(Buffer.from(value.slice(plain, i), 'utf8'), Buffer.from([Number.parseInt(hex, 16)]));
    i += 3;
    plain = i;
  }
  parts.push(Buffer.from(value.slice(plain), 'utf8'));
  const bytes = Buffer.concat(parts);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

const unescapeText = (v: string) => v.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Split a structured value (N, ADR) on the semicolons that are not escaped. */
function components(value: string): string[] {
  return value.split(/(?<!\\);/).map(unescapeText);
}

function isQuotedPrintable(p: Property): boolean {
  return (p.params.get('ENCODING') ?? []).some((e) => /^quoted-printable$/i.test(e));
}

function birthday(value: string): string {
  const v = value.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : '';
}

/** A line longer than this (once unfolded) is refused when it is one the import reads. */
const MAX_LINE_CHARS = 1_000_000;
/** What the import reads from a card; anything else (PHOTO, KEY, SOUND…) may be cut short unread. */
const READ = new Set(['BEGIN', 'END', 'N', 'FN', 'NICKNAME', 'EMAIL', 'TEL', 'ADR', 'BDAY', 'NOTE', 'UID', 'ORG']);

class LineTooLong extends Error {
  constructor(readonly property: string) {
    super(property);
  }
}

const isQuotedPrintableHead = (head: string) => /ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE/i.test(head);
const propertyName = (head: string) => (/^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)/.exec(head)?.[1] ?? '').toUpperCase();

/**
 * Physical lines → logical lines: unfolding, QP soft breaks, and lines that lost their fold.
 * Linear: each logical line is gathered in pieces and joined once, and whether it is
 * quoted-printable is decided from its start, never by looking at the whole of it again.
 */
function* logicalLines(text: string): Generator<string> {
  let pieces: string[] = [];
  let length = 0;
  let head = ''; // the line up to its first colon: the name and parameters
  let headDone = false;
  let qp = false;
  let last = ''; // the last piece added
  let lastKept = false; // and whether it was kept (not skipped)
  let skipping = false; // a property the import does not read has gone past the limit

  const add = (piece: string) => {
    if (!headDone) {
      const colon = piece.indexOf(':');
      head += colon === -1 ? piece : piece.slice(0, colon);
      headDone = colon !== -1 || head.length > 1000;
      qp = isQuotedPrintableHead(head);
    }
    last = piece;
    lastKept = false;
    if (skipping) return;
    if (length + piece.length > MAX_LINE_CHARS) {
      const name = propertyName(head);
      if (READ.has(name)) throw new LineTooLong(name);
      skipping = true;
      return;
    }
    lastKept = true;
    pieces.push(piece);
    length += piece.length;
  };
  const take = (): string => {
    const line = pieces.join('');
    pieces = [];
    length = 0;
    head = '';
    headDone = false;
    qp = false;
    last = '';
    lastKept = false;
    skipping = false;
    return line;
  };

  let open = false; // a logical line is being gathered
  for (let at = 0; at <= text.length; ) {
    let end = at;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const raw = text.slice(at, end);
    at = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (open && qp && last.endsWith('=')) {
      // A quoted-printable soft line break: the "=" goes, the next line carries on.
      if (lastKept) {
        pieces[pieces.length - 1] = last.slice(0, -1);
        length--;
      }
      add(raw);
    } else if (open && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      add(raw.slice(1));
    } else if (open && raw !== '' && !PROPERTY_START.test(raw)) {
      // Broken folding: a continuation that lost its leading space.
      add(raw);
    } else if (raw !== '') {
      if (open) yield take();
      open = true;
      add(raw);
    }
  }
  if (open) yield take();
}

function cardFields(props: Property[]): string[] {
  const values = new Map<ImportTarget, string>();
  const extra: string[] = [];
  const set = (t: ImportTarget, v: string) => {
    if (v.trim() && !values.has(t)) values.set(t, v.trim());
  };
  const emails: string[] = [];
  const phones: string[] = [];
  let fullName = '';
  let hasN = false;
  for (const p of props) {
    const charset = p.params.get('CHARSET')?.[0] ?? 'utf-8';
    const value = isQuotedPrintable(p) ? decodeQuotedPrintable(p.value, charset) : p.value;
    switch (p.name) {
      case 'N': {
        const [family = '', given = '', , prefix = ''] = components(value);
        hasN = Boolean(family.trim() || given.trim());
        set('family_name', family);
        set('given_name', given);
        set('title', prefix);
        break;
      }
      case 'FN':
        fullName = unescapeText(value);
        break;
      case 'NICKNAME':
        set('preferred_name', unescapeText(value).split(',')[0] ?? '');
        break;
      case 'EMAIL':
        emails.push(unescapeText(value).trim());
        break;
      case 'TEL':
        phones.push(unescapeText(value).replace(/^tel:/i, '').trim());
        break;
      case 'ADR': {
        if (values.has('address_line1') || values.has('town') || values.has('postcode')) {
          extra.push(`Address: ${components(value).filter(Boolean).join(', ')}`);
          break;
        }
        const [pobox = '', ext = '', street = '', town = '', region = '', postcode = '', country = ''] =
          components(value);
        const [line1 = '', ...rest] = street.split('\n');
        set('address_line1', line1);
        set('address_line2', [...rest, ext, pobox].filter((s) => s.trim()).join(', '));
        set('town', town);
        set('region', region);
        set('postcode', postcode);
        set('country', country);
        break;
      }
      case 'BDAY':
        set('date_of_birth', birthday(value));
        break;
      case 'NOTE':
        extra.unshift(unescapeText(value));
        break;
      case 'UID': {
        const ref = /^custodian:(.+)$/.exec(unescapeText(value).trim())?.[1];
        if (ref) set('ref', ref);
        break;
      }
      case 'ORG':
        extra.push(`Organisation: ${components(value).filter(Boolean).join(', ')}`);
        break;
    }
  }
  if (!hasN) set('full_name', fullName);
  emails.filter(Boolean).forEach((e, i) => {
    if (i < 2) set(i === 0 ? 'email' : 'email_2', e);
    else extra.push(`Email: ${e}`);
  });
  phones.filter(Boolean).forEach((t, i) => {
    if (i < 2) set(i === 0 ? 'phone' : 'phone_2', t);
    else extra.push(`Phone: ${t}`);
  });
  set('notes', extra.filter(Boolean).join('\n'));
  return VCARD_COLUMNS.map((t) => values.get(t) ?? '');
}

/** Every card in the text, numbered from 1. Text outside BEGIN/END is ignored. */
export function* readVcards(text: string): Generator<Card> {
  let props: Property[] | null = null;
  let row = 0;
  const lines = logicalLines(text);
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = lines.next();
    } catch (error) {
      if (!(error instanceof LineTooLong)) throw error;
      throw new CoreError(
        'INVALID_INPUT',
        `Card ${row + 1}: its ${error.property} line is longer than ${MAX_LINE_CHARS} characters: too long to import.`,
      );
    }
    if (next.done) break;
    const prop = parseProperty(next.value);
    if (!prop) continue;
    if (prop.name === 'BEGIN' && /^vcard$/i.test(prop.value.trim())) {
      if (props) yield { row: ++row, fields: cardFields(props) };
      props = [];
    } else if (prop.name === 'END' && /^vcard$/i.test(prop.value.trim())) {
      if (props) yield { row: ++row, fields: cardFields(props) };
      props = null;
    } else if (props) props.push(prop);
  }
  if (props) yield { row: ++row, fields: cardFields(props) };
}
