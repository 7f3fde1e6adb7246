// Import and export (owner and manager): choose a file, check the preview (mapping with reasons,
// the first rows as they will be stored, every error, matches), run the import as a job stepped
// from here with a progress bar and Cancel, then undo or keep the batch. Below: past imports,
// the sources register and the export dialog.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import {
  FIELD_TARGET_PREFIX,
  IMPORT_TARGETS,
  isPurchasesBatch,
  type Mapping,
  type MappingTarget,
  type OnMatch,
  TARGET_LABELS,
} from '../../../shared/contract/imports';
import { maskCardNumbers } from '../../../shared/rules/card-guard';
import { attempt } from '../client';
import { base64ToBytes, readBase64, saveFile } from '../download';
import { ExportDialog } from '../exports/ExportDialog';
import { formatStamp, plural } from '../format';
import { ErrorRowsChoice, type ErrorRowsMode } from '../imports/ErrorRowsChoice';
import { PurchasesImport } from '../purchases/PurchasesImport';
import { useRegister } from '../register';
import { SourceField } from '../sources/SourceField';
import { SourcesCard } from '../sources/SourcesCard';
import { ErrorBanner } from '../ui/ErrorBanner';

type Preview = Output<'imports.preview'>;
type Progress = Output<'imports.step'>;
type Loaded = { filename: string; content: string };

const REASONS: Record<Preview['columns'][number]['reason'], string> = {
  canonical: 'Standard column name',
  template: 'From the saved mapping',
  header: 'Recognised column name',
  values: 'Its values look like this',
  none: 'Not recognised: left out',
};

const ON_MATCH_LABELS: Record<OnMatch, string> = {
  'update-empty': 'Update empty fields only',
  overwrite: 'Overwrite with the values in the file',
  skip: 'Skip the row',
  create: 'Create a new record anyway',
};

const STATUS_LABELS: Record<Progress['status'], string> = {
  running: 'Running',
  finished: 'Finished, not yet kept',
  failed: 'Failed',
  cancelled: 'Cancelled',
  undone: 'Undone',
  confirmed: 'Kept',
};

function downloadReport(report: Output<'imports.errorReport'>): void {
  void saveFile(report.filename, base64ToBytes(report.content_base64), 'text/csv');
}

