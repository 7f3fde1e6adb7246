// The one rule for "may we contact this person on this channel today", as SQL so that it runs
// over a million records without loading any of them, and every list (exports now; segments
// and campaign lists later) asks it the same way. In the order checked (the first that applies
// is the reason, shared/consent.ts NOT_CONTACTABLE):
//   do_not_contact  the flag is on, whatever the consent history says;
//   withdrawn / no_consent  the latest consent event for (customer, channel, purpose), by id,
//                   is not a 'given' one; a soft opt-in counts as given only for email or SMS
//                   with its three PECR conditions recorded (the latest event's verdict is
//                   kept by triggers, consent_state, migration 0021);
//   archived        archived records are never contacted (erased and merged-away ones are gone);
//   no_address      no usable address for the channel: an email address; a mobile number for
//                   SMS (UK +447 except 070 personal and 076 pager numbers, 07624 included;
//                   abroad, a number labelled "mobile"); any phone number; a postal address with
//                   line 1 and a postcode or town that holds today (its from/until dates).
// consent.service.ts takes a record's may_contact from consentVerdict below, so the record view
// and every list cannot disagree. Portable SQL (CASE, EXISTS, correlated subqueries with
// ORDER BY … LIMIT 1, substr, lower, LIKE) for the move to PostgreSQL.
import type { ConsentChannel, NotContactable } from '../../../shared/consent';
import type { DB } from '../db/open';
import { all, get, type Query, sql } from '../db/sql';

/** The first usable address of the channel's kind (its position), or NULL; over customers `c`. */
function usableAddress(channel: ConsentChannel, today: string): Query {
  switch (channel) {
    case 'email':
      return sql`(SELECT min(x.position) FROM customer_emails x
                  WHERE x.customer_id = c.id AND x.address LIKE '%_@_%')`;
    case 'sms':
      return sql`(SELECT min(x.position) FROM customer_phones x
                  WHERE x.customer_id = c.id
                    AND ((x.e164 LIKE '+447%' AND substr(x.e164, 1, 5) NOT IN ('+4470', '+4476'))
                      OR x.e164 LIKE '+447624%'
                      OR (x.e164 NOT LIKE '+44%' AND lower(x.label) LIKE '%mobile%')))`;
    case 'phone':
      return sql`(SELECT min(x.position) FROM customer_phones x WHERE x.customer_id = c.id AND x.e164 <> '')`;
    case 'post':
      return sql`(SELECT min(x.position) FROM customer_addresses x
                  WHERE x.customer_id = c.id AND x.line1 <> '' AND (x.postcode <> '' OR x.town <> '')
                    AND (x.valid_from = '' OR x.valid_from <= ${today})
                    AND (x.valid_to = '' OR x.valid_to >= ${today}))`;
  }
}

/**
 * What consent and do-not-contact say, over customers `c`: a reason, or NULL when they allow it.
 * The latest consent event's verdict is kept per customer, channel and purpose (consent_state,
 * migration 0021): 'given' for consent, or a soft opt-in for email or SMS with its three PECR
 * conditions recorded; 'withdrawn'; 'none' for a soft opt-in that does not qualify.
 */
export function consentReasonSql(channel: ConsentChannel, purpose: string): Query {
  return sql`CASE
      WHEN ${doNotContactSql(false)} THEN 'do_not_contact'
      ELSE CASE coalesce(
          (SELECT s.state FROM consent_state s WHERE s.customer_id = c.id AND s.channel = ${channel} AND s.purpose = ${purpose}),
          'none')
        WHEN 'given' THEN NULL
        WHEN 'withdrawn' THEN 'withdrawn'
        ELSE 'no_consent' END
    END`;
}

/**
 * Customer `c` asked not to be contacted at all: tested on `c` (one look-up), or as the set of
 * everyone flagged (`c.id IN …`, read whole; few people are).
 */
export function doNotContactSql(asSet: boolean): Query {
  return asSet
    ? sql`c.id IN (SELECT d.customer_id FROM customer_do_not_contact d)`
    : sql`EXISTS (SELECT 1 FROM customer_do_not_contact d WHERE d.customer_id = c.id)`;
}

/**
 * Customers whose consent history for the channel and purpose ends in a withdrawal
 * (consent_state), as a set: "everyone who withdrew" read from the index, not tested customer by
 * customer. Do-not-contact is not looked at here.
 */
export function withdrawnSet(channel: ConsentChannel, purpose: string): Query {
  return sql`SELECT s.customer_id FROM consent_state s
    WHERE s.channel = ${channel} AND s.purpose = ${purpose} AND s.state = 'withdrawn'`;
}

/**
 * The reason a customer `c` may not be contacted on the channel for marketing today, or NULL when
 * they may: a fragment for any query over `customers c` (`WHERE (${reasonSql(…)}) IS NULL`).
 */
export function reasonSql(channel: ConsentChannel, today: string): Query {
  return sql`coalesce(${consentReasonSql(channel, 'marketing')},
      CASE WHEN c.archived <> 0 THEN 'archived' END,
      CASE WHEN ${usableAddress(channel, today)} IS NULL THEN 'no_address' END)`;
}

/** Customers `c` who may be contacted on the channel today: a WHERE fragment. */
export function contactableSql(channel: ConsentChannel, today: string): Query {
  return sql`(${reasonSql(channel, today)}) IS NULL`;
}

export type Contactability = {
  id: number;
  /** Why not; null when they may be contacted. */
  reason: NotContactable | null;
  /** Which of their addresses of the channel's kind to use (its position); null when none. */
  address_position: number | null;
};

function contactabilitySql(channel: ConsentChannel, today: string): Query {
  return sql`SELECT c.id, ${reasonSql(channel, today)} AS reason, ${usableAddress(channel, today)} AS address_position
             FROM customers c`;
}

/** A page of customers in id order after `afterId`, each with its verdict. */
export function contactabilityPage(
  db: DB,
  channel: ConsentChannel,
  today: string,
  afterId: number,
  limit: number,
): Contactability[] {
  return all<Contactability>(
    db,
    sql`${contactabilitySql(channel, today)} WHERE c.id > ${afterId} ORDER BY c.id LIMIT ${limit}`,
  );
}

/** One customer's verdict: may we contact them on this channel today? Undefined if there is no such customer. */
export function contactabilityOf(
  db: DB,
  customerId: number,
  channel: ConsentChannel,
  today: string,
): Contactability | undefined {
  return get<Contactability>(db, sql`${contactabilitySql(channel, today)} WHERE c.id = ${customerId}`);
}

/**
 * Consent and do-not-contact alone, for one customer, channel and purpose: what the record view
 * shows as may_contact (it says nothing about addresses or archiving). Null when they allow it.
 */
export function consentVerdict(
  db: DB,
  customerId: number,
  channel: ConsentChannel,
  purpose: string,
): NotContactable | null {
  const row = get<{ reason: NotContactable | null }>(
    db,
    sql`SELECT ${consentReasonSql(channel, purpose)} AS reason FROM customers c WHERE c.id = ${customerId}`,
  );
  return row ? row.reason : 'no_consent';
}
