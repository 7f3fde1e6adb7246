// Who may call what, written out: the contract's `roles` for every method compared with this fixed
// table, so a role widened or narrowed in shared/contract shows up here as a change someone made on
// purpose (tests/integration/access.test.ts then checks the core refuses exactly the others).
// Letters, in ROLES order: O owner, M manager, S staff, V volunteer, R read-only. A new method is
// added here with the roles it should have.
import { describe, expect, it } from 'vitest';
import { contract, type Method, rolesFor } from '../../shared/contract';
import { ROLES } from '../../shared/contract/roles';

const LETTER = { owner: 'O', manager: 'M', staff: 'S', volunteer: 'V', readonly: 'R' } as const;

const EXPECTED: Record<string, string> = {
  'audit.acknowledge': 'O',
  'audit.list': 'OM',
  'audit.verify': 'O',
  'audit.warnings': 'O',
  'backups.create': 'OM',
  'backups.list': 'OM',
  'backups.preview': 'O',
  'backups.restore': 'O',
  'backups.status': 'OM',
  'briefs.make': 'OM',
  'campaigns.create': 'OM',
  'campaigns.export': 'OM',
  'campaigns.list': 'OM',
  'campaigns.members': 'OM',
  'campaigns.respond': 'OM',
  'campaigns.results': 'OM',
  'consent.history': 'OMSR',
  'consent.record': 'OMS',
  'consent.setDoNotContact': 'OMS',
  'consent.wording.get': 'OMSVR',
  'consent.wording.set': 'O',
  'customers.create': 'OMSV',
  'customers.erase': 'OM',
  'customers.erasePreview': 'OM',
  'customers.get': 'OMSVR',
  'customers.missing': 'OMSR',
  'customers.organisations': 'OMSV',
  'customers.provenance': 'OMSVR',
  'customers.setArchived': 'OM',
  'customers.summaryPdf': 'OMSR',
  'customers.update': 'OMS',
  'customers.verify': 'OMS',
  'duplicates.check': 'OMSV',
  'duplicates.dismiss': 'OMS',
  'duplicates.history': 'OMSR',
  'duplicates.merge': 'OM',
  'duplicates.mergeGroup': 'OM',
  'duplicates.scan': 'OM',
  'duplicates.scanCancel': 'OM',
  'duplicates.scanStart': 'OM',
  'duplicates.scanStep': 'OM',
  'duplicates.unmerge': 'OM',
  'exports.run': 'OM',
  'imports.cancel': 'OM',
  'imports.confirm': 'OM',
  'imports.errorReport': 'OM',
  'imports.list': 'OM',
  'imports.preview': 'OM',
  'imports.saveTemplate': 'OM',
  'imports.start': 'OM',
  'imports.step': 'OM',
  'imports.templates': 'OM',
  'imports.undo': 'OM',
  'interactions.add': 'OMS',
  'interactions.list': 'OMSR',
  'packs.changes': 'OM',
  'packs.current': 'OMSVR',
  'packs.decide': 'OM',
  'packs.list': 'OM',
  'packs.make': 'O',
  'packs.merge': 'OM',
  'packs.queue': 'OM',
  'packs.undo': 'OM',
  'packs.wipe': 'OM',
  'purchases.add': 'OMS',
  'purchases.import': 'OM',
  'purchases.list': 'OMSR',
  'purchases.summary': 'OMSR',
  'quality.completeness': 'OM',
  'quality.staleList': 'OM',
  'register.add': 'OM',
  'register.export': 'OM',
  'register.list': 'OMSVR',
  'register.remove': 'OM',
  'register.update': 'OM',
  'reports.repeat': 'OMS',
  'reports.rfm': 'OMS',
  'reports.sales': 'OMS',
  'requests.accessPack': 'OMS',
  'requests.closeCorrected': 'OMS',
  'requests.confirm': 'OMS',
  'requests.create': 'OMS',
  'requests.decide': 'OM',
  'requests.list': 'OMS',
  'requests.options': 'OMS',
  'requests.supply': 'OMS',
  'retention.erase': 'OM',
  'retention.eraseValues': 'OM',
  'retention.review': 'OM',
  'search.query': 'OMSR',
  'segments.count': 'OM',
  'segments.list': 'OM',
  'segments.remove': 'OM',
  'segments.save': 'OM',
  'session.accounts': 'public',
  'session.signIn': 'public',
  'session.signOut': 'OMSVR',
  'settings.get': 'OMSVR',
  'settings.update': 'O',
  'sources.list': 'OM',
  'sources.setCost': 'OM',
  'staff.create': 'OM',
  'staff.list': 'OM',
  'staff.setSecret': 'OMSVR',
  'staff.update': 'O',
  'vault.changePassphrase': 'O',
  'vault.check': 'OM',
  'vault.create': 'public',
  'vault.lock': 'OMS',
  'vault.rekeyEstimate': 'O',
  'vault.status': 'public',
  'vault.unlock': 'public',
};

function actual(method: Method): string {
  if ('public' in contract[method]) return 'public';
  const roles = rolesFor(method);
  return ROLES.filter((r) => roles.includes(r))
    .map((r) => LETTER[r])
    .join('');
}

describe('the role matrix', () => {
  it('lists every method of the contract, and no other', () => {
    expect(Object.keys(contract).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives each method exactly the roles in the fixed table', () => {
    const found = Object.fromEntries((Object.keys(contract) as Method[]).map((m) => [m, actual(m)]));
    expect(found).toEqual(EXPECTED);
  });
});
