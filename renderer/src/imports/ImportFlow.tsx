// Importing one file: choose it, check the preview (mapping with reasons, the first rows as they
// will be stored, every error, matches), choose how it is imported, run it with a progress bar and
// Cancel, then undo or keep the batch.
import { useState } from 'react';
import type { OnMatch } from '../../../shared/contract/imports';
import { attempt } from '../client';
import { SourceField } from '../sources/SourceField';
import { ErrorBanner } from '../ui/ErrorBanner';
import type { ErrorRowsMode } from './ErrorRowsChoice';
import { ImportOptions } from './ImportOptions';
import { ImportProgress } from './ImportProgress';
import { downloadReport } from './labels';
import { PreviewView } from './PreviewView';
import { useImportPreview } from './useImportPreview';
import { useImportRun } from './useImportRun';

export function ImportFlow({ onChanged }: { onChanged: () => void }) {
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [onMatch, setOnMatch] = useState<OnMatch>('update-empty');
  // Exceptions to `onMatch` for single matching rows of the preview, by row number.
  const [rowActions, setRowActions] = useState<Map<number, OnMatch>>(new Map());
  const [mode, setMode] = useState<ErrorRowsMode>('all-or-nothing');
  const [templateName, setTemplateName] = useState('');
  const [picker, setPicker] = useState(0);
  const loaded = useImportPreview(source, setSource, setProblem);
  const job = useImportRun(onChanged, setProblem);
  const preview = loaded.preview;
  const progress = job.progress;

  function reset() {
    loaded.clear();
    job.clear();
    setProblem(null);
    setTemplateName('');
    setRowActions(new Map());
    setPicker((p) => p + 1);
  }

  async function choose(chosen: File | undefined) {
    reset();
    if (chosen) await loaded.load(chosen);
  }

  async function errorReport(input: Parameters<typeof attempt<'imports.errorReport'>>[1]) {
    const result = await attempt('imports.errorReport', input);
    if (result.ok) downloadReport(result.value);
    else setProblem(result.error.message);
  }

  function start() {
    if (!preview) return;
    return job.run({
      preview_id: preview.preview_id,
      source: source.trim(),
      mapping: loaded.mapping,
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
  }

  const canStart =
    Boolean(preview) && !loaded.busy && !loaded.mappingProblem && source.trim() !== '' && !job.running && !progress;

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
      {loaded.busy && (
        <p className="muted" role="status">
          Reading the file…
        </p>
      )}
      {preview && !progress && loaded.file && (
        <PreviewView
          preview={preview}
          mapping={loaded.mapping}
          touched={loaded.touched}
          mappingProblem={loaded.mappingProblem}
          onRemap={loaded.remap}
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
        <ImportOptions
          matches={preview.matches.total}
          validRows={preview.valid_rows}
          onMatch={onMatch}
          onOnMatch={setOnMatch}
          mode={mode}
          onMode={setMode}
          templateName={templateName}
          onTemplateName={setTemplateName}
          canStart={canStart}
          onStart={() => void start()}
          onReset={reset}
        />
      )}
      {progress && (
        <ImportProgress
          progress={progress}
          running={job.running}
          closed={job.closed}
          onCancel={job.cancel}
          onUndo={() => void job.undo(progress.import_id)}
          onConfirm={() => void job.confirm(progress.import_id)}
          onErrorReport={() => void errorReport({ import_id: progress.import_id })}
          onAnother={reset}
        />
      )}
    </section>
  );
}
