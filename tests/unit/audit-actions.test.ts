// The catalogue of audit actions is complete: every action the core writes has a plain label and
// a kind for the audit screen's filter. tsc already refuses an unknown literal (appendAudit takes
// an AuditAction); this scan of the sources also catches an action reached through a variable or
// a cast, and a label left behind for an action nothing writes any more.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AUDIT_KIND_LABELS,
  AUDIT_KINDS,
  actionsOfKind,
  auditLabel,
  describeAudit,
  isAuditAction,
} from '../../shared/audit-actions';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function sources(dir: string): { file: string; text: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));
}

/** The text between the parenthesis at `open` and its partner (strings and templates skipped). */
function balanced(text: string, open: number): string {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  throw new Error('unbalanced call');
}

/** The expression given for `action` in an entry: up to the next comma or brace at its level. */
function actionExpression(args: string): string | null {
  const m = /\baction\b\s*(:|,|\})/.exec(args);
  if (!m) return null;
  if (m[1] !== ':') return 'action';
  const rest = args.slice(m.index + m[0].length);
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || (c === '}' && depth > 0)) depth--;
    else if ((c === ',' || c === '}') && depth === 0) return rest.slice(0, i).trim();
  }
  return rest.trim();
}

/** The string literals of an expression, but not those it compares with (`status === 'failed'`). */
const literals = (text: string) =>
  [...text.replace(/[!=]==?\s*('[^']*'|"[^"]*")/g, '').matchAll(/'([^'\\]+)'|"([^"\\]+)"/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
const dynamicTemplate = /`[^`]*\$\{/;

/** The name of the function declared last before `index` in the text. */
const enclosingFunction = (text: string, index: number) =>
  [...text.slice(0, index).matchAll(/function\s+(\w+)\s*\(/g)].at(-1)?.[1];

/** Record the actions the callers of `fn` name; a caller that passes a variable is followed up. */
function actionsPassedTo(
  fn: string,
  files: { file: string; text: string }[],
  found: Map<string, string>,
  levels: number,
  inFile?: string,
): number {
  let named = 0;
  // A function found by walking up is looked for only in its own file: short names recur.
  for (const other of files.filter((f) => inFile === undefined || f.file === inFile)) {
    for (const use of other.text.matchAll(new RegExp(`\\b${fn}\\(`, 'g'))) {
      if (/function\s+$/.test(other.text.slice(Math.max(0, (use.index ?? 0) - 10), use.index))) continue;
      const callArgs = balanced(other.text, (use.index ?? 0) + use[0].length - 1);
      // Further up, a call carries other arguments too (messages in templates): only the first
      // level's call is held to 'no action built from a template'.
      if (inFile === undefined) {
        expect(dynamicTemplate.test(callArgs), `${other.file}: ${fn} given a template action`).toBe(false);
      }
      // An action reads like one ('search', 'customers.export'); further up, only a dotted one
      // counts (the same call may carry a status such as 'failed').
      const shape = inFile === undefined ? /^[a-z]+(\.[A-Za-z_]+)?$/ : /^[a-z]+\.[A-Za-z_]+$/;
      const actions = literals(callArgs).filter((s) => shape.test(s));
      for (const action of actions) found.set(action, other.file);
      named += actions.length;
      const caller = enclosingFunction(other.text, use.index ?? 0);
      if (actions.length === 0 && levels > 1 && caller && caller !== fn) {
        named += actionsPassedTo(caller, files, found, levels - 1, other.file);
      }
    }
  }
  return named;
}

/** Every action string the core writes, with where it is written. */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  const files = sources(path.join(ROOT, 'electron'));
  for (const { file, text } of files) {
    for (const call of text.matchAll(/\b(appendAudit|appendReadAudit)\(/g)) {
      if (/function\s+$/.test(text.slice(Math.max(0, (call.index ?? 0) - 10), call.index))) continue;
      const args = balanced(text, (call.index ?? 0) + call[0].length - 1);
      const expression = actionExpression(args);
      if (expression === null) continue; // a pass-through of a whole entry (the read batch)
      expect(dynamicTemplate.test(expression), `${file}: an action built from a template: ${expression}`).toBe(false);
      const named = literals(expression);
      if (named.length > 0) {
        for (const action of named) found.set(action, file);
        continue;
      }
      // Reached through a variable: the enclosing function's callers pass the action (or pass
      // it on again from their own callers, followed a few levels up).
      const fn = enclosingFunction(text, call.index ?? 0);
      expect(fn, `${file}: cannot tell where the action ${expression} comes from`).toBeTruthy();
      expect(actionsPassedTo(fn ?? '', files, found, 3), `${file}: no caller of ${fn} names an action`).toBeGreaterThan(
        0,
      );
    }
  }
  return found;
}

describe('the catalogue of audit actions', () => {
  const written = writtenActions();

  it('finds the actions the core writes (the scan itself works)', () => {
    expect(written.size).toBeGreaterThan(50);
    for (const action of ['customer.view', 'search', 'customers.export', 'refused', 'import.undo', 'import.cancel'])
      expect(written.has(action), action).toBe(true);
  });

  it('has a plain label and a kind for every action the core writes', () => {
    const missing = [...written].filter(([action]) => !isAuditAction(action)).map(([a, file]) => `${a} (${file})`);
    expect(missing).toEqual([]);
  });

  it('lists no action that nothing writes', () => {
    expect(Object.keys(AUDIT_ACTIONS).filter((a) => !written.has(a))).toEqual([]);
  });

  it('labels are words, not codes, and every kind has actions and a label', () => {
    for (const [action, entry] of Object.entries(AUDIT_ACTIONS)) {
      expect(entry.label, action).toMatch(/^[A-Z][^._]*$/);
      expect(AUDIT_KINDS).toContain(entry.kind);
    }
    for (const kind of AUDIT_KINDS) {
      expect(actionsOfKind(kind).length, kind).toBeGreaterThan(0);
      expect(AUDIT_KIND_LABELS[kind]).toMatch(/^[A-Z]/);
    }
    expect(auditLabel('something.new')).toBe('Another action (something.new)');
  });

  it('says the stored details in words, never as JSON', () => {
    expect(describeAudit('search', JSON.stringify({ q: 'smi', results: 3 }))).toBe('Searched for “smi” (3 results)');
    expect(
      describeAudit(
        'customers.export',
        JSON.stringify({ format: 'csv', fields: ['email', 'phone'], rows: 120, selection: 'all', after_id: 0 }),
      ),
    ).toBe('Exported 120 customers as CSV (email, phone)');
    expect(describeAudit('refused', JSON.stringify({ method: 'search.query', role: 'volunteer' }))).toBe(
      'Not allowed to search for customers as volunteer',
    );
    expect(describeAudit('refused', JSON.stringify({ method: 'customers.get', code: 'UNAUTHENTICATED' }))).toBe(
      'Not allowed to open a record (not signed in, or the sign-in had ended)',
    );
    expect(describeAudit('search', '')).toBe('(details erased)');
    expect(describeAudit('customer.view', '')).toBe('');
    // Whatever an action stores, nested or not, the words hold no braces, quotes or colons of JSON.
    const odd = JSON.stringify({ nested: { deep: [1, 'two'] }, flag: true, key: 'given_name', fields: ['a_b'] });
    for (const action of [...Object.keys(AUDIT_ACTIONS), 'from.a.newer.version']) {
      expect(describeAudit(action, odd), action).not.toMatch(/[{}"[\]]/);
    }
  });
});
