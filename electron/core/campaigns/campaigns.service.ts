// Campaign lists: freeze a saved segment for one campaign, with only those who may be contacted on
// its channel today (the one contactable rule), counted out by reason; record responses, where an
// unsubscribe becomes a consent withdrawal with its evidence and a bounce sends the record to be
// checked; and compare the mailed members with the hold-out.
import { CHANNEL_NAMES } from '../../../shared/consent';
import type { Output, Parsed } from '../../../shared/contract';
import { type CampaignList, LIST_LEFT_OUT, RESPONSE_LABELS } from '../../../shared/contract/campaigns';
import { CoreError } from '../../../shared/contract/result';
import { displayName } from '../../../shared/customer';
import { appendAudit } from '../audit/audit';
import { recordConsent } from '../consent/consent.service';
import type { Context } from '../context';
import { runExport, runLabels } from '../exports/exports.service';
import { monthsBefore } from '../quality/freshness';
import { compileDefinition, readSegment } from '../segments/segments.service';
import {
  boughtBetween,
  freezeMembers,
  holdOut,
  insertList,
  type ListRow,
  leftOutCounts,
  listNameTaken,
  listReasonSql,
  mailedIds,
  markForChecking,
  memberOf,
  memberPage,
  readLists,
  responseCounts,
  setResponse,
} from './campaigns.queries';

const DAY_MS = 86_400_000;

function toList(row: ListRow): CampaignList {
  const order = (r: string) => LIST_LEFT_OUT.indexOf(r as (typeof LIST_LEFT_OUT)[number]);
  const leftOut = (JSON.parse(row.left_out) as CampaignList['left_out']).sort(
    (a, b) => order(a.reason) - order(b.reason),
  );
  return { ...row, left_out: leftOut };
}

function readList(ctx: Context, id: number): CampaignList {
  const row = readLists(ctx.db, id)[0];
  if (!row) throw new CoreError('NOT_FOUND', 'That campaign list is not there any more.');
  return toList(row);
}

export function createList(ctx: Context, input: Parsed<'campaigns.create'>): Output<'campaigns.create'> {
  return ctx.db.transaction(() => {
    if (listNameTaken(ctx.db, input.name))
      throw new CoreError(
        'ALREADY_EXISTS',
        `There is already a campaign list called “${input.name}”: choose another name.`,
      );
    const segment = readSegment(ctx, input.segment_id);
    const { where } = compileDefinition(ctx, segment.definition);
    const now = ctx.now();
    const cutoffs = {
      weekly: new Date(Date.parse(now) - 7 * DAY_MS).toISOString(),
      monthly: monthsBefore(now, 1),
      fewTimesAYear: monthsBefore(now, 3),
    };
    const reason = listReasonSql(input.channel, now.slice(0, 10), cutoffs, input.exclude_lists);
    const leftOut = leftOutCounts(ctx.db, where, reason);
    const id = insertList(ctx.db, {
      name: input.name,
      segment_name: segment.name,
      definition: JSON.stringify(segment.definition),
      channel: input.channel,
      purpose: input.purpose,
      wording: input.wording,
      left_out: JSON.stringify(leftOut),
      at: now,
      by: ctx.session.user.id,
    });
    const members = freezeMembers(ctx.db, id, where, reason);
    // A segment nobody is in makes no list (the transaction takes the empty one back).
    if (members === 0 && leftOut.length === 0)
      throw new CoreError(
        'CONFLICT',
        `Nobody is in the segment “${segment.name}” today, so there is no one to put on a list: widen the segment first.`,
      );
    holdOut(ctx.db, id, Math.round((members * input.holdout_percent) / 100));
    appendAudit(ctx.db, ctx.session.user.id, now, {
      action: 'campaign.create',
      detail: { list: id, name: input.name, channel: input.channel, members, left_out: leftOut },
    });
    return readList(ctx, id);
  })();
}

export function listLists(ctx: Context): Output<'campaigns.list'> {
  return readLists(ctx.db).map(toList);
}

