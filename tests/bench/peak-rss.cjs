// Preloaded (node --require) into a process the benchmarks run: reports its peak resident set
// (the kernel's high-water mark, worker threads included) on exit, for import.bench.ts to read.
process.on('exit', () => process.stderr.write(`PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`));
