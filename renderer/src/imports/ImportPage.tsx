// Import and export (owner and manager): choose a file, check the preview (mapping with reasons,
// the first rows as they will be stored, every error, matches), run the import as a job stepped
// from here with a progress bar and Cancel, then undo or keep the batch. Below: past imports,
// the sources register and the export dialog.
import { useCallback, useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { Mapping, MappingTarget, OnMatch } from '../../../shared/contract/imports';
import { attempt } from '../client';
import { readBase64 } from '../download';
import { ExportDialog } from '../exports/ExportDialog';
import { plural } from '../format';
import { PurchasesImport } from '../purchases/PurchasesImport';
import { SourceField } from '../sources/SourceField';
import { SourcesCard } from '../sources/SourcesCard';
import { ErrorBanner } from '../ui/ErrorBanner';
import { ErrorRowsChoice, type ErrorRowsMode } from './ErrorRowsChoice';
import { ImportProgress } from './ImportProgress';
import { downloadReport, ON_MATCH_LABELS } from './labels';
import { PastImports } from './PastImports';
import { PreviewView } from './PreviewView';

type Preview = Output<'imports.preview'>;
type Progress = Output<'imports.step'>;
type Loaded = { filename: string; content: string };

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
      // A probable match's choice names the record the preview showed for that row.
      row_actions: [...rowActions].map(([row, action]) => ({
        row,
        on_match: action,
        customer_id: preview.probable.find((p) => p.row === row)?.candidate.id,
      })),
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
        <ImportProgress
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
