// Passphrases and prompts: from CUSTODIAN_PASSPHRASE, --passphrase-file or a hidden prompt,
// never from the command line (it would sit in shell history and in every process listing).
import fs from 'node:fs';
import readline from 'node:readline';
import { err, Failure, Interrupted, type Options, UsageError } from './common';

export function readSecretFile(path: string, what: string): string {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new Failure(`Cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  try {
    if (process.platform !== 'win32' && (fs.statSync(path).mode & 0o077) !== 0) {
      err(`warning: ${path} can be read by other users on this computer (chmod 600 ${path}).`);
    }
  } catch {
    // The warning is a courtesy; the read above already succeeded.
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new Failure(`The ${what} file ${path} is empty.`);
  return value;
}

export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new UsageError(
        'No passphrase given: set CUSTODIAN_PASSPHRASE or use --passphrase-file PATH (there is no terminal to ask in).',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      if (chunk.startsWith('\u001b')) return; // arrow keys and the like
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) return finish(new Interrupted());
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

export function promptLine(question: string): Promise<string> {
  if (!process.stdin.isTTY) return Promise.reject(new UsageError('Give the owner name with --owner NAME.'));
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve, reject) => {
    rl.on('close', () => reject(new Interrupted()));
    rl.question(question, (answer) => {
      rl.removeAllListeners('close');
      rl.close();
      resolve(answer);
    });
  });
}

export async function passphrase(options: Options): Promise<string> {
  const file = options.values.get('passphrase-file');
  if (file !== undefined) return readSecretFile(file, 'passphrase');
  const env = process.env.CUSTODIAN_PASSPHRASE;
  if (env) return env;
  return promptHidden('Passphrase: ');
}

/** A new passphrase: from the environment or a file, or typed twice. */
export async function newPassphrase(options: Options, envName: string, fileOption: string): Promise<string> {
  const file = options.values.get(fileOption);
  if (file !== undefined) return readSecretFile(file, 'new passphrase');
  const env = process.env[envName];
  if (env) return env;
  if (!process.stdin.isTTY) {
    throw new UsageError(`No new passphrase given: set ${envName} or use --${fileOption} PATH.`);
  }
  for (;;) {
    const first = await promptHidden('New passphrase (at least 10 characters; a few unrelated words work well): ');
    const again = await promptHidden('The same again: ');
    if (first === again) return first;
    err('The two did not match. Try again, or press Ctrl-C to stop.');
  }
}
