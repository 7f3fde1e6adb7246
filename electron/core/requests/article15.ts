// What UK GDPR Article 15 says a person must be told beside the copy of their data, in plain
// words for the subject-access pack (PDF and JSON): why each kind of data is held and on what
// lawful basis, and how long it is kept (both from the register), where it came from (each
// value's provenance), who it was given to (the disclosure history) and their rights, with the
// ICO's contact details. Never an internal code: every stored code is mapped to words here.

import { basisLabel, DELIVERY_LABELS, type InfoRequest } from '../../../shared/contract/requests';
import { fieldText } from '../../../shared/custom-fields';
import { formatDay } from '../../../shared/dates';
import { type HandoverSource, handoverLabel } from '../../../shared/handover';
import { sourceLabel } from '../../../shared/profile-details';
import { fieldValue, type LawfulBasis, type RegisterEntry } from '../../../shared/register';
import type { Context } from '../context';
import { provenanceRows } from '../customers/details.queries';
import { readProvenance } from '../customers/details.service';
import type { PdfSection } from './pdf';

type Line = { label: string; value: string };

/** Each lawful basis (UK GDPR Art. 6) as a person would say it. */
const BASIS_IN_WORDS: Record<LawfulBasis, string> = {
  consent: 'your consent, which you may withdraw at any time',
  contract: 'we need it to provide what you have bought or booked from us (a contract)',
  legitimate_interests: 'our legitimate interests, weighed against yours',
  legal_obligation: 'the law requires us to keep it (a legal obligation)',
  vital_interests: 'to protect someone’s life (vital interests)',
  public_task: 'a task carried out in the public interest',
};

/** Kinds of data held outside the register's fields, with why and on what basis they are kept. */
const OTHER_KINDS: { label: string; purpose: string; basis: LawfulBasis; held: (s: HandoverSource) => boolean }[] = [
  {
    label: 'Purchases and bookings',
    purpose: 'To provide what you bought or booked, deal with refunds and keep our accounts.',
    basis: 'contract',
    held: (s) => s.purchases.length > 0,
  },
  {
    label: 'Contacts with you',
    purpose: 'To remember what you asked us and what we agreed, and to handle complaints fairly.',
    basis: 'legitimate_interests',
    held: (s) => s.interactions.length > 0,
  },
  {
    label: 'Your marketing choices',
    purpose: 'To contact you only in the ways you agreed, and to show that you agreed.',
    basis: 'legal_obligation',
    held: (s) => (s.consent?.events.length ?? 0) > 0 || (s.consent?.do_not_contact.on ?? false),
  },
  {
    label: 'Who used your record',
    purpose: 'To keep your information secure and show who used it.',
    basis: 'legal_obligation',
    held: () => true,
  },
];

/** "72 months" as "6 years", "18 months" as "1 year and 6 months". */
function monthsInWords(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years ? `${years} year${years === 1 ? '' : 's'}` : '';
  const m = rest ? `${rest} month${rest === 1 ? '' : 's'}` : '';
  return [y, m].filter(Boolean).join(' and ') || 'less than a month';
}

/** The register entries this customer holds a value for (retired fields too: still held). */
function heldEntries(s: HandoverSource, register: readonly RegisterEntry[]): RegisterEntry[] {
  const c = { ...s.customer, fields: s.values };
  return register.filter((r) =>
    r.kind === null ? fieldValue(c, r.key).trim() !== '' : fieldText(s.values[r.key]) !== '',
  );
}

export function purposes(s: HandoverSource, register: readonly RegisterEntry[]): Line[] {
  return [
    ...heldEntries(s, register).map((r) => ({
      label: r.label,
      value: `${r.purpose || 'Kept as part of your customer record.'} Lawful basis: ${
        r.lawful_basis ? BASIS_IN_WORDS[r.lawful_basis] : 'none recorded, as we no longer collect it'
      }.`,
    })),
    ...OTHER_KINDS.filter((k) => k.held(s)).map((k) => ({
      label: k.label,
      value: `${k.purpose} Lawful basis: ${BASIS_IN_WORDS[k.basis]}.`,
    })),
  ];
}

export function retention(s: HandoverSource, register: readonly RegisterEntry[], redundantYears: number): Line[] {
  return [
    ...heldEntries(s, register).map((r) => ({
      label: r.label,
      value: `${monthsInWords(r.retention_months)} from when we collected it or from your last dealings with us, whichever is later; then it is erased.`,
    })),
    {
      label: 'Your whole record',
      value: `Reviewed for deletion after ${monthsInWords(redundantYears * 12)} with no dealings with you at all (no purchase, booking, contact or change).`,
    },
  ];
}

