// A customer summary to print or keep, as a PDF made in the core: the record as the person
// printing it may see it (the same rules as customers.get: hiddenFields for the built-in fields,
// the register's "who may see" for its own fields), with consent, purchases, contacts and
// completeness. Fields the role may not see are named as left out, never shown, and never said to
// be filled or empty. Audited as its own action; the footer says who printed it and when.

import { CHANNEL_NAMES, type ConsentHistory } from '../../../shared/consent';
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { ROLE_LABELS } from '../../../shared/contract/roles';
import { fieldText } from '../../../shared/custom-fields';
import { type Customer, displayName } from '../../../shared/customer';
import { formatPence, plural } from '../../../shared/format';
import { ADDRESS_KIND_LABELS } from '../../../shared/profile-details';
import { INTERACTION_KIND_LABELS } from '../../../shared/purchases';
import { missingMustHaves } from '../../../shared/register';
import { appendAudit } from '../audit/audit';
import { historyOf } from '../consent/consent.service';
import type { Context } from '../context';
import { listInteractions } from '../interactions/interactions.service';
import { listPurchases, summariseBuying } from '../purchases/purchases.service';
import { hiddenValueFields, valueFields, withValues } from '../register/custom-values';
import { readRegister } from '../register/register.queries';
import { type PdfSection, renderPdf } from '../requests/pdf';
import { getCustomer } from './customers.queries';
import { hiddenFields, visibleCustomer } from './details.service';

/** How many of the newest purchases and contacts the summary lists (the totals cover them all). */
const RECENT = 10;

const CALENDAR_DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const LOCAL_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const LOCAL_TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "6 Dec 2026": a calendar day (YYYY-MM-DD) as it is, a moment (ISO) on this machine's clock. */
function day(value: string): string {
  if (!value) return '';
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendar) return CALENDAR_DAY.format(Date.UTC(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3])));
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? value : LOCAL_DAY.format(moment);
}

const row = (label: string, value: string) => ({ label, value });
const present = (rows: { label: string; value: string }[]) => rows.filter((r) => r.value.trim() !== '');

function nameAndContact(c: Customer): PdfSection {
  const person = c.kind !== 'organisation';
  const belongs = c.organisation ? [c.job_title, c.organisation.name].filter(Boolean).join(', ') : c.job_title;
  return {
    heading: person ? 'Name and contact' : 'Organisation and contact',
    rows: present([
      row('Name', [c.title, displayName(c)].filter((v) => v && v !== '(no name)').join(' ')),
      row('Given name', person && c.preferred_name && c.preferred_name !== c.given_name ? c.given_name : ''),
      row(person ? 'Organisation and role' : 'Kind', person ? belongs : 'Organisation'),
      row('Customer number', c.ref),
      ...c.emails.map((e) => row(`Email${e.label ? ` (${e.label})` : ''}`, e.address)),
      ...c.phones.map((p) => row(`Phone${p.label ? ` (${p.label})` : ''}`, p.number)),
      ...c.members.slice(0, 20).map((m) => row('Belongs to it', [m.name, m.job_title].filter(Boolean).join(', '))),
    ]),
    empty: 'No name or contact details recorded.',
  };
}

function addresses(c: Customer): PdfSection {
  return {
    heading: c.addresses.length === 1 ? 'Address' : 'Addresses',
    rows: c.addresses.map((a) => {
      const lines = [a.line1, a.line2, a.town, a.region, a.postcode, a.country === 'GB' ? '' : a.country];
      const dates = [a.valid_from && `from ${day(a.valid_from)}`, a.valid_to && `until ${day(a.valid_to)}`];
      const when = dates.filter(Boolean).join(' ');
      return row(
        a.label || ADDRESS_KIND_LABELS[a.kind],
        `${lines.filter(Boolean).join(', ') || '—'}${when ? ` (${when})` : ''}`,
      );
    }),
    empty: 'No address recorded.',
  };
}

function details(
  c: Customer,
  register: { key: string; label: string; kind: unknown; priority: string }[],
  somethingLeftOut: boolean,
): PdfSection {
  const defined = register
    .filter((e) => e.kind !== null && fieldText(c.fields?.[e.key]) !== '')
    // A value kept for a field no longer collected is still held: shown, and marked.
    .map((e) =>
      row(e.priority === 'not_collected' ? `${e.label} (no longer collected)` : e.label, fieldText(c.fields?.[e.key])),
    );
  return {
    heading: 'Details',
    rows: present([
      row('Date of birth', c.kind === 'organisation' ? '' : day(c.date_of_birth)),
      row('Notes', c.notes),
      ...defined,
    ]),
    // Worded alike whatever the hidden fields hold, so an empty section says nothing about them.
    empty: somethingLeftOut ? 'Nothing else recorded that your role may see.' : 'No further details recorded.',
  };
}

function consent(history: ConsentHistory): PdfSection {
  const dnc = history.do_not_contact;
  const channels = history.current.map((s) => {
    const name = CHANNEL_NAMES[s.channel];
    const label = `${name.charAt(0).toUpperCase()}${name.slice(1)}${s.purpose === 'marketing' ? '' : ` (${s.purpose})`}`;
    const state =
      s.state === 'given'
        ? `Given ${day(s.since)}`
        : s.state === 'withdrawn'
          ? `Withdrawn ${day(s.since)}`
          : 'Not given';
    return row(label, `${state} — ${s.may_contact ? 'may be contacted' : 'not to be contacted'}`);
  });
  return {
    heading: 'Consent and contact',
    rows: [
      row(
        'Do not contact',
        dnc.on
          ? `Yes, since ${day(dnc.at)} (${dnc.by})${dnc.reason ? `: ${dnc.reason}` : ''} — overrides every consent`
          : 'No',
      ),
      ...channels,
    ],
  };
}

