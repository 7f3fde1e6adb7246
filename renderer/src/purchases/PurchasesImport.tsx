// Purchases and bookings from a till or ticketing export: choose the file, check it (nothing is
// saved: which rows match which customers, what is wrong with which row), then add them as one
// batch that "Past imports" can undo.
import { useId, useState } from 'react';
import { attempt } from '../client';
import { readBase64 } from '../download';
import { plural } from '../format';
import { ErrorRowsChoice, type ErrorRowsMode } from '../imports/ErrorRowsChoice';
import { SourceField } from '../sources/SourceField';
import { ErrorBanner } from '../ui/ErrorBanner';
import { type Checked, PurchasesCheck } from './PurchasesCheck';

export function PurchasesImport({ onChanged }: { onChanged: () => void }) {
  const [file, setFile] = useState<{ filename: string; content_base64: string } | null>(null);
  const [source, setSource] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [mode, setMode] = useState<ErrorRowsMode>('all-or-nothing');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picker, setPicker] = useState(0);
  const ids = { file: useId(), source: useId(), title: useId() };

  async function run(dry_run: boolean) {
    if (!file) return;
    setBusy(true);
    const result = await attempt('purchases.import', { ...file, source: source.trim(), dry_run, mode });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setProblem(null);
    if (dry_run) {
      setChecked(result.value);
      return;
    }
    if (result.value.import_id === null) {
      setProblem('Nothing was added: some rows have errors. Fix them, or choose to add only the valid rows.');
      return;
    }
    setDone(
      `${plural(result.value.added, 'purchase')} added to ${plural(result.value.customers, 'customer')}. Undo or keep the batch under Past imports.`,
    );
    setChecked(null);
    setFile(null);
    setPicker((p) => p + 1);
    onChanged();
  }

  async function choose(chosen: File | undefined) {
    setChecked(null);
    setDone(null);
    setFile(chosen ? { filename: chosen.name, content_base64: await readBase64(chosen) } : null);
  }

  const addable = checked
    ? mode === 'valid-rows'
      ? checked.valid_rows
      : checked.error_rows === 0
        ? checked.rows
        : 0
    : 0;

  return (
    <section className="card" aria-labelledby={ids.title}>
      <h2 className="card__title" id={ids.title}>
        Import purchases and bookings
      </h2>
      <p className="muted">
        A CSV or Excel file with one purchase per row: the customer (customer number, email or phone), the date, what
        was bought, and the amount in pounds (a negative amount is a refund). Quantity, category, channel, venue and
        seat are read when present. Customers are never created from this file.
      </p>
      <div className="import__choose">
        <div className="field">
          <label className="field__label" htmlFor={ids.file}>
            Purchases file
          </label>
          <input
            key={picker}
            id={ids.file}
            className="input"
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
        <SourceField id={ids.source} what="purchases" value={source} onChange={setSource} />
      </div>
      <ErrorBanner message={problem} />
      {done && (
        <p className="banner banner--ok" role="status">
          {done}
        </p>
      )}
      {!checked && (
        <div className="card__bar">
          <button
            type="button"
            className="button button--primary"
            disabled={!file || !source.trim() || busy}
            onClick={() => void run(true)}
          >
            Check the file
          </button>
        </div>
      )}
      {checked && (
        <>
          <PurchasesCheck checked={checked} />
          <ErrorRowsChoice
            name="purchases-mode"
            verb="Add"
            validRows={checked.valid_rows}
            mode={mode}
            onChange={setMode}
          />
          <div className="card__bar">
            <button type="button" className="button" onClick={() => setChecked(null)}>
              Back
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={addable === 0 || busy}
              onClick={() => void run(false)}
            >
              Add {plural(addable, 'purchase')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
