// The one catalogue of audit actions: every action the core writes, with the plain label the audit
// screen shows and the kind it is filtered by. `appendAudit` takes only an AuditAction, so an
// action added without a label here does not compile (tests/unit/audit-actions.test.ts also scans
// the core for every action it writes). Adding an action is one line in AUDIT_ACTIONS, plus,
// when it stores details, a line in DESCRIBE to say them in words.
import { EXPORT_PURPOSE_LABELS } from './contract/exports';
import { CHANNEL_LABELS, LAWFUL_BASIS_LABELS } from './contract/requests';
import { formatMoney } from './format';

export const AUDIT_KINDS = [
  'views',
  'searches',
  'changes',
  'exports',
  'access',
  'imports',
  'merges',
  'erasure',
  'settings',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  views: 'Views of records',
  searches: 'Searches',
  changes: 'Changes to records',
  exports: 'Exports and handovers',
  access: 'Sign-ins and refusals',
  imports: 'Imports',
  merges: 'Duplicates and merges',
  erasure: 'Erasure',
  settings: 'Settings, accounts and the register',
};

type Entry = { label: string; kind: AuditKind };

export const AUDIT_ACTIONS = {
  'customer.view': { label: 'Viewed a record', kind: 'views' },
  'consent.view': { label: 'Viewed the consent history', kind: 'views' },
  'customer.erasePreview': { label: 'Looked at what erasing a record would remove', kind: 'views' },
  'purchases.view': { label: 'Viewed purchases and bookings', kind: 'views' },
  'customers.missing': { label: 'Listed records missing must-have details', kind: 'views' },
  'segment.preview': { label: 'Looked at who is in a segment', kind: 'views' },
  'segment.create': { label: 'Saved a new segment', kind: 'settings' },
  'campaign.members': { label: 'Looked at who is on a campaign list', kind: 'views' },
  'campaign.create': { label: 'Made a campaign list', kind: 'exports' },
  'brief.make': { label: 'Made a brief of figures', kind: 'exports' },
  'campaign.respond': { label: 'Recorded a response to a campaign', kind: 'changes' },
  'segment.update': { label: 'Changed a segment', kind: 'settings' },
  'segment.remove': { label: 'Removed a segment', kind: 'settings' },
  search: { label: 'Searched', kind: 'searches' },
  'duplicates.check': { label: 'Checked for duplicates while typing', kind: 'searches' },
  'customer.create': { label: 'Added a customer', kind: 'changes' },
  'customer.update': { label: 'Changed a record', kind: 'changes' },
  'customer.fields': { label: "Changed the organisation's own fields on a record", kind: 'changes' },
  'customer.archive': { label: 'Archived a record', kind: 'changes' },
  'customer.unarchive': { label: 'Took a record out of the archive', kind: 'changes' },
  'customer.verify': { label: 'Confirmed a record with the customer', kind: 'changes' },
  'consent.record': { label: 'Recorded consent', kind: 'changes' },
  'consent.doNotContact': { label: 'Marked do not contact', kind: 'changes' },
  'consent.doNotContactLifted': { label: 'Lifted do not contact', kind: 'changes' },
  'purchase.add': { label: 'Added a purchase or booking', kind: 'changes' },
  'purchase.refund': { label: 'Recorded a refund', kind: 'changes' },
  'interaction.add': { label: 'Logged a contact with the customer', kind: 'changes' },
  'customers.export': { label: 'Exported customers', kind: 'exports' },
  'register.export': { label: 'Exported the register of what we collect', kind: 'exports' },
  'request.create': { label: 'Recorded a request for information', kind: 'exports' },
  'request.approve': { label: 'Approved a request', kind: 'exports' },
  'request.refuse': { label: 'Refused a request', kind: 'exports' },
  'request.supply': { label: 'Handed over information', kind: 'exports' },
  'request.confirm': { label: 'Confirmed receipt of a handover', kind: 'exports' },
  'request.corrected': { label: 'Closed a rectification request as corrected', kind: 'exports' },
  'request.access_pack': { label: 'Prepared a subject-access pack', kind: 'exports' },
  'customer.print': { label: 'Printed or saved a customer summary as PDF', kind: 'exports' },
  'session.start': { label: 'Signed in', kind: 'access' },
  'session.end': { label: 'Signed out', kind: 'access' },
  'session.refused': { label: 'Wrong password or PIN', kind: 'access' },
  refused: { label: 'Was refused', kind: 'access' },
  'file.close': { label: 'Closed the file', kind: 'access' },
  'audit.problem': { label: 'Found a problem with the audit trail on opening', kind: 'access' },
  'audit.acknowledge': { label: 'Acknowledged audit trail warnings', kind: 'access' },
  'customers.import': { label: 'Imported customers', kind: 'imports' },
  'import.start': { label: 'Started an import', kind: 'imports' },
  'import.rows': { label: 'Imported a batch of rows', kind: 'imports' },
  'import.finish': { label: 'Finished an import', kind: 'imports' },
  'import.confirm': { label: 'Kept an import for good', kind: 'imports' },
  'import.fail': { label: 'An import failed and was taken back', kind: 'imports' },
  'import.cancel': { label: 'Cancelled an import', kind: 'imports' },
  'import.undo': { label: 'Undid an import', kind: 'imports' },
  'import.template': { label: 'Saved an import mapping', kind: 'imports' },
  'purchases.import': { label: 'Imported purchases and bookings', kind: 'imports' },
  'pack.make': { label: 'Made an event pack', kind: 'exports' },
  'pack.made': { label: 'This event pack was made', kind: 'settings' },
  'pack.merge': { label: 'Merged an event pack into the file', kind: 'imports' },
  'pack.undo': { label: 'Undid the merge of an event pack', kind: 'imports' },
  'pack.decide': { label: 'Decided on a change brought back from an event', kind: 'changes' },
  'pack.wipe': { label: 'Wiped a merged event pack', kind: 'imports' },
  'duplicates.scan': { label: 'Looked for duplicates in the whole file', kind: 'merges' },
  'duplicates.dismiss': { label: 'Marked two records as not the same person', kind: 'merges' },
  'duplicates.merge': { label: 'Merged two records', kind: 'merges' },
  'customer.mergedAway': { label: 'Record merged into another', kind: 'merges' },
  'duplicates.unmerge': { label: 'Undid a merge', kind: 'merges' },
  'duplicates.mergeGroup': { label: 'Merged a group of records', kind: 'merges' },
  'duplicates.unmergeGroup': { label: 'Undid a group merge', kind: 'merges' },
  'customer.erase': { label: 'Erased a customer', kind: 'erasure' },
  'retention.review': { label: 'Reviewed records due for deletion', kind: 'erasure' },
  'retention.erase': { label: 'Erased records no longer needed', kind: 'erasure' },
  'retention.eraseValue': { label: 'Erased a value kept past its retention', kind: 'erasure' },
  'retention.eraseValues': { label: 'Erased values kept past their retention', kind: 'erasure' },
  'file.create': { label: 'Created the file', kind: 'settings' },
  'file.rekey': { label: 'Changed the file passphrase', kind: 'settings' },
  'settings.update': { label: 'Changed the settings', kind: 'settings' },
  'staff.create': { label: 'Added a staff account', kind: 'settings' },
  'staff.update': { label: 'Changed a staff account', kind: 'settings' },
  'staff.secret': { label: 'Set a password or PIN', kind: 'settings' },
  'register.add': { label: 'Added a field to the register', kind: 'settings' },
  'register.update': { label: 'Changed a field in the register', kind: 'settings' },
  'register.remove': { label: 'Removed a field from the register', kind: 'settings' },
  'consent.wording': { label: 'Changed the consent wording', kind: 'settings' },
  'sources.cost': { label: 'Set what a collection source costs', kind: 'settings' },
  'backup.create': { label: 'Made a backup of the file', kind: 'exports' },
  'backup.restore': { label: 'Restored the file from a backup', kind: 'settings' },
} as const satisfies Record<string, Entry>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/** The plain label of an action; an action from a newer Custodian says so rather than showing a code. */
export function auditLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].label : `Another action (${action})`;
}

