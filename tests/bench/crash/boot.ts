// Starts the crash bench's writer bundle (writer.cjs beside this file's bundle) from V8's code
// cache: a thousand writer starts each compiling a 5 MB bundle cost more processor time than the
// key derivation they then do. The first writer to find no cache leaves one behind, made once it
// has opened and checked the file, so the functions every start runs are in it.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

type Wrapped = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
const internals = Module as unknown as { wrap(source: string): string; _nodeModulePaths(dir: string): string[] };

const file = path.join(__dirname, 'writer.cjs');
const cacheFile = `${file}.v8-cache`;
const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
const script = new vm.Script(internals.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
if (!cachedData || script.cachedDataRejected) {
  (globalThis as { __crashSaveCodeCache?: () => void }).__crashSaveCodeCache = () => {
    const temp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  };
}
const writer = new Module(file);
writer.filename = file;
writer.paths = internals._nodeModulePaths(path.dirname(file));
(script.runInThisContext() as Wrapped).call(
  writer.exports,
  writer.exports,
  createRequire(file),
  writer,
  file,
  path.dirname(file),
);
