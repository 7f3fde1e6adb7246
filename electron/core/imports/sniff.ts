// Which character separates the fields: the candidate that splits the first lines into the same
// number of fields (more than one) most consistently wins; a comma when nothing stands out.
import { CsvReader, CsvSyntaxError } from '../../../shared/csv';

const DELIMITERS = [',', ';', '\t', '|'] as const;

function score(sample: string, delimiter: string): number {
  const reader = new CsvReader({ delimiter });
  let records: { fields: string[] }[];
  try {
    records = reader.push(sample).slice(0, 30);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return 0;
    throw error;
  }
  // The last record may be cut by the end of the sample: leave it out when there are others.
  if (records.length > 2) records = records.slice(0, -1);
  const counts = records.map((r) => r.fields.length).filter((n) => n > 1);
  if (counts.length === 0) return 0;
  const frequency = new Map<number, number>();
  for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  const [width, agree] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
  return (agree / records.length) * 100 + Math.min(width, 50);
}

export function sniffDelimiter(sample: string): string {
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const s = score(sample, d);
    if (s > bestScore) {
      best = d;
      bestScore = s;
    }
  }
  return best;
}
