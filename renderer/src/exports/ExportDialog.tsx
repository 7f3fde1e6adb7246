// Export customers (owner and manager): say what the export is for, choose a format and the
// fields, and save what the core produces (CSV with formula cells made inert, XLSX, vCard 4.0 or
// JSON). For contacting people the core keeps only those who may be contacted that way today and
// counts the rest by reason, shown here; keeping records is offered to the owner only. The core's
// refusals are shown as it gives them. Each export is audited by the core.
import { type FormEvent, useState } from 'react';
import { CUSTOMER_COLUMNS, type CustomerColumn } from '../../../shared/columns';
import { notContactableLabel } from '../../../shared/consent';
import {
  EXPORT_FORMATS,
  EXPORT_PURPOSE_LABELS,
  EXPORT_PURPOSES,
  type ExportPurpose,
  purposeChannel,
} from '../../../shared/contract/exports';
import { TARGET_LABELS } from '../../../shared/contract/imports';
import { attempt } from '../client';
import { base64ToBytes, savedMessage, saveFile } from '../download';
import { plural } from '../format';
import { useRole } from '../permissions';
import { useRegister } from '../register';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Options } from '../ui/Options';
import { FieldChecks } from './FieldChecks';

type Format = (typeof EXPORT_FORMATS)[number];

const FORMAT_LABELS: Record<Format, string> = {
  csv: 'CSV (spreadsheets)',
  xlsx: 'Excel workbook (.xlsx)',
  vcf: 'vCard (phones and mail programs)',
  json: 'JSON (other software)',
};

const DEFAULT_FIELDS: CustomerColumn[] = ['given_name', 'family_name', 'email', 'phone'];
const FIXED_FIELDS = CUSTOMER_COLUMNS.map((key) => ({ key, label: TARGET_LABELS[key] }));

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const [purpose, setPurpose] = useState<ExportPurpose | ''>('');
  const [format, setFormat] = useState<Format>('csv');
  const [fields, setFields] = useState<Set<CustomerColumn>>(new Set(DEFAULT_FIELDS));
  const [archived, setArchived] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Fields defined in the register that this role may see: offered as extra columns.
  const role = useRole();
  const defined = (useRegister() ?? []).filter((e) => e.kind !== null && role !== null && e.see_roles.includes(role));
  const [extra, setExtra] = useState<Set<string>>(new Set());
  const purposes = EXPORT_PURPOSES.filter((p) => p !== 'records' || role === 'owner');
  const channel = purpose === '' ? null : purposeChannel(purpose);

  async function run(event: FormEvent) {
    event.preventDefault();
    if (purpose === '') {
      setProblem('Choose what the export is for: contacting people one way, or keeping our records.');
      return;
    }
    setBusy(true);
    setDone(null);
    const result = await attempt('exports.run', {
      purpose,
      format,
      // In the canonical order, whatever order they were ticked in.
      fields: CUSTOMER_COLUMNS.filter((f) => fields.has(f)),
      selection: 'all',
      register_fields: format === 'vcf' ? [] : defined.filter((e) => extra.has(e.key)).map((e) => e.key),
      include_archived: channel === null && archived,
      after_id: 0,
    });
    if (!result.ok) {
      setBusy(false);
      setProblem(result.error.fields?.map((f) => f.message).join(' ') || result.error.message);
      return;
    }
    setProblem(null);
    const out = result.value;
    // Said only once the host has saved it (or not): the real path, never just the name.
    const saved = await saveFile(out.filename, base64ToBytes(out.content_base64), out.mime, { announce: false });
    setBusy(false);
    if (!saved.path) return setProblem(savedMessage(saved));
    const left = out.left_out.reduce((n, r) => n + r.count, 0);
    const why = out.left_out
      .map((r) => `${r.count.toLocaleString('en-GB')} ${notContactableLabel(r.reason, channel ?? 'email')}`)
      .join(', ');
    setDone(
      `Exported ${plural(out.rows, 'record')}. ${savedMessage(saved)}` +
        (left === 0 ? '' : ` Left out ${left.toLocaleString('en-GB')}: ${why}.`) +
        (out.next_after_id === null ? '' : ' More records follow: export them from the command line.'),
    );
  }

  return (
    <Dialog title="Export customers" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void run(e)}>
        <div className="field field--narrow">
          <label className="field__label" htmlFor="export-purpose">
            What is the export for?
          </label>
          <select
            id="export-purpose"
            className="input"
            value={purpose}
            onChange={(e) => setPurpose(e.target.value as ExportPurpose | '')}
          >
            <option value="">Choose…</option>
            <Options values={purposes} labels={EXPORT_PURPOSE_LABELS} />
          </select>
        </div>
        <div className="field field--narrow">
          <label className="field__label" htmlFor="export-format">
            Format
          </label>
          <select
            id="export-format"
            className="input"
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
          >
            <Options values={EXPORT_FORMATS} labels={FORMAT_LABELS} />
          </select>
        </div>
        <FieldChecks legend="Fields" options={FIXED_FIELDS} chosen={fields} onChange={setFields} />
        {defined.length > 0 && format !== 'vcf' && (
          <FieldChecks legend="Fields from the register" options={defined} chosen={extra} onChange={setExtra} />
        )}
        {purpose === 'records' && (
          <label className="check">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
            Include archived records
          </label>
        )}
        <p className="muted">
          {channel === null
            ? 'Every customer is exported, with only the fields ticked.'
            : 'Only people who may be contacted this way today are exported: consent given and not withdrawn, not marked do not contact, not archived, with an address for it. Those left out are counted by reason.'}{' '}
          The export is recorded in the audit log.
        </p>
        <ErrorBanner message={problem} />
        {done && (
          <div className="banner banner--ok" role="status">
            {done}
          </div>
        )}
        <div className="card__bar">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
