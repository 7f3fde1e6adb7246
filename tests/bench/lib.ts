// Small helpers shared by the benchmarks: flags, percentiles, results files.
import fs from 'node:fs';
import path from 'node:path';

/** The arguments after the bench name, e.g. ['--size', '20000']. */
export type BenchArgs = readonly string[];

export type Bench = {
  description: string;
  run(args: BenchArgs): Promise<Record<string, number | string>>;
};

/** `--name value` or `--name=value`; undefined when absent. */
export function flag(args: BenchArgs, name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const ms = (x: number) => `${x.toFixed(2)}ms`;

export const RESULTS_DIR = path.resolve('bench-results');

export function writeResults(name: string, results: Record<string, unknown>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`  wrote ${path.relative(process.cwd(), file)}`);
  return file;
}
