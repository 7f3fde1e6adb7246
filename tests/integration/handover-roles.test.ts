// A handover follows the register's "who may see": a member of staff whose role the register
// hides the notes and the date of birth from is not offered them and cannot hand them over, even
// when the dispatch is asked directly; a manager can. A subject-access pack must be complete, so
// only a role that may see every field the register holds prepares it; others are told whom to
// ask. Refused attempts are audited as refused. Real core, real encrypted file.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Owner, ownerCore, signedIn } from '../support/core';

const NOTE = 'Paid the season in cash; prefers a call to a letter';
const BORN = '1961-04-09';
const ROUTED = 'A subject-access pack must be complete: ask a manager or the owner to prepare it.';

async function account(owner: Owner, name: string, role: 'staff' | 'manager'): Promise<Owner> {
  const password = `${role} password 123`;
  const created = await owner.ok('staff.create', { name, role, password });
  const session = await owner.core.call(null, 'session.signIn', { user_id: created.id, secret: password });
  if (!session.ok) throw new Error(session.error.message);
  return signedIn(owner.core, session.value.token, owner.file);
}

describe('handover and who may see a field', () => {
  let owner: Owner;
  let staff: Owner;
  let manager: Owner;
  let customerId = 0;

  const request = (kind: 'disclosure' | 'subject_access') => ({
    customer_id: customerId,
    kind,
    requester_type: 'customer' as const,
    requester_name: 'Ruth Okafor',
    reason: 'Wants a copy of what we hold',
    identity_check: 'Photo driving licence seen',
    lawful_basis: 'data_subject_right' as const,
  });

  beforeAll(async () => {
    owner = await ownerCore();
    staff = await account(owner, 'Stella Staff', 'staff');
    manager = await account(owner, 'Max Manager', 'manager');
    for (const key of ['notes', 'date_of_birth']) {
      await owner.ok('register.update', { key, see_roles: ['owner', 'manager'] });
    }
    customerId = (
      await owner.ok('customers.create', {
        given_name: 'Ruth',
        family_name: 'Okafor',
        phones: [{ number: '07700 900781' }],
        date_of_birth: BORN,
        notes: NOTE,
      })
    ).id;
  });

  it('offers staff only the fields their role may see, and the manager all of them', async () => {
    const forStaff = await staff.ok('requests.options', {});
    expect(forStaff.fields).not.toContain('notes');
    expect(forStaff.fields).not.toContain('date_of_birth');
    expect(forStaff.fields).toEqual(expect.arrayContaining(['name', 'phones', 'record_dates']));
    expect(forStaff.withheld).toEqual(['date_of_birth', 'notes']);
    const forManager = await manager.ok('requests.options', {});
    expect(forManager.fields).toEqual(expect.arrayContaining(['notes', 'date_of_birth']));
    expect(forManager.withheld).toEqual([]);
  });

  it('refuses staff a handover of hidden fields asked for directly, audits it, and hands nothing over', async () => {
    const asked = await staff.ok('requests.create', request('disclosure'));
    // Straight through the dispatch, as a tampered screen would send it.
    const result = await owner.core.dispatch(staff.token, 'requests.supply', {
      id: asked.id,
      fields: ['name', 'notes', 'date_of_birth'],
      channel: 'json',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('FORBIDDEN');
    expect(result.error.message).toBe('Your role may not see Date of birth and Notes: leave them out of the handover.');
    expect(JSON.stringify(result)).not.toContain(NOTE);
    expect(JSON.stringify(result)).not.toContain(BORN);
    const [still] = await owner.ok('requests.list', { customer_id: customerId });
    expect(still).toMatchObject({ id: asked.id, status: 'approved', supplied_at: '' });
    const audit = await owner.ok('audit.list', { entity_id: customerId, limit: 50 });
    const refusal = audit.find((e) => e.action === 'refused' && e.user === 'Stella Staff');
    expect(refusal?.detail).toContain('requests.supply');
    expect(refusal?.detail).toContain('"fields":["date_of_birth","notes"]');
    expect(audit.some((e) => e.action === 'request.supply')).toBe(false);

    // What the role may see goes out as before.
    const delivery = await staff.ok('requests.supply', { id: asked.id, fields: ['name', 'phones'], channel: 'json' });
    const pack = JSON.parse(Buffer.from(delivery.content_base64, 'base64').toString());
    expect(pack.fields).toEqual({ name: 'Ruth Okafor', phones: '07700 900781' });
  });

  it('lets a manager hand over the notes and the date of birth', async () => {
    const asked = await manager.ok('requests.create', request('disclosure'));
    const delivery = await manager.ok('requests.supply', {
      id: asked.id,
      fields: ['name', 'notes', 'date_of_birth'],
      channel: 'json',
    });
    const pack = JSON.parse(Buffer.from(delivery.content_base64, 'base64').toString());
    expect(pack.fields).toEqual({ name: 'Ruth Okafor', date_of_birth: '9 Apr 1961', notes: NOTE });
  });

  it('routes a subject-access pack away from staff; the owner prepares it complete', async () => {
    const sar = await staff.ok('requests.create', request('subject_access'));
    expect((await staff.ok('requests.options', {})).pack).toEqual({
      allowed: false,
      roles: ['owner', 'manager'],
      message: ROUTED,
    });
    expect(await staff.fail('requests.accessPack', { id: sar.id })).toEqual({ code: 'FORBIDDEN', message: ROUTED });
    // Nor can staff answer it with a partial handover and close it.
    expect(await staff.fail('requests.supply', { id: sar.id, fields: ['name'], channel: 'json' })).toEqual({
      code: 'FORBIDDEN',
      message: ROUTED,
    });
    const audit = await owner.ok('audit.list', { entity_id: customerId, limit: 50 });
    expect(audit.some((e) => e.action === 'refused' && e.detail.includes('requests.accessPack'))).toBe(true);
    expect(audit.some((e) => e.action === 'request.access_pack')).toBe(false);
    // The request stays open for a role that can see everything.
    const open = await manager.ok('requests.list', { open_only: true });
    expect(open.find((r) => r.id === sar.id)).toMatchObject({ status: 'approved' });

    expect((await owner.ok('requests.options', {})).pack).toMatchObject({ allowed: true, message: '' });
    const pack = JSON.parse((await owner.ok('requests.accessPack', { id: sar.id })).json);
    expect(pack.profile).toMatchObject({ family_name: 'Okafor', notes: NOTE, date_of_birth: BORN });
  });

  it('a register-defined field hidden from staff routes the pack too', async () => {
    for (const key of ['notes', 'date_of_birth']) {
      await owner.ok('register.update', { key, see_roles: ['owner', 'manager', 'staff', 'readonly'] });
    }
    expect((await staff.ok('requests.options', {})).pack.allowed).toBe(true);
    const { entry } = await owner.ok('register.add', {
      label: 'Complaint history',
      kind: 'text',
      category: 'service',
      lawful_basis: 'legitimate_interests',
      purpose: 'To handle complaints fairly.',
      see_roles: ['owner'],
    });
    const forStaff = await staff.ok('requests.options', {});
    // The register's own field is withheld from the handover as it is from the pack.
    expect(forStaff.withheld).toEqual([`fields.${entry.key}`]);
    expect(forStaff.labels[`fields.${entry.key}`]).toBe('Complaint history');
    expect(forStaff.pack).toEqual({
      allowed: false,
      roles: ['owner'],
      message: 'A subject-access pack must be complete: ask the owner to prepare it.',
    });
    await owner.ok('customers.update', {
      id: customerId,
      version: (await owner.ok('customers.get', { id: customerId })).version,
      data: { family_name: 'Okafor', fields: { [entry.key]: 'Late delivery, 2025' } },
    });
    const sar = await staff.ok('requests.create', request('subject_access'));
    expect((await manager.fail('requests.accessPack', { id: sar.id })).code).toBe('FORBIDDEN');
    const pack = JSON.parse((await owner.ok('requests.accessPack', { id: sar.id })).json);
    expect(pack.profile.fields).toEqual({ [entry.key]: 'Late delivery, 2025' });
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);
  });
});
