// Campaign lists going out, on a real encrypted file: address labels as a PDF of A4 sheets of 21
// read back by pdftotext and pdfinfo (members with no postal address on the day counted out with
// that reason), XLSX and vCard for mail-merge, each audited as an export with its purpose and
// count; a list with nobody contactable says so in words instead of handing over an empty file;
// crafted bridge calls cannot widen an export past the contactable rule; and a customer erased
// from three lists leaves all three, which the erasure's preview says first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { LABELS_PER_SHEET } from '../../electron/core/formats/labels-pdf';
import { readFirstSheet } from '../../electron/core/formats/xlsx-read';
import type { Definition } from '../../shared/segments';
import { type Owner, PASSPHRASE, signedIn } from '../support/core';
import { tempDir, tempFile } from '../support/files';
import { needTools } from '../support/tools';

const NOW = new Date('2026-03-01T10:00:00Z');
let o: Owner;
const id: Record<string, number> = {};
const list: Record<'post' | 'email' | 'sms' | 'org', number> = { post: 0, email: 0, sms: 0, org: 0 };
/** The 24 people (and one organisation) who may be written to when the lists are made. */
const POSTERS = Array.from({ length: 24 }, (_, i) => `Poster${String.fromCharCode(65 + i)}`);

const BS: Definition = { version: 1, match: { all: [{ kind: 'postcode', level: 'area', values: ['BS'] }] } };
const ORGS: Definition = {
  version: 1,
  match: {
    all: [
      { kind: 'postcode', level: 'area', values: ['BS'] },
      { kind: 'customer_kind', value: 'organisation' },
    ],
  },
};

const decode = (b64: string) => Buffer.from(b64, 'base64');

async function lastAudit() {
  const [entry] = await o.ok('audit.list', { limit: 1 });
  return { action: entry?.action, detail: JSON.parse(entry?.detail ?? '{}') as Record<string, unknown> };
}

beforeAll(async () => {
  const file = tempFile();
  const core = createCore(file, { now: () => NOW });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  o = signedIn(core, created.value.token, file);
  const org = await o.ok('customers.create', {
    kind: 'organisation',
    organisation_name: 'Harbourside Jazz Club',
    emails: [{ address: 'club@example.org' }],
    addresses: [{ line1: '2 Harbour Walk', town: 'Bristol', postcode: 'BS1 5TT' }],
    consent: { channels: ['post', 'email'], wording_version: 1 },
  });
  id.Club = org.id;
  for (const [i, given] of POSTERS.entries()) {
    const c = await o.ok('customers.create', {
      title: i === 0 ? 'Dr' : '',
      given_name: i === 1 ? 'Zoë' : given,
      family_name: i === 1 ? `Ørsted ${given}` : 'Fan',
      emails: [{ address: `${given.toLowerCase()}@example.com` }],
      addresses: [
        {
          line1: `${i + 1} Quay Street`,
          line2: i % 3 === 0 ? 'Redcliffe' : '',
          town: 'Bristol',
          postcode: `BS1 ${(i % 9) + 1}AA`,
        },
      ],
      ...(i === 2 ? { organisation_id: org.id } : {}),
      consent: { channels: ['post', 'email'], wording_version: 1 },
    });
    id[given] = c.id;
  }
  for (const [given, consent, address] of [
    ['Wes', true, true], // withdraws before the lists are made
    ['Nia', false, true], // never consented
    ['Ned', true, false], // a postcode but no first line: no postal address, and no email address
  ] as const) {
    const c = await o.ok('customers.create', {
      given_name: given,
      family_name: 'Outsider',
      emails: address ? [{ address: `${given.toLowerCase()}@example.com` }] : [],
      addresses: [address ? { line1: '9 Back Lane', postcode: 'BS2 0JA' } : { postcode: 'BS2 0JA' }],
      ...(consent ? { consent: { channels: ['post' as const, 'email' as const], wording_version: 1 } } : {}),
    });
    id[given] = c.id;
  }
  for (const channel of ['post', 'email'] as const)
    await o.ok('consent.record', { customer_id: id.Wes as number, channel, action: 'withdrawn' });
  const everyone = await o.ok('segments.save', { name: 'Everyone in BS', purpose: 'Spring season', definition: BS });
  const orgs = await o.ok('segments.save', { name: 'Clubs in BS', purpose: 'Club mailing', definition: ORGS });
  const make = async (name: string, segment_id: number, channel: 'post' | 'email' | 'sms') =>
    (await o.ok('campaigns.create', { name, segment_id, channel, purpose: 'Spring season' })).id;
  list.post = await make('Spring letters', everyone.id, 'post');
  list.email = await make('Spring emails', everyone.id, 'email');
  list.sms = await make('Spring texts', everyone.id, 'sms');
  list.org = await make('Club letter', orgs.id, 'post');
}, 120_000);

