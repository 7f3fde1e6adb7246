// Words the import screens share: why a column is mapped as it is, what happens to a matching
// row, a batch's status, the time left, and saving an error report.
import type { Output } from '../../../shared/contract';
import type { OnMatch } from '../../../shared/contract/imports';
import { base64ToBytes, saveFile } from '../download';

type Preview = Output<'imports.preview'>;
type Progress = Output<'imports.step'>;

export const REASONS: Record<Preview['columns'][number]['reason'], string> = {
  canonical: 'Standard column name',
  template: 'From the saved mapping',
  header: 'Recognised column name',
  values: 'Its values look like this',
  none: 'Not recognised: left out',
};

export const ON_MATCH_LABELS: Record<OnMatch, string> = {
  'update-empty': 'Update empty fields only',
  overwrite: 'Overwrite with the values in the file',
  skip: 'Skip the row',
  create: 'Create a new record anyway',
};

export const STATUS_LABELS: Record<Progress['status'], string> = {
  running: 'Running',
  finished: 'Finished, not yet kept',
  failed: 'Failed',
  cancelled: 'Cancelled',
  undone: 'Undone',
  confirmed: 'Kept',
};

export function downloadReport(report: Output<'imports.errorReport'>): void {
  void saveFile(report.filename, base64ToBytes(report.content_base64), 'text/csv');
}

export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'almost done';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.ceil(seconds / 60)} min left`;
}
