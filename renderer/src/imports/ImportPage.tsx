// Import and export (owner and manager): importing a file (ImportFlow) and purchases, then past
// imports, the sources register and the export dialog.
import { useCallback, useState } from 'react';
import { ExportDialog } from '../exports/ExportDialog';
import { PurchasesImport } from '../purchases/PurchasesImport';
import { SourcesCard } from '../sources/SourcesCard';
import { ImportFlow } from './ImportFlow';
import { PastImports } from './PastImports';

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
