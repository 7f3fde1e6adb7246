// One name per capability: every method's prefix is a capability, its schema is declared in
// shared/contract/<prefix>.ts and its handler in electron/core/<prefix>/handlers.ts. A method
// declared or handled anywhere else fails here, so the layout cannot drift back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, contract, type Method } from '../../shared/contract';

const root = path.resolve(import.meta.dirname, '../..');
const methods = Object.keys(contract) as Method[];
const prefixOf = (method: string) => method.slice(0, method.indexOf('.'));

/** Every exported object of a module that looks like a method table, merged. */
async function tablesOf(file: string): Promise<Record<string, unknown>> {
  const mod = (await import(file)) as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const value of Object.values(mod)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(merged, value);
  }
  return merged;
}

describe('capabilities', () => {
  it('every method is named <capability>.<action>, and every capability has methods', () => {
    const prefixes = new Set(methods.map(prefixOf));
    expect([...prefixes].filter((p) => !(CAPABILITIES as readonly string[]).includes(p))).toEqual([]);
    expect(CAPABILITIES.filter((c) => !prefixes.has(c))).toEqual([]);
  });

  it.each([...CAPABILITIES])('%s: its methods are declared in shared/contract/%s.ts and nowhere else', async (cap) => {
    const own = await tablesOf(path.join(root, 'shared/contract', `${cap}.ts`));
    const mine = methods.filter((m) => prefixOf(m) === cap);
    for (const m of mine) expect(own[m], m).toBe(contract[m]);
    // The contract file holds no method of another capability.
    const foreign = Object.keys(own).filter((k) => k in contract && prefixOf(k) !== cap);
    expect(foreign).toEqual([]);
  });

  it.each([...CAPABILITIES])('%s: its handlers are in electron/core/%s/handlers.ts', async (cap) => {
    const file = path.join(root, 'electron/core', cap, 'handlers.ts');
    expect(fs.existsSync(file), file).toBe(true);
    const own = await tablesOf(file);
    const mine = methods.filter((m) => prefixOf(m) === cap);
    expect(Object.keys(own).sort()).toEqual([...mine].sort());
    for (const m of mine) expect(typeof own[m], m).toBe('function');
  });

  it('no contract file outside the capabilities declares methods', async () => {
    const dir = path.join(root, 'shared/contract');
    const others = fs
      .readdirSync(dir)
      .filter(
        (f) => f.endsWith('.ts') && f !== 'index.ts' && !(CAPABILITIES as readonly string[]).includes(f.slice(0, -3)),
      );
    for (const f of others) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/^\s+'[a-z]+\.[A-Za-z.]+': \{\s*input:/m);
    }
  });
});