function buying(ctx: Context, id: number): PdfSection {
  const s = summariseBuying(ctx, id);
  const recent = listPurchases(ctx, { customer_id: id, limit: RECENT });
  return {
    heading: 'Purchases and bookings',
    rows:
      s.purchases + s.refunds === 0
        ? []
        : [
            row(
              'Summary',
              [
                `${plural(s.purchases, 'purchase')}${s.refunds ? ` and ${plural(s.refunds, 'refund')}` : ''}, ${formatPence(s.total_pence)} in all`,
                s.first_purchase ? `first ${day(s.first_purchase)}, last ${day(s.last_purchase)}` : '',
                s.per_year !== null ? `about ${s.per_year} a year` : '',
                s.average_pence !== null ? `${formatPence(s.average_pence)} on average` : '',
                s.favourite_category ? `mostly ${s.favourite_category}` : '',
              ]
                .filter(Boolean)
                .join('; '),
            ),
            ...recent.map((p) =>
              row(
                day(p.date),
                `${p.item}${p.category ? ` (${p.category})` : ''} × ${p.quantity}, ${formatPence(p.amount_pence)}`,
              ),
            ),
          ],
    empty: 'None recorded.',
  };
}

function contacts(ctx: Context, id: number): PdfSection {
  return {
    heading: 'Recent contacts with the customer',
    rows: listInteractions(ctx, { customer_id: id, limit: RECENT }).map((i) =>
      row(
        day(i.at),
        [
          `${INTERACTION_KIND_LABELS[i.kind]}${i.summary ? `: ${i.summary}` : ''}`,
          i.outcome ? `Outcome: ${i.outcome}` : '',
          `handled by ${i.handled_by}`,
        ]
          .filter(Boolean)
          .join(' — '),
      ),
    ),
    empty: 'None recorded.',
  };
}

export async function summaryPdf(
  ctx: Context,
  input: Input<'customers.summaryPdf'>,
): Promise<Output<'customers.summaryPdf'>> {
  const stored = getCustomer(ctx.db, input.id);
  if (!stored) throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may have been erased).');
  // The one rule for what this role sees: the built-in fields blanked, the register's own left out.
  const c = visibleCustomer(ctx, withValues(ctx, stored));
  const register = readRegister(ctx.db);
  const hiddenKeys = new Set([
    ...hiddenFields(ctx, c.id),
    ...hiddenValueFields(ctx, valueFields(ctx.db)).map((f) => f.key),
  ]);
  const leftOut = register.filter((r) => hiddenKeys.has(r.key));
  const role = ROLE_LABELS[ctx.session.user.role].toLowerCase();
  const article = /^[aeiou]/.test(role) ? 'an' : 'a';

  // Completeness over what this role may see: a hidden must-have is neither "missing" nor "there".
  const must = register.filter((r) => r.priority === 'must_have' && !hiddenKeys.has(r.key));
  const missing = missingMustHaves(c, must);
  const completeness: PdfSection = {
    heading: 'Completeness',
    rows: must.length
      ? present([
          row('Must-haves', `${must.length - missing.length} of ${must.length} recorded`),
          row('Missing', missing.map((m) => m.label).join(', ')),
        ])
      : [],
    empty: 'The register has no must-have fields.',
  };

  const sections: PdfSection[] = [
    ...(leftOut.length
      ? [
          {
            heading: 'Left out because of your role',
            rows: [
              row(
                'Not shown',
                `${leftOut.map((r) => r.label).join(', ')}. ${article[0]?.toUpperCase()}${article.slice(1)} ${role} account may not see ${leftOut.length === 1 ? 'this field' : 'these fields'}, so this summary does not show ${leftOut.length === 1 ? 'it' : 'them'} or say whether ${leftOut.length === 1 ? 'it holds' : 'they hold'} anything.`,
              ),
            ],
          },
        ]
      : []),
    nameAndContact(c),
    addresses(c),
    details(c, register, leftOut.length > 0),
    consent(historyOf(ctx, c.id)),
    buying(ctx, c.id),
    contacts(ctx, c.id),
    completeness,
    {
      heading: 'This record',
      rows: present([
        row('Created', `${day(c.created_at)} by ${c.created_by}`),
        row('Last changed', `${day(c.updated_at)} by ${c.updated_by}`),
        row('Last verified', day(c.verified_at)),
        row('Archived', c.archived ? 'Yes' : ''),
      ]),
    },
  ];

  const now = new Date(ctx.now());
  const name = [c.title, displayName(c)].filter((v) => v && v !== '(no name)').join(' ');
  const pdf = await renderPdf(
    name || `Customer ${c.ref || c.id}`,
    `Customer summary${c.ref ? `, customer number ${c.ref}` : ''}: what ${article} ${role} account may see.`,
    sections,
    {
      footer: `Printed by ${ctx.session.user.name} on ${LOCAL_DAY.format(now)} at ${LOCAL_TIME.format(now)} — confidential: personal data`,
    },
  );
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customer.print',
    entity: 'customer',
    entityId: c.id,
    // Which fields were left out (their keys, never a value), so the log says what the copy holds.
    detail: { left_out: leftOut.map((r) => r.key) },
  });
  return {
    pdf_base64: Buffer.from(pdf).toString('base64'),
    filename: `customer-${c.id}-summary.pdf`,
    left_out: leftOut.map((r) => r.label),
  };
}
