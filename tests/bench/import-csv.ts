// Writes the import benchmark's CSV (see import.bench.ts) in a process of its own, so that
// generating a million rows leaves nothing in the process whose peak RSS is measured.
// Usage: tsx tests/bench/import-csv.ts FILE SIZE SEED [FIRST]  (FIRST: index of the first customer, 0 by default)
import fs from 'node:fs';
import { CSV_COLUMNS } from '../../electron/core/customers/customers.service';
import { exportRow } from '../../electron/core/exports/rows';
import { toCsv } from '../../shared/csv';
import type { Customer } from '../../shared/customer';
import { customerAt, makePools } from './synthetic';

/** N seeded customers (from index FIRST on) with the canonical headers, written 10,000 rows at a time. */
function writeCsv(file: string, size: number, seed: number, first: number): void {
  const pools = makePools(seed);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, toCsv([[...CSV_COLUMNS]]));
  for (let start = 0; start < size; start += 10_000) {
    const rows: string[][] = [];
    for (let i = start; i < Math.min(size, start + 10_000); i++) {
      rows.push(exportRow(customerAt(pools, seed, first + i) as unknown as Customer, CSV_COLUMNS));
    }
    fs.writeSync(fd, toCsv(rows));
  }
  fs.closeSync(fd);
}

const [file, size, seed, first] = process.argv.slice(2);
if (!file || !size || !seed) throw new Error('Usage: tsx tests/bench/import-csv.ts FILE SIZE SEED');
writeCsv(file, Number(size), Number(seed), Number(first ?? 0));