describe('address labels', () => {
  it('prints A4 sheets of 21 for the post list, leaving out those with no postal address today', async (ctx) => {
    needTools(ctx, 'pdftotext');
    // Since the list was made, PosterX's address was removed and PosterW withdrew consent to post.
    await o.core.local(o.token, ['owner'], (c) =>
      c.db.prepare('DELETE FROM customer_addresses WHERE customer_id = ?').run(id.PosterX),
    );
    await o.ok('consent.record', { customer_id: id.PosterW as number, channel: 'post', action: 'withdrawn' });
    const lists = await o.ok('campaigns.list', {});
    expect(lists.find((l) => l.id === list.post)?.members).toBe(25);

    const out = await o.ok('campaigns.export', { list_id: list.post, format: 'labels' });
    expect(out.mime).toBe('application/pdf');
    expect(out.filename).toMatch(/^labels-2026-03-01\.pdf$/);
    expect(out.rows).toBe(23);
    expect(out.left_out).toEqual([
      { reason: 'withdrawn', count: 1 },
      { reason: 'no_address', count: 1 },
    ]);
    const pdf = path.join(tempDir(), 'labels.pdf');
    fs.writeFileSync(pdf, decode(out.content_base64));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
    // 23 labels: 21 on the first sheet, 2 on the second; each label's postcode line is "BS1 nAA".
    const labelsOn = (page: string) => (page.match(/BS1 \dAA|BS1 5TT/g) ?? []).length;
    expect(labelsOn(pages[0] ?? '')).toBe(LABELS_PER_SHEET);
    expect(labelsOn(pages[1] ?? '')).toBe(2);
    const text = pages.join('\n');
    expect(text).toContain('Dr PosterA Fan');
    expect(text).toContain('Zoë Ørsted PosterB');
    // A person who belongs to an organisation gets its name under theirs; the club is addressed by its name.
    expect(text).toMatch(/PosterC Fan[\s\S]*Harbourside Jazz Club/);
    expect(text).toContain('2 Harbour Walk');
    expect(text).toContain('Redcliffe');
    for (const absent of ['PosterW', 'PosterX', 'Wes', 'Nia', 'Ned']) expect(text).not.toContain(absent);
    // Where each "Quay" sits on the first sheet: three columns across, seven rows down, each
    // inside its 63.5 × 38.1 mm label (L7160 margins: 7.25 mm left, 15.15 mm top, 66 mm across).
    const mm = 72 / 25.4;
    const words = execFileSync('pdftotext', ['-bbox', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    const quays = [...words.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>Quay<\/word>/g)].map((m) => ({
      x: Number(m[1]) / mm - 7.25,
      y: Number(m[2]) / mm - 15.15,
    }));
    expect(new Set(quays.map((q) => Math.floor(q.x / 66))).size).toBe(3);
    expect(new Set(quays.map((q) => Math.floor(q.y / 38.1))).size).toBe(7);
    for (const q of quays) expect(q.x % 66).toBeLessThan(63.5);
    expect(await lastAudit()).toEqual({
      action: 'customers.export',
      detail: expect.objectContaining({ purpose: 'contact:post', format: 'labels', rows: 23 }),
    });
  });

  it('are only for a list sent by post', async () => {
    const refused = await o.fail('campaigns.export', { list_id: list.email, format: 'labels' });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toBe('Address labels are for a list sent by post: “Spring emails” is for email.');
    const noFields = await o.fail('campaigns.export', { list_id: list.email, format: 'csv' });
    expect(JSON.stringify(noFields.fields)).toContain('Choose at least one field');
  });
});

describe('mail-merge files', () => {
  it('XLSX and vCard hold only those who may be emailed today, each audited with its purpose and count', async () => {
    const xlsx = await o.ok('campaigns.export', {
      list_id: list.email,
      format: 'xlsx',
      fields: ['given_name', 'family_name', 'email'],
    });
    const rows = [...readFirstSheet(decode(xlsx.content_base64)).rows].map((r) => r.fields);
    expect(rows[0]).toEqual(['given_name', 'family_name', 'email']);
    expect(rows).toHaveLength(1 + 25);
    expect(rows.map((r) => r[2])).toContain('club@example.org');
    expect(await lastAudit()).toEqual({
      action: 'customers.export',
      detail: expect.objectContaining({ purpose: 'contact:email', format: 'xlsx', rows: 25 }),
    });
    const vcf = await o.ok('campaigns.export', { list_id: list.email, format: 'vcf', fields: ['given_name', 'email'] });
    const cards = decode(vcf.content_base64).toString('utf8');
    expect(cards.match(/BEGIN:VCARD/g)).toHaveLength(25);
    expect(cards).toContain('EMAIL:postera@example.com');
    expect(cards).not.toMatch(/wes@|nia@|ned@/);
    expect((await lastAudit()).detail).toMatchObject({ purpose: 'contact:email', format: 'vcf', rows: 25 });
  });
});

describe('a list with nobody contactable', () => {
  it('says why nobody is on a list made for a channel nobody can be reached on', async () => {
    const sms = (await o.ok('campaigns.list', {})).find((l) => l.id === list.sms);
    expect(sms?.members).toBe(0);
    expect(sms?.left_out).toEqual([{ reason: 'no_consent', count: 28 }]);
    const before = await lastAudit();
    const refused = await o.fail('campaigns.export', { list_id: list.sms, format: 'csv', fields: ['phone'] });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('Nobody is on “Spring texts”');
    expect(await lastAudit()).toEqual(before);
  });

  it('says who was left out when everyone on a list has withdrawn since, and writes no file', async () => {
    await o.ok('consent.record', { customer_id: id.Club as number, channel: 'post', action: 'withdrawn' });
    const before = await lastAudit();
    for (const format of ['csv', 'labels'] as const) {
      const refused = await o.fail('campaigns.export', { list_id: list.org, format, fields: ['given_name'] });
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toBe(
        'Nobody on “Club letter” may be contacted by post today (1 person left out: 1 consent to post withdrawn): nothing was exported.',
      );
    }
    expect(await lastAudit()).toEqual(before);
  });
});

describe('nobody without consent reaches a contact export by a crafted bridge call', () => {
  const outsiders = /Wes|Nia|Ned|wes@|nia@|ned@/;

  it('extra keys asking for everyone, archived records or keeping records are ignored', async () => {
    for (const format of ['csv', 'xlsx', 'vcf', 'json', 'labels'] as const) {
      const result = await o.core.call(o.token, 'campaigns.export', {
        list_id: format === 'labels' ? list.post : list.email,
        format,
        fields: ['given_name', 'family_name', 'email', 'address_line1'],
        purpose: 'records',
        selection: 'all',
        include_archived: true,
        channel: 'email',
      } as never);
      if (!result.ok) throw new Error(result.error.message);
      const content = decode(result.value.content_base64);
      const text =
        format === 'xlsx'
          ? [...readFirstSheet(content).rows].map((r) => r.fields.join(',')).join('\n')
          : content.toString('utf8');
      if (format !== 'labels') expect(text, format).not.toMatch(outsiders);
      // The club withdrew its consent to post above: 22 labels now.
      expect(result.value.rows, format).toBe(format === 'labels' ? 22 : 25);
      expect((await lastAudit()).detail.purpose).toBe(format === 'labels' ? 'contact:post' : 'contact:email');
    }
  });

  it('choosing the outsiders by id for a contact export takes none of them', async () => {
    const chosen = [id.Wes, id.Nia, id.Ned, id.PosterA] as number[];
    const out = await o.ok('exports.run', {
      purpose: 'contact:email',
      format: 'csv',
      fields: ['given_name', 'email'],
      selection: { ids: chosen },
    });
    const csv = decode(out.content_base64).toString('utf8');
    expect(csv).not.toMatch(outsiders);
    expect(out.rows).toBe(1);
    expect(out.left_out).toEqual([
      { reason: 'withdrawn', count: 1 },
      { reason: 'no_consent', count: 1 },
      { reason: 'no_address', count: 1 },
    ]);
    const unknown = await o.core.call(o.token, 'campaigns.export', {
      list_id: 9999,
      format: 'csv',
      fields: ['email'],
    });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
  });

  it('a manager cannot turn a campaign export into keeping records', async () => {
    const mo = await o.ok('staff.create', {
      name: 'Mo Manager',
      role: 'manager',
      password: 'a long manager password 1',
    });
    const signIn = await o.core.call(null, 'session.signIn', { user_id: mo.id, secret: 'a long manager password 1' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const manager = signedIn(o.core, signIn.value.token, o.file);
    const records = await manager.fail('exports.run', {
      purpose: 'records',
      format: 'csv',
      fields: ['email'],
      selection: { ids: [id.Nia as number] },
    });
    expect(records.code).toBe('FORBIDDEN');
    const out = await manager.ok('campaigns.export', { list_id: list.email, format: 'json', fields: ['email'] });
    expect(decode(out.content_base64).toString('utf8')).not.toMatch(outsiders);
  });
});

describe('erasing a customer on three lists', () => {
  it('is told first, then takes them off all three, and the counts say so', async () => {
    const preview = await o.ok('customers.erasePreview', { id: id.PosterA as number });
    expect(preview.goes.campaign_lists).toBe(2);
    // A third list.
    const one = await o.ok('segments.save', {
      name: 'Bristol',
      purpose: 'A thank-you',
      definition: { version: 1, match: { all: [{ kind: 'town', values: ['Bristol'] }] } },
    });
    await o.ok('campaigns.create', {
      name: 'Thank-you letters',
      segment_id: one.id,
      channel: 'post',
      purpose: 'Thanks',
    });
    expect((await o.ok('customers.erasePreview', { id: id.PosterA as number })).goes.campaign_lists).toBe(3);
    const before = await o.ok('campaigns.list', {});
    await o.ok('customers.erase', { id: id.PosterA as number, reason: 'Asked to be forgotten' });
    const after = await o.ok('campaigns.list', {});
    const fell = after.filter((l) => (before.find((b) => b.id === l.id)?.members ?? 0) - l.members === 1);
    expect(fell.map((l) => l.name).sort()).toEqual(['Spring emails', 'Spring letters', 'Thank-you letters']);
    for (const l of after.filter((x) => !fell.includes(x)))
      expect(l.members).toBe(before.find((b) => b.id === l.id)?.members);
    const members = await o.ok('campaigns.members', { list_id: list.email, limit: 500 });
    expect(members.items.map((m) => m.id)).not.toContain(id.PosterA);
    const out = await o.ok('campaigns.export', { list_id: list.email, format: 'csv', fields: ['email'] });
    expect(decode(out.content_base64).toString('utf8')).not.toContain('postera@');
  });
});

describe('an empty segment', () => {
  it('makes no list, and says why', async () => {
    const nobody = await o.ok('segments.save', {
      name: 'Leeds',
      purpose: 'A northern tour',
      definition: { version: 1, match: { all: [{ kind: 'town', values: ['Leeds'] }] } },
    });
    const refused = await o.fail('campaigns.create', {
      name: 'Leeds letters',
      segment_id: nobody.id,
      channel: 'post',
      purpose: 'Tour',
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      'Nobody is in the segment “Leeds” today, so there is no one to put on a list: widen the segment first.',
    );
    expect((await o.ok('campaigns.list', {})).map((l) => l.name)).not.toContain('Leeds letters');
  });
});

describe('a crafted definition over the bridge', () => {
  it('is refused in words, with the place of the mistake', async () => {
    const kind = await o.fail('segments.count', {
      definition: { version: 1, match: { all: [{ any: [{ kind: 'star_sign', values: ['Leo'] }] }] } } as never,
    });
    expect(kind.code).toBe('INVALID_INPUT');
    expect(kind.fields?.[0]).toMatchObject({
      path: 'definition.match.all.0.any.0.kind',
      message: expect.stringContaining('“star_sign” is not a kind of condition'),
    });
    const version = await o.fail('segments.save', {
      name: 'x',
      purpose: 'x',
      definition: { version: 3, match: { all: [] } } as never,
    });
    expect(version.fields?.[0]?.message).toContain('not version 1');
  });
});