/** Every action of one kind, for the audit filter. */
export function actionsOfKind(kind: AuditKind): AuditAction[] {
  return (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => AUDIT_ACTIONS[a].kind === kind);
}

// ---------------------------------------------------------------------------------------------
// Details in words

type Detail = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value) || 0);
const text = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));
const count = (n: unknown, word: string, many = `${word}s`) => {
  const value = num(n);
  return `${value.toLocaleString('en-GB')} ${value === 1 ? word : many}`;
};
/** A stored code ("subject_access", "given_name") as words ("subject access", "given name"). */
const codeWords = (code: unknown): string =>
  text(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._]/g, ' ')
    .toLowerCase();
const list = (value: unknown): string => (Array.isArray(value) ? value.map(codeWords).join(', ') : '');
const quoted = (value: unknown) => `“${text(value)}”`;
const pick = <T extends string>(labels: Record<T, string>, code: unknown): string =>
  Object.hasOwn(labels, text(code)) ? labels[text(code) as T].toLowerCase() : codeWords(code);

/** What a refused call was trying to do, in words (the method name is the contract's). */
const METHOD_WORDS: Record<string, string> = {
  'customers.get': 'open a record',
  'customers.create': 'add a customer',
  'customers.update': 'change a record',
  'customers.erase': 'erase a customer',
  'search.query': 'search for customers',
  'exports.run': 'export customers',
  'requests.supply': 'hand over information',
  'requests.accessPack': 'prepare a subject-access pack',
  'customers.summaryPdf': 'save a customer summary as PDF',
  'audit.list': 'read the audit trail',
  'audit.verify': 'check the audit trail',
  'staff.create': 'add a staff account',
  'settings.update': 'change the settings',
  'vault.changePassphrase': 'change the file passphrase',
};
const methodWords = (method: unknown) => METHOD_WORDS[text(method)] ?? codeWords(method);

