// "Download the table (CSV)" under a report's table: the rows the table shows, written here with
// the shared CSV writer and saved like any other file. Formula guard on, always: labels such as
// item names are typed by people, and "=HYPERLINK(…)" must reach a spreadsheet as text.
import { useState } from 'react';
import { toCsv } from '../../../shared/csv';
import { todayIso } from '../../../shared/dates';
import { savedMessage, saveFile } from '../download';

type Props = {
  /** What the file holds, as a file name part: "sales-by-month" → custodian-sales-by-month-2026-12-06.csv. */
  name: string;
  /** The header row first, then one row per table row, as the table reads. */
  rows: () => string[][];
};

export function CsvButton({ name, rows }: Props) {
  const [saved, setSaved] = useState<string | null>(null);
  async function download() {
    const text = `\uFEFF${toCsv(rows(), { formulaGuard: true })}`;
    const done = await saveFile(`custodian-${name}-${todayIso()}.csv`, text, 'text/csv;charset=utf-8', {
      announce: false,
    });
    setSaved(savedMessage(done));
  }
  return (
    <div className="seg__actions">
      <button type="button" className="button" onClick={() => void download()}>
        Download the table (CSV)
      </button>
      {saved && <p role="status">{saved}</p>}
    </div>
  );
}
