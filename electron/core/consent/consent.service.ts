// Consent as evidence: every change is a new event (given or withdrawn) carrying the exact
// wording the organisation was using, how it was collected, when and by whom. The current state
// per channel and purpose is the latest event; a do-not-contact flag overrides all of it.
import {
  CHANNEL_NAMES,
  CONSENT_CHANNELS,
  type ConsentChannel,
  type ConsentEvent,
  type ConsentEventInput,
  type ConsentHistory,
  type ConsentWording,
} from '../../../shared/consent';
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit, appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { requireCustomer } from '../customers/customer-guard';
import { readMeta, writeMeta } from '../db/meta';
import { appendConsentEvent, consentEventsOf, doNotContactOf, setDoNotContactFlag } from './consent.queries';
import { consentVerdict } from './contactable.queries';

type StoredWording = { version: number; text: string; updated_at: string; updated_by: string };

function readWording(ctx: Pick<Context, 'db'>): ConsentWording {
  const stored = readMeta(ctx.db, 'consent_wording');
  if (!stored) throw new CoreError('INTERNAL', 'This file has no consent wording.');
  return JSON.parse(stored) as StoredWording;
}

export function getWording(ctx: Context): Output<'consent.wording.get'> {
  return readWording(ctx);
}

export function setWording(ctx: Context, input: Input<'consent.wording.set'>): Output<'consent.wording.set'> {
  return ctx.db.transaction(() => {
    const current = readWording(ctx);
    if (current.text === input.text) return current;
    // A new version, never an edit: events already recorded keep the words they were given under.
    const next = {
      version: current.version + 1,
      text: input.text,
      updated_at: ctx.now(),
      updated_by: ctx.session.user.name,
    };
    writeMeta(ctx.db, 'consent_wording', JSON.stringify(next));
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'consent.wording',
      detail: { version: next.version },
    });
    return next;
  })();
}

/** Refusals that make an event worthless as evidence, each in plain words. */
function checkEvent(event: ConsentEventInput, wording: ConsentWording): void {
  if (event.wording_version !== undefined && event.wording_version !== wording.version) {
    throw new CoreError(
      'CONFLICT',
      `The consent wording changed (now version ${wording.version}) after this screen was opened. Show the customer the current wording and record it again.`,
    );
  }
  if (event.basis !== 'soft_opt_in') return;
  const fail = (path: string, message: string) => {
    throw new CoreError('INVALID_INPUT', message, [{ path, message }]);
  };
  if (event.action !== 'given') fail('basis', 'A withdrawal is recorded as consent withdrawn, not as a soft opt-in.');
  if (event.channel !== 'email' && event.channel !== 'sms')
    fail('basis', 'The soft opt-in applies only to email and SMS marketing.');
  const c = event.soft_opt_in;
  if (!c?.sale_or_negotiation || !c.similar_products || !c.opt_out_offered) {
    fail(
      'soft_opt_in',
      'A soft opt-in needs all three conditions: a sale or negotiation, similar products only, and an opt-out offered.',
    );
  }
}

/** Append one event; the caller's transaction (and audit) if any. */
function insertConsentEvent(ctx: Context, event: ConsentEventInput, wording: ConsentWording): number {
  const soft = event.basis === 'soft_opt_in' ? event.soft_opt_in : undefined;
  const bit = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);
  const id = appendConsentEvent(
    ctx.db,
    {
      customer_id: event.customer_id,
      channel: event.channel,
      purpose: event.purpose,
      action: event.action,
      basis: event.basis,
      soft_sale: bit(soft?.sale_or_negotiation),
      soft_similar: bit(soft?.similar_products),
      soft_opt_out: bit(soft?.opt_out_offered),
      wording_version: wording.version,
      wording: wording.text,
      method: event.method,
      evidence_note: event.evidence_note,
    },
    ctx.now(),
    ctx.session.user.id,
  );
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'consent.record',
    entity: 'customer',
    entityId: event.customer_id,
    detail: { channel: event.channel, purpose: event.purpose, action: event.action, basis: event.basis },
  });
  return id;
}

