// The outside tools some tests open our files with (poppler, tesseract, GnuPG, LibreOffice, the
// official SQLCipher, Chromium), and one way to ask whether each is installed: a test whose tool
// is missing is skipped, counted as skipped, with the reason printed. CI installs them all.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestContext } from 'vitest';
import { CHROMIUM } from '../../electron/hosts/chromium-host';

export type Tool = 'pdftotext' | 'pdftoppm' | 'tesseract' | 'gpg' | 'soffice' | 'sqlcipher' | 'chromium';

/** Where each tool comes from, for the skip message. */
const PACKAGE: Record<Tool, string> = {
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  tesseract: 'tesseract-ocr',
  gpg: 'gnupg',
  soffice: 'libreoffice-calc-nogui',
  sqlcipher: '@journeyapps/sqlcipher, built at npm install',
  chromium: `Debian's chromium, expected at ${CHROMIUM}`,
};

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

function officialSqlcipherLoads(): boolean {
  try {
    createRequire(import.meta.url)('@journeyapps/sqlcipher');
    return true;
  } catch {
    return false;
  }
}

const known = new Map<Tool, boolean>();

/** Whether the tool is installed: a command on PATH, Chromium where the host launches it, or the built module. */
export function hasTool(tool: Tool): boolean {
  let found = known.get(tool);
  if (found === undefined) {
    if (tool === 'chromium') found = fs.existsSync(CHROMIUM);
    else if (tool === 'sqlcipher') found = officialSqlcipherLoads();
    else found = onPath(tool);
    known.set(tool, found);
  }
  return found;
}

/** Why a test needing these tools cannot run here, or null when all are installed. */
export function missingTools(...tools: Tool[]): string | null {
  const missing = tools.filter((tool) => !hasTool(tool));
  if (missing.length === 0) return null;
  return `skipped: ${missing.map((tool) => `${tool} (${PACKAGE[tool]})`).join(', ')} not installed`;
}

/** Call first in a test (or a beforeEach): skips the test, saying why, when a tool is missing. */
export function needTools(ctx: Pick<TestContext, 'skip' | 'task'>, ...tools: Tool[]): void {
  const reason = missingTools(...tools);
  if (!reason) return;
  console.log(`"${ctx.task.name}" ${reason}.`);
  ctx.skip(reason);
}