/** Where each value came from and when: its own provenance, or the record's where it came with it. */
export function sources(ctx: Context, s: HandoverSource): Line[] {
  const items = readProvenance(ctx, { id: s.customer.id }).items;
  const builtIn = items.map((p) => ({ label: p.label, value: `${p.source}, ${formatDay(p.collected_at)}` }));
  const record = items.find((p) => p.from_record);
  const stored = new Map(provenanceRows(ctx.db, s.customer.id).map((p) => [p.field_key, p]));
  const defined = s.defined
    .filter((d) => fieldText(s.values[d.key]) !== '')
    .map((d) => {
      const p = stored.get(d.key);
      const from = p
        ? `${sourceLabel(p.source, p.import_id)}, ${formatDay(p.collected_at)}`
        : record
          ? `${record.source}, ${formatDay(record.collected_at)}`
          : 'With your record';
      return { label: d.label, value: from };
    });
  const others = [
    s.purchases.length > 0 && {
      label: 'Purchases and bookings',
      value: 'Recorded when you bought or booked, at our counter or from our till and box-office system.',
    },
    s.interactions.length > 0 && {
      label: 'Contacts with you',
      value: 'Written down by our staff when you contacted us or we contacted you.',
    },
    (s.consent?.events.length ?? 0) > 0 && {
      label: 'Your marketing choices',
      value: 'Given or withdrawn by you; each with the date, how, and the exact wording you were shown.',
    },
  ].filter((l): l is Line => Boolean(l));
  return [...builtIn, ...defined, ...others];
}

export function disclosures(requests: readonly InfoRequest[], s: HandoverSource): Line[] {
  return requests
    .filter((r) => r.supplied_at && r.kind !== 'rectification')
    .map((r) => ({
      label: formatDay(r.supplied_at),
      value: [
        `To ${[r.requester_name, r.requester_org].filter(Boolean).join(', ')}`,
        `why: ${r.reason}`,
        `what: ${r.fields.map((k) => handoverLabel(k, s.defined)).join(', ') || 'nothing'}`,
        `how: ${(DELIVERY_LABELS[r.channel] ?? 'another way').toLowerCase()}`,
        `lawful basis: ${basisLabel(r.kind, r.lawful_basis).toLowerCase()}`,
      ].join('; '),
    }));
}

export const ICO = {
  name: 'Information Commissioner’s Office (ICO)',
  address: 'Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF',
  phone: '0303 123 1113',
  website: 'ico.org.uk',
};

export const RIGHTS: Line[] = [
  { label: 'Correct it', value: 'If anything we hold is wrong or incomplete, ask us to correct it (rectification).' },
  {
    label: 'Erase it',
    value: 'Ask us to delete your information where we no longer need it or you withdraw your consent (erasure).',
  },
  {
    label: 'Restrict its use',
    value: 'Ask us to keep it but stop using it while a question about it is settled (restriction).',
  },
  {
    label: 'Object',
    value: 'Object to our using it for our legitimate interests; for marketing we stop whenever you ask (objection).',
  },
  {
    label: 'Withdraw consent',
    value: 'Where we rely on your consent, withdraw it at any time, as easily as you gave it.',
  },
  {
    label: 'Take it with you',
    value: 'Ask for what you gave us in a common computer format to move elsewhere (data portability).',
  },
  { label: 'No automated decisions', value: 'We make no decisions about you by computer alone.' },
  {
    label: 'Complain to the ICO',
    value: `If you are unhappy with how we use your information, tell us, and you may complain to the ${ICO.name}: ${ICO.address}; phone ${ICO.phone}; website ${ICO.website}.`,
  },
];

/** The Article 15 sections of the pack, after the copy of the data itself. */
export function article15Sections(lines: {
  purposes: Line[];
  retention: Line[];
  sources: Line[];
  disclosures: Line[];
}): PdfSection[] {
  return [
    { heading: 'Why we hold it and on what lawful basis', rows: lines.purposes },
    { heading: 'How long we keep it', rows: lines.retention },
    { heading: 'Where it came from', rows: lines.sources, empty: 'Given by you when your record was made.' },
    { heading: 'Who we have given your information to', rows: lines.disclosures, empty: 'Nobody.' },
    { heading: 'Your rights', rows: RIGHTS },
  ];
}