export function recordConsent(ctx: Context, input: ConsentEventInput): Output<'consent.record'> {
  requireCustomer(ctx, input.customer_id);
  return ctx.db.transaction(() => {
    const wording = readWording(ctx);
    checkEvent(input, wording);
    insertConsentEvent(ctx, input, wording);
    return historyOf(ctx, input.customer_id);
  })();
}

/** Consent ticked on the new-record form: one 'given' event per channel, in the create's transaction. */
export function recordInitialConsent(
  ctx: Context,
  customerId: number,
  consent: { channels: ConsentChannel[]; wording_version: number; method: ConsentEventInput['method'] } | undefined,
): void {
  if (!consent || consent.channels.length === 0) return;
  const wording = readWording(ctx);
  for (const channel of new Set(consent.channels)) {
    const event: ConsentEventInput = {
      customer_id: customerId,
      channel,
      purpose: 'marketing',
      action: 'given',
      basis: 'consent',
      method: consent.method,
      wording_version: consent.wording_version,
      evidence_note: 'Ticked on the new-record form',
    };
    checkEvent(event, wording);
    insertConsentEvent(ctx, event, wording);
  }
}

type EventRow = Omit<ConsentEvent, 'soft_opt_in'> & {
  soft_sale: number | null;
  soft_similar: number | null;
  soft_opt_out: number | null;
};

/** The consent history and current state, without an audit entry (callers audit their own read). */
export function historyOf(ctx: Context, customerId: number): ConsentHistory {
  const rows = consentEventsOf<EventRow>(ctx.db, customerId);
  const events: ConsentEvent[] = rows.map(({ soft_sale, soft_similar, soft_opt_out, ...e }) => ({
    ...e,
    soft_opt_in:
      soft_sale === null
        ? null
        : {
            sale_or_negotiation: soft_sale === 1,
            similar_products: soft_similar === 1,
            opt_out_offered: soft_opt_out === 1,
          },
  }));
  const dnc = doNotContactOf(ctx.db, customerId);
  return {
    customer_id: customerId,
    do_not_contact: dnc ? { on: true, ...dnc } : { on: false, at: '', by: '', reason: '' },
    current: currentState(ctx, customerId, events),
    events,
  };
}

/**
 * The latest event per channel and purpose (events are newest first); every channel appears for
 * marketing. Whether they may be contacted is the core's one rule (contactable.queries.ts), not worked out here.
 */
function currentState(ctx: Context, customerId: number, events: ConsentEvent[]): ConsentHistory['current'] {
  const latest = new Map<string, ConsentEvent>();
  for (const e of events) if (!latest.has(`${e.channel}|${e.purpose}`)) latest.set(`${e.channel}|${e.purpose}`, e);
  const keys = new Set([...CONSENT_CHANNELS.map((c) => `${c}|marketing`), ...latest.keys()]);
  return [...keys].map((key) => {
    const [channel, purpose] = key.split('|') as [ConsentChannel, string];
    const e = latest.get(key);
    const mayContact = consentVerdict(ctx.db, customerId, channel, purpose) === null;
    const words = `${mayContact ? '' : 'no '}${CHANNEL_NAMES[channel]}`;
    return {
      channel,
      purpose,
      state: e?.action ?? 'none',
      may_contact: mayContact,
      label: purpose === 'marketing' ? words : `${words} (${purpose})`,
      since: e?.at ?? '',
    };
  });
}

export function consentHistory(ctx: Context, input: { customer_id: number }): Output<'consent.history'> {
  requireCustomer(ctx, input.customer_id);
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'consent.view',
    entity: 'customer',
    entityId: input.customer_id,
  });
  return historyOf(ctx, input.customer_id);
}

export function setDoNotContact(
  ctx: Context,
  input: Input<'consent.setDoNotContact'>,
): Output<'consent.setDoNotContact'> {
  requireCustomer(ctx, input.customer_id);
  return ctx.db.transaction(() => {
    const on = input.on ? { at: ctx.now(), userId: ctx.session.user.id, reason: input.reason ?? '' } : null;
    setDoNotContactFlag(ctx.db, input.customer_id, on);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: input.on ? 'consent.doNotContact' : 'consent.doNotContactLifted',
      entity: 'customer',
      entityId: input.customer_id,
    });
    return historyOf(ctx, input.customer_id);
  })();
}