export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'almost done';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.ceil(seconds / 60)} min left`;
}

export function ImportPage() {
  const [revision, setRevision] = useState(0);
  const [exporting, setExporting] = useState(false);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  return (
    <main className="page" aria-labelledby="import-title">
      <header className="page__head page__head--bar">
        <div>
          <h1 id="import-title" className="record__name">
            Import and export
          </h1>
          <p className="muted">
            Bring in customers from a spreadsheet, a CSV or phone contacts, and their purchases from a till or box
            office; check them before anything is saved, and undo a whole import if it went wrong.
          </p>
        </div>
        <button type="button" className="button" onClick={() => setExporting(true)}>
          Export customers…
        </button>
      </header>
      <ImportFlow onChanged={changed} />
      <PurchasesImport onChanged={changed} />
      <PastImports revision={revision} onChanged={changed} />
      <SourcesCard revision={revision} />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
    </main>
  );
}

function ImportFlow({ onChanged }: { onChanged: () => void }) {
  const [file, setFile] = useState<Loaded | null>(null);
  const [source, setSource] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const [mappingProblem, setMappingProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [onMatch, setOnMatch] = useState<OnMatch>('update-empty');
  // Exceptions to `onMatch` for single matching rows of the preview, by row number.
  const [rowActions, setRowActions] = useState<Map<number, OnMatch>>(new Map());
  const [mode, setMode] = useState<ErrorRowsMode>('all-or-nothing');
  const [templateName, setTemplateName] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [running, setRunning] = useState(false);
  const [closed, setClosed] = useState<string | null>(null);
  const [picker, setPicker] = useState(0);
  const cancelling = useRef(false);
  const latest = useRef(0);

  function reset() {
    setFile(null);
    setPreview(null);
    setMapping([]);
    setTouched(new Set());
    setMappingProblem(null);
    setProblem(null);
    setProgress(null);
    setClosed(null);
    setTemplateName('');
    setRowActions(new Map());
    setPicker((p) => p + 1);
  }

  async function runPreview(loaded: Loaded, withMapping?: Mapping) {
    const seq = ++latest.current;
    setBusy(true);
    const result = await attempt('imports.preview', {
      filename: loaded.filename,
      content_base64: loaded.content,
      source: source.trim() || undefined,
      mapping: withMapping,
      sample_rows: 10,
    });
    if (seq !== latest.current) return;
    setBusy(false);
    if (!result.ok) {
      if (withMapping) setMappingProblem(result.error.fields?.[0]?.message ?? result.error.message);
      else setProblem(result.error.message);
      return;
    }
    setProblem(null);
    setMappingProblem(null);
    setPreview(result.value);
    setMapping(result.value.mapping);
  }

  async function choose(chosen: File | undefined) {
    reset();
    if (!chosen) return;
    let content: string;
    try {
      content = await readBase64(chosen);
    } catch {
      setProblem('The file could not be read. Check that it is not open in another program, then try again.');
      return;
    }
    const loaded = { filename: chosen.name, content };
    setFile(loaded);
    if (!source.trim()) setSource(chosen.name.replace(/\.[^.]+$/, '').slice(0, 60));
    await runPreview(loaded);
  }

  function remap(index: number, target: MappingTarget | null) {
    if (!file) return;
    const next = mapping.map((t, i) => (i === index ? target : t));
    setMapping(next);
    setTouched(new Set(touched).add(index));
    void runPreview(file, next);
  }

  async function errorReport(input: Parameters<typeof attempt<'imports.errorReport'>>[1]) {
    const result = await attempt('imports.errorReport', input);
    if (result.ok) downloadReport(result.value);
    else setProblem(result.error.message);
  }

  async function start() {
    if (!preview) return;
    setProblem(null);
    const started = await attempt('imports.start', {
      preview_id: preview.preview_id,
      source: source.trim(),
      mapping,
      on_match: onMatch,
      row_actions: [...rowActions].map(([row, action]) => ({ row, on_match: action })),
      mode,
      save_template: templateName.trim() || undefined,
    });
    if (!started.ok) {
      setProblem(started.error.fields?.[0]?.message ?? started.error.message);
      return;
    }
    const importId = started.value.import_id;
    cancelling.current = false;
    setRunning(true);
    setProgress({
      import_id: importId,
      status: 'running',
      done: 0,
      total: started.value.total,
      rows: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      rejected: 0,
      matched: 0,
      rows_per_s: 0,
      eta_s: 0,
      finished: false,
      message: '',
      errors_total: 0,
    });
    onChanged();
    // One chunk per call, each awaited: the page stays responsive and Cancel is honoured between chunks.
    for (;;) {
      const step = await attempt('imports.step', { import_id: importId });
      if (!step.ok) {
        setProblem(step.error.message);
        break;
      }
      setProgress(step.value);
      if (step.value.finished) break;
      if (cancelling.current) {
        const cancelled = await attempt('imports.cancel', { import_id: importId });
        if (cancelled.ok) setProgress(cancelled.value);
        else setProblem(cancelled.error.message);
        break;
      }
    }
    setRunning(false);
    onChanged();
  }

  async function undo(importId: number) {
    const result = await attempt('imports.undo', { import_id: importId });
    if (result.ok) {
      const { removed, restored, kept } = result.value;
      setClosed(
        `Import undone: ${plural(removed, 'new record')} removed, ${plural(restored, 'record')} put back as before` +
          (kept ? `, ${plural(kept, 'record')} edited since then left as they are.` : '.'),
      );
    } else setProblem(result.error.message);
    onChanged();
  }

  async function confirm(importId: number) {
    const result = await attempt('imports.confirm', { import_id: importId });
    if (result.ok) setClosed('Import kept. It can no longer be undone.');
    else setProblem(result.error.message);
    onChanged();
  }

  const canStart = Boolean(preview) && !busy && !mappingProblem && source.trim() !== '' && !running && !progress;

  return (
    <section className="card" aria-labelledby="import-flow-title">
      <h2 className="card__title" id="import-flow-title">
        Import a file
      </h2>
      {!progress && (
        <div className="import__choose">
          <div className="field">
            <label className="field__label" htmlFor="import-file">
              File to import
            </label>
            <input
              key={picker}
              id="import-file"
              className="input"
              type="file"
              accept=".csv,.txt,.tsv,.xlsx,.vcf,.vcard,text/csv,text/vcard"
              aria-describedby="import-file-hint"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            <span className="field__hint" id="import-file-hint">
              CSV (any separator), Excel .xlsx or vCard .vcf, up to 50 MB. Nothing is saved until you start the import.
            </span>
          </div>
          <SourceField id="import-source" what="customers" value={source} onChange={setSource} />
        </div>
      )}
      <ErrorBanner message={problem} />
      {busy && (
        <p className="muted" role="status">
          Reading the file…
        </p>
      )}
      {preview && !progress && file && (
        <PreviewView
          preview={preview}
          mapping={mapping}
          touched={touched}
          mappingProblem={mappingProblem}
          onRemap={remap}
          rowActions={rowActions}
          onRowAction={(row, action) =>
            setRowActions((current) => {
              const next = new Map(current);
              if (action) next.set(row, action);
              else next.delete(row);
              return next;
            })
          }
          onErrorReport={() => void errorReport({ preview_id: preview.preview_id })}
        />
      )}
      {preview && !progress && (
        <>
          <fieldset className="choices import__choices">
            <legend className="field__label">
              When a row matches an existing customer or an earlier row ({preview.matches.total} in this file)
            </legend>
            {(Object.keys(ON_MATCH_LABELS) as OnMatch[]).map((value) => (
              <label key={value} className="check check--strong">
                <input
                  type="radio"
                  name="on-match"
                  value={value}
                  checked={onMatch === value}
                  onChange={() => setOnMatch(value)}
                />
                {ON_MATCH_LABELS[value]}
              </label>
            ))}
          </fieldset>
          <ErrorRowsChoice
            name="import-mode"
            verb="Import"
            validRows={preview.valid_rows}
            mode={mode}
            onChange={setMode}
          />
          <div className="field field--narrow">
            <label className="field__label" htmlFor="import-template">
              Save mapping as template <span className="field__optional">(optional name)</span>
            </label>
            <input
              id="import-template"
              className="input"
              value={templateName}
              maxLength={60}
              onChange={(e) => setTemplateName(e.target.value)}
            />
          </div>
          <div className="card__bar">
            <button type="button" className="button" onClick={reset}>
              Choose another file
            </button>
            <button type="button" className="button button--primary" disabled={!canStart} onClick={() => void start()}>
              Start import
            </button>
          </div>
        </>
      )}
      {progress && (
        <ProgressView
          progress={progress}
          running={running}
          closed={closed}
          onCancel={() => {
            cancelling.current = true;
          }}
          onUndo={() => void undo(progress.import_id)}
          onConfirm={() => void confirm(progress.import_id)}
          onErrorReport={() => void errorReport({ import_id: progress.import_id })}
          onAnother={reset}
        />
      )}
    </section>
  );
}

function PreviewView(props: {
  preview: Preview;
  mapping: Mapping;
  touched: Set<number>;
  mappingProblem: string | null;
  onRemap: (index: number, target: MappingTarget | null) => void;
  rowActions: ReadonlyMap<number, OnMatch>;
  onRowAction: (row: number, action: OnMatch | null) => void;
  onErrorReport: () => void;
}) {
  const { preview, mapping } = props;
  const m = preview.matches;
  // The register's own fields (custom and profile) that are still collected can be imported too.
  const registerFields = (useRegister() ?? []).filter((f) => f.kind !== null && f.priority !== 'not_collected');
  return (
    <div className="import__preview">
      <p className="muted" role="status">
        {plural(preview.rows, 'row')} read ({preview.format.toUpperCase()}, {preview.encoding}
        {preview.format === 'csv' ? `, separated by “${preview.delimiter === '\t' ? 'tab' : preview.delimiter}”` : ''}
        ): {plural(preview.valid_rows, 'valid row')}, {plural(preview.error_rows, 'row')} with errors,{' '}
        {plural(m.total - m.in_file, 'row')} matching existing customers
        {m.in_file > 0 && `, ${plural(m.in_file, 'row')} matching an earlier row of this file`}
        {m.total > 0 && ` (${m.by_ref} by customer number, ${m.by_email} by email, ${m.by_phone} by phone)`}.
        {preview.template && ` Mapping from the saved template “${preview.template}”.`}
      </p>
      {preview.stopped && (
        <div className="banner banner--warn" role="alert">
          {preview.stopped}
        </div>
      )}
      <h3 className="subform__title">Columns</h3>
      <ErrorBanner message={props.mappingProblem} />
      <div className="import__scroll">
        <table className="table">
          <caption className="sr-only">How each column of the file is imported</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Examples</th>
              <th scope="col">Import as</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c, i) => {
              const id = `map-${i}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and headers may repeat
                <tr key={i}>
                  <th scope="row">{c.header || `Column ${i + 1}`}</th>
                  <td className="import__samples">{c.samples.map(maskCardNumbers).join(' · ')}</td>
                  <td>
                    <label htmlFor={id} className="sr-only">
                      Import “{c.header || `column ${i + 1}`}” as
                    </label>
                    <select
                      id={id}
                      className="input"
                      value={mapping[i] ?? ''}
                      onChange={(e) => props.onRemap(i, (e.target.value || null) as MappingTarget | null)}
                    >
                      <option value="">Ignore this column</option>
                      {IMPORT_TARGETS.map((t) => (
                        <option key={t} value={t}>
                          {TARGET_LABELS[t]}
                        </option>
                      ))}
                      {registerFields.length > 0 && (
                        <optgroup label="Fields from the register">
                          {registerFields.map((f) => (
                            <option key={f.key} value={`${FIELD_TARGET_PREFIX}${f.key}`}>
                              {f.label}
                            </option>
                          ))}
                        </optgroup>
                      )}
                    </select>
                  </td>
                  <td className="muted">{props.touched.has(i) ? 'Chosen by you' : REASONS[c.reason]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className="subform__title">First rows as they will be stored</h3>
      {preview.sample.length === 0 ? (
        <p className="muted">No valid rows to show.</p>
      ) : (
        <div className="import__scroll">
          <table className="table">
            <caption className="sr-only">First rows as they will be stored</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Address</th>
                <th scope="col">Other</th>
                <th scope="col">Existing customer</th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((r) => (
                <tr key={r.row}>
                  <td className="table__num">{r.row}</td>
                  <th scope="row">
                    {[r.title, r.given_name, r.family_name].filter(Boolean).join(' ')}
                    {r.preferred_name && <span className="muted"> ({r.preferred_name})</span>}
                  </th>
                  <td>{r.emails.join(', ')}</td>
                  <td>{r.phones.join(', ')}</td>
                  <td>{r.address}</td>
                  <td>
                    {[
                      r.ref && `Customer number ${r.ref}`,
                      r.date_of_birth && `Born ${r.date_of_birth}`,
                      r.notes,
                      ...r.fields.map((f) => `${f.label}: ${f.value}`),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>
                    {r.match ? (
                      <>
                        {r.match.id !== null
                          ? `Matches record ${r.match.id} by ${r.match.by}`
                          : `Matches row ${r.match.row} of this file by ${r.match.by}`}
                        <label htmlFor={`row-action-${r.row}`} className="sr-only">
                          What to do with row {r.row}
                        </label>
                        <select
                          id={`row-action-${r.row}`}
                          className="input input--small"
                          value={props.rowActions.get(r.row) ?? ''}
                          onChange={(e) => props.onRowAction(r.row, (e.target.value || null) as OnMatch | null)}
                        >
                          <option value="">As chosen below for every match</option>
                          {(Object.keys(ON_MATCH_LABELS) as OnMatch[]).map((value) => (
                            <option key={value} value={value}>
                              {ON_MATCH_LABELS[value]}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      'New'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="subform__title">Errors</h3>
      {preview.errors_total === 0 ? (
        <p className="muted">No errors found.</p>
      ) : (
        <>
          <p className="muted">
            {plural(preview.errors_total, 'problem')} in {plural(preview.error_rows, 'row')}
            {preview.errors.length < preview.errors_total && ` (the first ${preview.errors.length} are shown)`}. These
            rows are not imported.
          </p>
          <div className="import__scroll import__scroll--short">
            <table className="table">
              <caption className="sr-only">Rows with errors</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several errors in the same column
                  <tr key={i}>
                    <td className="table__num">{e.row}</td>
                    <td>{e.column || 'Whole row'}</td>
                    <td>{maskCardNumbers(e.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <button type="button" className="button button--small" onClick={props.onErrorReport}>
              Download error report
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function ProgressView(props: {
  progress: Progress;
  running: boolean;
  closed: string | null;
  onCancel: () => void;
  onUndo: () => void;
  onConfirm: () => void;
  onErrorReport: () => void;
  onAnother: () => void;
}) {
  const [cancelAsked, setCancelAsked] = useState(false);
  const p = props.progress;
  const total = Math.max(p.total, p.done, 1);
  const percent = Math.round((p.done / total) * 100);
  return (
    <div className="import__progress">
      <div
        className="progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={p.done}
        aria-valuetext={`${p.done} of ${total} rows`}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted" aria-live="polite">
        {p.done.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')} rows
        {!p.finished &&
          ` · ${Math.round(p.rows_per_s).toLocaleString('en-GB')} rows/s · ${cancelAsked ? 'cancelling…' : timeLeft(p.eta_s)}`}
      </p>
      {props.running && (
        <div>
          <button
            type="button"
            className="button"
            disabled={cancelAsked}
            onClick={() => {
              setCancelAsked(true);
              props.onCancel();
            }}
          >
            Cancel import
          </button>
        </div>
      )}
      {p.finished && (
        <div className="stack">
          <div className={`banner ${p.status === 'finished' ? 'banner--ok' : 'banner--warn'}`} role="status">
            {p.status === 'finished'
              ? `Import finished: ${plural(p.created, 'new record')}, ${plural(p.updated, 'record')} updated, ${plural(p.skipped, 'row')} skipped, ${plural(p.rejected, 'row')} left out with errors.`
              : `Import ${STATUS_LABELS[p.status].toLowerCase()}: nothing from this file was kept.`}
            {p.message && ` ${p.message}`}
          </div>
          {props.closed && (
            <div className="banner banner--info" role="status">
              {props.closed}
            </div>
          )}
          <div className="card__bar">
            {p.errors_total > 0 && (
              <button type="button" className="button" onClick={props.onErrorReport}>
                Download error report
              </button>
            )}
            {p.status === 'finished' && !props.closed && (
              <span className="import__decide">
                <button type="button" className="button" onClick={props.onUndo}>
                  Undo this import
                </button>
                <button type="button" className="button button--primary" onClick={props.onConfirm}>
                  Keep it
                </button>
              </span>
            )}
            {(p.status !== 'finished' || props.closed) && (
              <button type="button" className="button" onClick={props.onAnother}>
                Import another file
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function PastImports({ revision, onChanged }: { revision: number; onChanged: () => void }) {
  const [list, setList] = useState<Output<'imports.list'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision triggers a reload
  useEffect(() => {
    let live = true;
    void attempt('imports.list', { limit: 50 }).then((result) => {
      if (!live) return;
      if (result.ok) setList(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [revision]);

  async function act(method: 'imports.undo' | 'imports.confirm', id: number) {
    const result = await attempt(method, { import_id: id });
    setProblem(result.ok ? null : result.error.message);
    onChanged();
  }

  return (
    <section className="card" aria-labelledby="past-imports-title">
      <h2 className="card__title" id="past-imports-title">
        Past imports
      </h2>
      <ErrorBanner message={problem} />
      {list?.length === 0 && <p className="muted">Nothing has been imported yet.</p>}
      {list && list.length > 0 && (
        <div className="import__scroll">
          <table className="table">
            <caption className="sr-only">Past imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Source</th>
                <th scope="col">Started</th>
                <th scope="col">By</th>
                <th scope="col">Rows</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.file_name}</th>
                  <td>{b.source}</td>
                  <td>{formatStamp(b.started_at)}</td>
                  <td>{b.by}</td>
                  <td>
                    {isPurchasesBatch(b)
                      ? `${plural(b.created, 'purchase')} added, ${plural(b.rejected, 'row')} with errors`
                      : `${b.created} new, ${b.updated} updated, ${b.skipped} skipped, ${b.rejected} with errors`}
                  </td>
                  <td>
                    <span className="badge badge--muted">{STATUS_LABELS[b.status]}</span>
                  </td>
                  <td className="table__actions">
                    {b.status === 'finished' && (
                      <>
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => void act('imports.undo', b.id)}
                        >
                          Undo<span className="sr-only"> import of {b.file_name}</span>
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => void act('imports.confirm', b.id)}
                        >
                          Keep<span className="sr-only"> import of {b.file_name}</span>
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
