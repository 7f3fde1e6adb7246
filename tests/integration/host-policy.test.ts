// The one host policy (electron/hosts/policy.ts): the CSP is strict, the hostile paths both
// hosts might be asked for resolve to nothing outside the renderer folder, and each host takes
// its CSP, types and path check from the module rather than keeping a copy of its own. (The
// Electron host serving through it is tested in electron-security.test.ts, the Chromium host in
// tests/e2e/host.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CSP, contentType, locateAsset, securityHeaders } from '../../electron/hosts/policy';
import { ROOT } from '../support/built';
import { tempDir } from '../support/files';

let root: string;

beforeEach(() => {
  const dir = tempDir();
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<title>Custodian</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'leak.txt'));
});

describe('host policy', () => {
  it('allows only our own code: no inline script or style, no network, no frames, no forms', () => {
    const directives = Object.fromEntries(CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe|\*|http:|https:/);
    expect(securityHeaders()).toMatchObject({ 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' });
  });

  it('labels files by extension and never leaves an unknown kind to sniffing', () => {
    expect(contentType('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('/r/assets/APP.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/r/font.woff2')).toBe('font/woff2');
    expect(contentType('/r/page.php')).toBe('application/octet-stream');
  });

  it('serves the files inside the renderer folder, the index for the root', () => {
    const real = fs.realpathSync(root);
    expect(locateAsset(root, '/')).toEqual({ ok: true, file: path.join(real, 'index.html') });
    expect(locateAsset(root, '/assets/app.js')).toEqual({ ok: true, file: path.join(real, 'assets', 'app.js') });
    expect(locateAsset(root, '/missing.js')).toEqual({ ok: false, status: 404 });
    expect(locateAsset(root, '/assets')).toEqual({ ok: false, status: 404 });
  });

  it('refuses every path that leads outside the renderer folder', () => {
    for (const pathname of [
      '/..%2Fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5Csecret.txt',
      '/../secret.txt',
      '/leak.txt', // a symbolic link pointing outside
      '/%2Fetc%2Fpasswd',
      '/index.html%00.js',
      '/%E0%A4%A', // not decodable
    ]) {
      expect(locateAsset(root, pathname).ok, pathname).toBe(false);
    }
  });

  it('is the only copy: both hosts take the CSP, the types and the path check from it', () => {
    for (const host of ['electron/main.ts', 'electron/hosts/chromium-host.ts']) {
      const source = fs.readFileSync(path.join(ROOT, host), 'utf8');
      expect(source, host).toMatch(/from '\.\/(hosts\/)?policy'/);
      expect(source, host).toMatch(/locateAsset\(/);
      expect(source, host).toMatch(/securityHeaders\(\)/);
      expect(source, host).not.toMatch(/default-src|text\/javascript|startsWith\(root/);
    }
  });
});
