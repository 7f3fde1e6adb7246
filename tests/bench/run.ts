// Benchmark runner: `npm run bench -- [name…] [--flags]`. Each bench is a file
// tests/bench/<name>.bench.ts exporting `description` and `run(args)`, registered below; with
// no name every registered bench runs in turn. Flags after the names go to each bench.
import type { Bench } from './lib';

const BENCHES: Record<string, () => Promise<Bench>> = {
  search: () => import('./search.bench'),
  dedupe: () => import('./dedupe.bench'),
  unlock: () => import('./unlock.bench'),
  profile: () => import('./profile.bench'),
  import: () => import('./import.bench'),
  counter: () => import('./counter.bench'),
  'import-dupes': () => import('./import-dupes.bench'),
  insight: () => import('./insight.bench'),
  backup: () => import('./backup.bench'),
  pack: () => import('./pack.bench'),
  crash: () => import('./crash.bench'),
};

async function main(argv: string[]): Promise<number> {
  const firstFlag = argv.findIndex((a) => a.startsWith('-'));
  const names = firstFlag === -1 ? argv : argv.slice(0, firstFlag);
  const args = firstFlag === -1 ? [] : argv.slice(firstFlag);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('Usage: npm run bench -- [name…] [--size N] [--seed S]\n');
    for (const [name, load] of Object.entries(BENCHES))
      console.log(`  ${name.padEnd(10)} ${(await load()).description}`);
    return 0;
  }
  const unknown = names.filter((n) => !Object.hasOwn(BENCHES, n));
  if (unknown.length > 0) {
    console.error(`Unknown bench: ${unknown.join(', ')}. Registered: ${Object.keys(BENCHES).join(', ')}`);
    return 2;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const bench = await (BENCHES[name] as () => Promise<Bench>)();
    const t0 = Date.now();
    await bench.run(args);
    console.log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
