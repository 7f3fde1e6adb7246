// SQL text only behind the query layer: outside `*.queries.ts` files and electron/core/db/ (whose
// migrations hold the schema), no source file may hold SQL in a string or template, call
// .prepare(, .pragma( or a database's .exec(, or import the query layer's functions. This is
// the seam a second engine (PostgreSQL) needs: everything engine-specific sits behind it.
// The scan reads the source itself: comments are skipped, string and template text is checked
// for SQL statements, code for the database calls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SCANNED = ['electron', 'shared', 'renderer/src'];

/** Allowed to hold SQL: the query layer itself. */
const allowed = (file: string) => file.endsWith('.queries.ts') || file.startsWith('electron/core/db/');

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(rel);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const dir of SCANNED) walk(dir);
  return out;
}

/** Split source into code and string text, comments dropped (a small lexer: enough for our own files). */
function lex(source: string): { code: string; strings: string[] } {
  let code = '';
  const strings: string[] = [];
  let i = 0;
  // Template nesting: each entry is the brace depth at which a ${…} returns to its template.
  const templates: number[] = [];
  let depth = 0;
  let last = ''; // last significant code character, to tell a regex literal from a division
  const readString = (quote: string): string => {
    let text = '';
    i++;
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else text += source[i++];
    }
    i++;
    return text;
  };
  const readTemplate = (): void => {
    // From just after ` (or after the } closing a ${…}) to the closing ` or the next ${.
    let text = '';
    while (i < source.length) {
      const c = source[i] as string;
      if (c === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i++;
        strings.push(text);
        code += '``';
        last = '`';
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        i += 2;
        strings.push(text);
        code += '`${';
        templates.push(depth);
        depth++;
        last = '{';
        return;
      } else text += source[i++];
    }
  };
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last) || /return$/.test(code.trimEnd()))) {
      // A regular expression literal: skip it (character classes may hold a slash).
      i++;
      let inClass = false;
      while (i < source.length) {
        const r = source[i] as string;
        if (r === '\\') i += 2;
        else {
          if (r === '[') inClass = true;
          else if (r === ']') inClass = false;
          else if (r === '/' && !inClass) break;
          i++;
        }
      }
      i++;
      while (/[a-z]/i.test(source[i] ?? '')) i++;
      code += '/re/';
      last = '/';
    } else if (c === "'" || c === '"') {
      strings.push(readString(c));
      code += `${c}${c}`;
      last = c;
    } else if (c === '`') {
      i++;
      readTemplate();
    } else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      i++;
      code += '}';
      readTemplate();
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      code += c;
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return { code, strings };
}

const SQL_TEXT = /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\b\s/;
const DB_CALLS: [RegExp, string][] = [
  [/\.prepare(<[^>]*>)?\(/, '.prepare('],
  [/\.pragma\(/, '.pragma('],
  [/\.exec\(\s*['"`]/, '.exec( with SQL'],
  [/\bdb\.exec\(/, 'db.exec('],
];

function violations(file: string): string[] {
  const source = fs.readFileSync(path.resolve(ROOT, file), 'utf8');
  const { code, strings } = lex(source);
  const found: string[] = [];
  for (const s of strings) {
    const m = SQL_TEXT.exec(s);
    if (m) found.push(`SQL text "${s.trim().slice(0, 50)}"`);
  }
  for (const [pattern, name] of DB_CALLS) if (pattern.test(code)) found.push(name);
  // Imports keep their path as a string: look at the source for a value import of db/sql.
  for (const m of source.matchAll(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']*\/db\/sql)';/gm)) {
    const names = (m[2] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const values = m[1] ? [] : names.filter((n) => !n.startsWith('type '));
    if (values.length > 0) found.push(`imports ${values.join(', ')} from the query layer`);
  }
  return found;
}

describe('SQL stays behind the query layer', () => {
  const files = sourceFiles().filter((f) => !allowed(f));
  const found = new Map(files.map((f) => [f, violations(f)] as const).filter(([, v]) => v.length > 0));

  it('no SQL text, statement or pragma outside *.queries.ts and db/', () => {
    expect([...found].map(([f, v]) => `${f}: ${v.join('; ')}`)).toEqual([]);
  });

  it('finds each kind of violation (the scan itself)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-scan-'));
    const probe = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return violations(file);
    };
    try {
      expect(probe('a.ts', 'const q = `SELECT id FROM customers WHERE id = $' + '{id}`;')).toHaveLength(1);
      expect(probe('b.ts', "run(db, 'DELETE FROM t WHERE id = ' + id);")).toHaveLength(1);
      expect(probe('c.ts', 'db.prepare(text).run();')).toEqual(['.prepare(']);
      expect(probe('d.ts', "db.pragma('cache_size=1');")).toEqual(['.pragma(']);
      expect(probe('e.ts', "ctx.db.exec('VACUUM');")).toContain('.exec( with SQL');
      expect(probe('f.ts', "import { all, sql } from '../db/sql';")).toHaveLength(1);
      // Not violations: comments, a RegExp's exec, a type import, words in prose.
      expect(probe('g.ts', '// SELECT id FROM t\n/* UPDATE t SET */\nconst m = /^(\\d{4})$/.exec(v);\n')).toEqual([]);
      expect(probe('h.ts', "import type { Query } from '../db/sql';\nconst s = 'Select the rows to update';")).toEqual(
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
