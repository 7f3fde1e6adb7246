// Where the Chromium host saves what the page downloads: CUSTODIAN_DOWNLOAD_DIR if set (the
// browser tests point it at a temp folder), else the person's Downloads folder; a name already
// taken gets " (2)", " (3)"… as browsers do, so nothing is overwritten. (Electron asks with its
// own save dialog instead; both report the outcome as the 'download.done' event.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function downloadDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CUSTODIAN_DOWNLOAD_DIR || path.join(os.homedir(), 'Downloads');
}

/** A path in `dir` for `suggested` that names no existing file (the name stripped of any folder). */
export function freePath(dir: string, suggested: string): string {
  const base = path.basename(suggested.replace(/[\\/]/g, '_')) || 'download';
  const ext = path.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? base : `${stem} (${n})${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}
