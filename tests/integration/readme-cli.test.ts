// README's "The command line" section and `custodian --help` (the built CLI) name the same
// commands, the same options for each command, and the same environment variables, so neither
// can gain or lose one without the other.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBuild, ROOT } from '../support/built';

const OPTION = /--[a-z][a-z-]*/g;
const VARIABLE = /\bCUSTODIAN_[A-Z_]+\b/g;

type Usage = Map<string, Set<string>>;

const found = (text: string, pattern: RegExp) => new Set(text.match(pattern) ?? []);
const sorted = (set: Set<string>) => [...set].sort();

function add(usage: Usage, command: string, text: string): void {
  const options = usage.get(command) ?? new Set<string>();
  for (const option of found(text, OPTION)) options.add(option);
  usage.set(command, options);
}

/** `--help`: each entry of the Usage block starts "  custodian WORD"; indented lines continue it. */
function helpUsage(help: string): Usage {
  const block = help.slice(help.indexOf('Usage:'), help.indexOf('\n\n', help.indexOf('Usage:')));
  const usage: Usage = new Map();
  let command: string | null = null;
  for (const line of block.split('\n').slice(1)) {
    const start = line.match(/^ {2}custodian (\S+)/);
    if (start) command = start[1] as string;
    if (command) add(usage, command, line);
  }
  return usage;
}

/** README: the section's sh block, one `npx custodian WORD …` line per form. */
function readmeUsage(section: string): Usage {
  const block = section.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
  const usage: Usage = new Map();
  for (const line of block.split('\n')) {
    const start = line.match(/^npx custodian (\S+)/);
    if (start) add(usage, start[1] as string, line);
  }
  return usage;
}

let help: string;
let section: string;

beforeAll(() => {
  ensureNodeBuild();
  help = execFileSync(process.execPath, [path.join(ROOT, 'dist/cli.cjs'), '--help'], { encoding: 'utf8' });
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## The command line');
  section = readme.slice(start, readme.indexOf('\n## ', start + 1));
});

describe('README and custodian --help', () => {
  it('list the same commands with the same options each', () => {
    const fromHelp = helpUsage(help);
    const fromReadme = readmeUsage(section);
    expect(fromHelp.size).toBeGreaterThan(5); // the parser found the Usage block
    expect(sorted(new Set(fromReadme.keys()))).toEqual(sorted(new Set(fromHelp.keys())));
    for (const [command, options] of fromHelp) {
      expect(sorted(fromReadme.get(command) ?? new Set()), `custodian ${command}`).toEqual(sorted(options));
    }
  });

  it('name the same options and environment variables anywhere in the text', () => {
    expect(sorted(found(section, OPTION))).toEqual(sorted(found(help, OPTION)));
    expect(sorted(found(section, VARIABLE))).toEqual(sorted(found(help, VARIABLE)));
    // The new passphrase for rekey has its own variable and file option.
    expect(found(section, VARIABLE)).toContain('CUSTODIAN_NEW_PASSPHRASE');
    expect(found(section, OPTION)).toContain('--new-passphrase-file');
  });
});