const importCounts = (d: Detail) =>
  [
    d.rows !== undefined ? count(d.rows, 'row') : '',
    d.created !== undefined ? `${num(d.created).toLocaleString('en-GB')} added` : '',
    d.updated !== undefined ? `${num(d.updated).toLocaleString('en-GB')} updated` : '',
    d.rejected !== undefined ? `${num(d.rejected).toLocaleString('en-GB')} rejected` : '',
  ]
    .filter(Boolean)
    .join(', ');
const takenBack = (d: Detail) =>
  `${count(d.removed, 'record')} removed, ${num(d.restored).toLocaleString('en-GB')} put back as they were, ${num(d.kept).toLocaleString('en-GB')} kept (changed since)`;

const DESCRIBE: Partial<Record<AuditAction, (d: Detail) => string>> = {
  search: (d) => `Searched for ${quoted(d.q)} (${count(d.results, 'result')})`,
  'duplicates.check': (d) =>
    num(d.matches) === 0 ? 'No similar record found' : `${count(d.matches, 'similar record')} found`,
  'customers.missing': (d) => count(d.results, 'record'),
  'segment.preview': (d) => `${count(d.shown, 'person', 'people')} shown of ${num(d.count).toLocaleString('en-GB')}`,
  'segment.create': (d) => quoted(d.name),
  'brief.make': (d) => `${quoted(d.title)} for ${text(d.audience)}`,
  'campaign.members': (d) => `List ${num(d.list)}: ${count(d.shown, 'member')} shown`,
  'campaign.create': (d) => `${quoted(d.name)} for ${text(d.channel)}: ${count(d.members, 'member')}`,
  'campaign.respond': (d) => `List ${num(d.list)}: ${codeWords(d.response)}`,
  'segment.update': (d) => quoted(d.name),
  'segment.remove': (d) => quoted(d.name),
  'customers.export': (d) =>
    `Exported ${count(d.rows, 'customer')} as ${text(d.format).toUpperCase()}${list(d.fields) ? ` (${list(d.fields)})` : ''}${d.selection === 'chosen' ? ', chosen records' : ''}${d.purpose ? ` for ${pick(EXPORT_PURPOSE_LABELS, d.purpose).replace(' (owner only)', '')}` : ''}`,
  'register.export': (d) => `${count(d.fields, 'field')} as ${text(d.format).toUpperCase()}`,
  'request.create': (d) =>
    `Request ${num(d.request)}: ${codeWords(d.kind)} asked by ${codeWords(d.requester_type)}; lawful basis: ${pick(LAWFUL_BASIS_LABELS, d.lawful_basis)}`,
  'request.approve': (d) => `Request ${num(d.request)}`,
  'request.refuse': (d) => `Request ${num(d.request)}`,
  'request.supply': (d) => `Request ${num(d.request)}: ${list(d.fields)} — ${pick(CHANNEL_LABELS, d.channel)}`,
  'request.confirm': (d) =>
    `Request ${num(d.request)}: confirmed ${codeWords(d.method)}${d.understood === true ? ', understood' : d.understood === false ? ', not understood' : ''}`,
  'request.access_pack': (d) => `Request ${num(d.request)}`,
  'customer.update': (d) => (d.request ? `For request ${num(d.request)}: corrected ${list(d.fields)}` : ''),
  'request.corrected': (d) => `Request ${num(d.request)}: corrected ${list(d.fields)}`,
  'customer.print': (d) => (list(d.left_out) ? `Left out for the role: ${list(d.left_out)}` : 'Nothing left out'),
  'audit.problem': (d) => text(d.problem),
  'audit.acknowledge': (d) => (Array.isArray(d.problems) ? d.problems.map(text).join('; ') : ''),
  refused: (d) =>
    [
      `Not allowed to ${methodWords(d.method)}`,
      d.role ? `as ${codeWords(d.role)}` : '',
      d.reason ? `(${text(d.reason)})` : '',
      d.code === 'UNAUTHENTICATED' ? '(not signed in, or the sign-in had ended)' : '',
      list(d.fields) ? `— fields: ${list(d.fields)}` : '',
    ]
      .filter(Boolean)
      .join(' '),
  'session.refused': (d) =>
    `${count(d.failures, 'wrong attempt')} in a row${d.pin_disabled === true ? '; the PIN was switched off' : ''}`,
  'staff.create': (d) => `As ${codeWords(d.role)}`,
  'staff.update': (d) => `Now ${codeWords(d.role)}, ${d.active === false ? 'switched off' : 'active'}`,
  'staff.secret': (d) =>
    [d.password === true ? 'a new password' : '', d.pin === true ? 'a new PIN' : ''].filter(Boolean).join(' and '),
  'customers.import': importCounts,
  'import.start': (d) => `${quoted(d.file)}${d.source ? ` from ${codeWords(d.source)}` : ''}`,
  'import.rows': importCounts,
  'import.finish': importCounts,
  'import.fail': takenBack,
  'import.cancel': takenBack,
  'import.undo': takenBack,
  'pack.make': (d) =>
    `${quoted(d.event)} on ${text(d.date)} for ${text(d.laptop)}: ${count(d.lookups, 'record')} to look up, ${count(d.accounts, 'account')}`,
  'pack.merge': (d) =>
    `${quoted(d.event)}: ${count(d.created, 'new record')}, ${count(d.auto_merged, 'merged by itself', 'merged by themselves')}, ${count(d.queued, 'pair')} to review, ${count(d.changes_waiting, 'change')} waiting`,
  'pack.undo': (d) =>
    `${quoted(d.event)}: ${count(d.removed, 'record')} taken out, ${count(d.restored, 'record')} restored`,
  'pack.decide': (d) => `${codeWords(d.field)}: ${d.apply ? 'applied' : 'kept as it was'}`,
  'import.template': (d) => `${quoted(d.name)}${d.source ? ` for ${codeWords(d.source)}` : ''}`,
  'purchases.import': (d) =>
    `${count(d.added, 'purchase')} from ${quoted(d.file)}, ${num(d.rejected).toLocaleString('en-GB')} rejected`,
  'duplicates.scan': (d) =>
    `${count(d.customers, 'record')} compared, ${count(d.above_threshold, 'likely pair')} found`,
  'duplicates.dismiss': (d) => `Records ${num(d.a)} and ${num(d.b)}${d.already === true ? ' (already marked)' : ''}`,
  'duplicates.merge': (d) =>
    `Record ${num(d.merged)} merged into record ${num(d.kept)}${d.moved_rows ? `, ${count(d.moved_rows, 'related row')} carried over` : ''}`,
  'customer.mergedAway': (d) => `Merged into record ${num(d.kept)}`,
  'duplicates.unmerge': (d) => `Records ${num(d.kept)} and ${num(d.merged)} separated again`,
  'duplicates.mergeGroup': (d) =>
    `${count(Array.isArray(d.merged) ? d.merged.length : 0, 'record')} merged into record ${num(d.kept)}`,
  'duplicates.unmergeGroup': (d) =>
    `${count(Array.isArray(d.restored) ? d.restored.length : 0, 'record')} separated again from record ${num(d.kept)}`,
  'customer.erase': (d) => `Reason: ${text(d.reason)}${d.request ? ` (request ${num(d.request)})` : ''}`,
  'retention.review': (d) => `${count(d.total, 'record')} due`,
  'retention.eraseValue': (d) => `${text(d.field)}${d.reason ? ` — ${text(d.reason)}` : ''}`,
  'retention.eraseValues': (d) =>
    `${count(d.erased, 'value')} erased of ${num(d.asked).toLocaleString('en-GB')} chosen`,
  'retention.erase': (d) =>
    `${num(d.erased).toLocaleString('en-GB')} of ${count(d.asked, 'record')} erased${num(d.failed) ? `, ${num(d.failed)} refused` : ''}`,
  'customer.fields': (d) => `Fields: ${list(d.fields)}`,
  'consent.record': (d) =>
    `${codeWords(d.action)}: ${codeWords(d.channel)}${d.purpose ? ` for ${codeWords(d.purpose)}` : ''}${d.basis ? ` (${codeWords(d.basis)})` : ''}`,
  'consent.wording': (d) => `Version ${num(d.version)}`,
  'interaction.add': (d) => `A ${codeWords(d.kind)}`,
  'register.add': (d) => `${codeWords(d.key)} (${codeWords(d.kind)}, ${codeWords(d.priority)})`,
  'register.update': (d) =>
    `${codeWords(d.key)}${list(d.changed) ? `: ${list(d.changed)} changed` : ''}${d.priority ? ` (now ${codeWords(d.priority)})` : ''}`,
  'register.remove': (d) => codeWords(d.key),
  'settings.update': (d) =>
    Object.entries(d)
      .map(([key, value]) => `${codeWords(key)}: ${plain(value)}`)
      .join('; '),
  'sources.cost': (d) => `${codeWords(d.source)}: ${formatMoney(num(d.cost_pence))}`,
  'backup.create': (d) => `${text(d.name)} (${codeWords(d.reason)}), ${count(d.customers, 'customer')}`,
  'backup.restore': (d) => `From ${text(d.name)}, made ${text(d.made_at).slice(0, 16).replace('T', ' ')} UTC`,
};

function plain(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${codeWords(k)} ${plain(v)}`)
      .join(', ');
  }
  return typeof value === 'string' ? value : String(value ?? '');
}

/**
 * An entry's stored details in words, never raw JSON. `stored` is the JSON kept beside the entry,
 * or '' when there was none or it was erased with the customer it named (every action that has
 * a line in DESCRIBE stores details, so none there means they were erased).
 */
export function describeAudit(action: string, stored: string): string {
  const describe = isAuditAction(action) ? DESCRIBE[action] : undefined;
  if (stored === '') return describe ? '(details erased)' : '';
  let detail: Detail;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return '';
    detail = parsed as Detail;
  } catch {
    return '';
  }
  return describe ? describe(detail) : plain(detail);
}
