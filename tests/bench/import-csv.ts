// Writes the import benchmark's CSV in a process of its own (see import.bench.ts), so that
// generating a million rows does not leave its memory in the process whose peak RSS is measured.
// Usage: tsx tests/bench/import-csv.ts FILE SIZE SEED
import { writeCsv } from './import.bench';

const [file, size, seed] = process.argv.slice(2);
if (!file || !size || !seed) throw new Error('Usage: tsx tests/bench/import-csv.ts FILE SIZE SEED');
writeCsv(file, Number(size), Number(seed));
