// A segment's definition in plain words, shown under the builder so that groups inside groups
// read as one sentence ("postcode area BS and (bought from “Jazz” or aged 18–24)"), which a
// screen reader reads in one go. A kind of condition without words of its own here is named by
// its label in the builder's vocabulary, so a new kind is never shown as blank.
import { CHANNEL_NAMES } from '../../../shared/consent';
import { formatDay } from '../../../shared/dates';
import { formatMoney } from '../../../shared/format';
import type { RegisterEntry } from '../../../shared/register';
import type { Condition, Definition, Node, Period } from '../../../shared/segments';
import { KIND_GROUPS } from './conditions';

const or = (values: readonly string[]) => (values.length ? values.join(' or ') : '…');

function periodWords(p: Period): string {
  if (p.from && p.to) return ` between ${formatDay(p.from)} and ${formatDay(p.to)}`;
  if (p.from) return ` since ${formatDay(p.from)}`;
  if (p.to) return ` up to ${formatDay(p.to)}`;
  return '';
}

function rangeWords(range: { min?: number | undefined; max?: number | undefined }, show: (n: number) => string) {
  if (range.min !== undefined && range.max !== undefined) return `between ${show(range.min)} and ${show(range.max)}`;
  if (range.min !== undefined) return `at least ${show(range.min)}`;
  return `at most ${show(range.max ?? 0)}`;
}

const RECORD_DATE_WORDS = { created: 'added', last_verified: 'last checked', last_activity: 'last active' } as const;

function conditionWords(cond: Condition, fields: readonly RegisterEntry[]): string {
  switch (cond.kind) {
    case 'postcode':
      return `postcode ${cond.level} ${or(cond.values)}`;
    case 'region':
      return `in ${or(cond.values)}`;
    case 'town':
      return `town ${or(cond.values)}`;
    case 'age_band':
      return `aged ${or(cond.values)}`;
    case 'customer_kind':
      return cond.value === 'organisation' ? 'an organisation' : 'a person';
    case 'field': {
      const label = fields.find((f) => f.key === cond.key)?.label ?? (cond.key || 'a field');
      const values = cond.values.map((v) => `“${v}”`);
      if (cond.op === 'is_set') return `${label} filled in`;
      if (cond.op === 'not_set') return `${label} empty`;
      if (cond.op === 'at_least') return `${label} at least ${or(cond.values)}`;
      if (cond.op === 'at_most') return `${label} at most ${or(cond.values)}`;
      return `${label} ${cond.op === 'all_of' ? 'includes all of' : 'is any of'} ${values.join(', ') || '…'}`;
    }
    case 'bought': {
      const what = cond.item ? `“${cond.item}”` : cond.category ? `from “${cond.category}”` : 'anything';
      const times = cond.min_times > 1 ? ` at least ${cond.min_times} times` : '';
      return `bought ${what}${times}${periodWords(cond.period)}`;
    }
    case 'purchases':
      return cond.measure === 'count'
        ? `${rangeWords(cond.range, String)} purchases${periodWords(cond.period)}`
        : `spent ${rangeWords(cond.range, formatMoney)}${periodWords(cond.period)}`;
    case 'purchase_date':
      return `${cond.which} purchase${periodWords(cond.period) || ' at any time'}`;
    case 'bought_via':
      return `bought ${cond.by === 'venue' ? 'at' : 'through'} ${or(cond.values)}${periodWords(cond.period)}`;
    case 'source':
      return `came from ${or(cond.values)}`;
    case 'record_date':
      return `${RECORD_DATE_WORDS[cond.which]}${periodWords(cond.period) || ' at any time'}`;
    case 'consent': {
      const channel = CHANNEL_NAMES[cond.channel];
      if (cond.state === 'may_contact') return `may be contacted by ${channel}`;
      if (cond.state === 'consented') return `consented to ${channel}`;
      if (cond.state === 'withdrawn') return `withdrew consent to ${channel}`;
      if (cond.state === 'never_given') return `never gave consent to ${channel}`;
      return 'asked never to be contacted';
    }
    default: {
      const kind = (cond as { kind: string }).kind;
      return KIND_GROUPS.flatMap((g) => g.kinds).find((k) => k.kind === kind)?.label ?? kind;
    }
  }
}

function nodeWords(node: Node, fields: readonly RegisterEntry[], nested: boolean): string {
  if ('all' in node || 'any' in node) {
    const parts = ('all' in node ? node.all : node.any).map((n) => nodeWords(n, fields, true));
    if (parts.length === 0) return '(an empty group)';
    const joined = parts.join('all' in node ? ' and ' : ' or ');
    return nested && parts.length > 1 ? `(${joined})` : joined;
  }
  if ('not' in node) return `not ${nodeWords(node.not, fields, true)}`;
  return conditionWords(node, fields);
}

/** "Customers: postcode area BS and (bought from “Jazz” or aged 18–24)." */
export function definitionWords(definition: Definition, fields: readonly RegisterEntry[]): string {
  const top = 'all' in definition.match ? definition.match.all : definition.match.any;
  if (top.length === 0) return 'Every customer whose record is not archived.';
  return `Customers: ${nodeWords(definition.match, fields, false)}.`;
}