export function listMembers(ctx: Context, input: Parsed<'campaigns.members'>): Output<'campaigns.members'> {
  readList(ctx, input.list_id);
  const rows = memberPage(ctx.db, input.list_id, input.after_id, input.limit + 1);
  const page = rows.slice(0, input.limit);
  if (page.length > 0) {
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'campaign.members',
      detail: { list: input.list_id, shown: page.length },
    });
  }
  return {
    items: page.map((r) => ({
      id: r.id,
      ref: r.ref,
      name: r.kind === 'organisation' ? r.organisation_name : displayName(r),
      holdout: r.holdout === 1,
      response: r.response,
    })),
    next_after_id: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function exportList(ctx: Context, input: Parsed<'campaigns.export'>): Promise<Output<'campaigns.export'>> {
  const list = readList(ctx, input.list_id);
  if (input.format === 'labels' && list.channel !== 'post') {
    const message = `Address labels are for a list sent by post: “${list.name}” is for ${CHANNEL_NAMES[list.channel]}.`;
    throw new CoreError('INVALID_INPUT', message, [{ path: 'format', message }]);
  }
  const ids = mailedIds(ctx.db, list.id);
  if (ids.length === 0) {
    throw new CoreError(
      'CONFLICT',
      list.members === 0
        ? `Nobody is on “${list.name}”: everyone in the segment was left out when it was made (the reasons are on the list) or has been erased since, so there is nothing to export.`
        : `Nobody on “${list.name}” can be sent anything: every member is in the hold-out.`,
    );
  }
  // Everyone on the list may have withdrawn since it was made: say so rather than hand over an empty file.
  const nobody = { where: `on “${list.name}”` };
  if (input.format === 'labels') return runLabels(ctx, ids, { title: `Address labels: ${list.name}`, nobody });
  return runExport(
    ctx,
    {
      purpose: `contact:${list.channel}`,
      format: input.format,
      fields: input.fields,
      selection: { ids },
      register_fields: [],
      include_archived: false,
      after_id: 0,
    },
    { nobody },
  );
}

export function recordResponse(ctx: Context, input: Parsed<'campaigns.respond'>): Output<'campaigns.respond'> {
  return ctx.db.transaction(() => {
    const list = readList(ctx, input.list_id);
    const membership = memberOf(ctx.db, list.id, input.customer_id);
    if (!membership) throw new CoreError('NOT_FOUND', `That customer is not on “${list.name}”.`);
    if (membership.holdout === 1 && input.response !== 'unsubscribed')
      throw new CoreError('CONFLICT', 'That customer was held out of the mailing, so they were not sent it.');
    setResponse(ctx.db, list.id, input.customer_id, input.response, ctx.now());
    let message = `${RESPONSE_LABELS[input.response]} recorded.`;
    if (input.response === 'unsubscribed') {
      recordConsent(ctx, {
        customer_id: input.customer_id,
        channel: list.channel,
        purpose: 'marketing',
        action: 'withdrawn',
        basis: 'consent',
        method: 'form',
        evidence_note: `Unsubscribed in reply to the campaign list “${list.name}” (list ${list.id})${input.note ? `: ${input.note}` : ''}`,
      });
      message = `Unsubscribed: consent to ${CHANNEL_NAMES[list.channel]} marketing is withdrawn, with this campaign as the evidence.`;
    }
    if (input.response === 'bounced' || input.response === 'returned_mail') {
      markForChecking(ctx.db, input.customer_id);
      message = `${RESPONSE_LABELS[input.response]}: the record is now first on the “needs checking” list.`;
    }
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'campaign.respond',
      entity: 'customer',
      entityId: input.customer_id,
      detail: { list: list.id, response: input.response },
    });
    return { message };
  })();
}

export function listResults(ctx: Context, input: Parsed<'campaigns.results'>): Output<'campaigns.results'> {
  const list = readList(ctx, input.list_id);
  const from = list.created_at.slice(0, 10);
  const until = new Date(Date.parse(list.created_at) + input.days * DAY_MS).toISOString().slice(0, 10);
  const mailed = list.members - list.held_out;
  const responses = responseCounts(ctx.db, list.id);
  const responded = responses
    .filter((r) => r.response === 'responded' || r.response === 'bought')
    .reduce((s, r) => s + r.count, 0);
  return {
    mailed,
    held_out: list.held_out,
    responses,
    response_rate: mailed === 0 ? 0 : responded / mailed,
    bought_mailed: boughtBetween(ctx.db, list.id, from, until, 0),
    bought_held_out: boughtBetween(ctx.db, list.id, from, until, 1),
  };
}
