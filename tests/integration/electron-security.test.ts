// The Electron hardening, checked without the Electron binary: first by reading the sources and
// the built bundles, then by running the built main and preload bundles against a stand-in
// 'electron' module that records what they ask for and lets us call their handlers directly.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../electron/hosts/policy';
import { BUILT, ensureNodeBuild, ROOT } from '../support/built';

const read = (relative: string) => fs.readFileSync(path.join(ROOT, relative), 'utf8');
const q = `['"]`; // esbuild prints double quotes, the sources use single ones

beforeAll(() => {
  ensureNodeBuild();
});

describe('static: sources and built bundles', () => {
  for (const [label, text] of [
    ['electron/main.ts', () => read('electron/main.ts')],
    ['dist/electron/main.cjs', () => fs.readFileSync(BUILT.main, 'utf8')],
  ] as const) {
    it(`${label} creates windows isolated, sandboxed, without Node, with web security`, () => {
      const source = text();
      expect(source).toMatch(/contextIsolation: true/);
      expect(source).toMatch(/sandbox: true/);
      expect(source).toMatch(/nodeIntegration: false/);
      expect(source).toMatch(/webSecurity: true/);
      expect(source).toMatch(/webviewTag: false/);
      expect(source).not.toMatch(/contextIsolation: false|sandbox: false|nodeIntegration: true|webSecurity: false/);
      expect(source).toMatch(/enableSandbox\(\)/);
    });

    it(`${label} denies new windows, navigation, webviews and permissions`, () => {
      const source = text();
      expect(source).toMatch(new RegExp(`setWindowOpenHandler\\(\\(\\) => \\(\\{ action: ${q}deny${q} \\}\\)\\)`));
      expect(source).toMatch(new RegExp(`on\\(${q}will-navigate${q}, \\(event\\) => event\\.preventDefault\\(\\)\\)`));
      expect(source).toMatch(
        new RegExp(`on\\(${q}will-attach-webview${q}, \\(event\\) => event\\.preventDefault\\(\\)\\)`),
      );
      expect(source).toMatch(
        /setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/,
      );
      expect(source).toMatch(/requestSingleInstanceLock\(\)/);
      // DevTools only on an unpackaged build a developer started with CUSTODIAN_DEV=1; our own menu.
      expect(source).toMatch(/devTools: \w+/);
      expect(source).not.toMatch(/devTools: true/);
      expect(source).toMatch(new RegExp(`!(\\w+\\.)*isPackaged && process\\.env\\.CUSTODIAN_DEV === ${q}1${q}`));
      expect(source).toMatch(/Menu\.setApplicationMenu\(/);
      // One IPC entry point, request/response only.
      expect(source.match(/ipcMain\.(handle|on|once)\(/g)).toEqual(['ipcMain.handle(']);
    });
  }

  it('the preload exposes only window.custodian, and never ipcRenderer itself', () => {
    for (const source of [read('electron/preload.ts'), fs.readFileSync(BUILT.preload, 'utf8')]) {
      const exposed = [...source.matchAll(/exposeInMainWorld\(\s*(['"])([^'"]+)\1\s*,\s*(\w+)\s*\)/g)];
      expect(exposed.map((m) => m[2])).toEqual(['custodian']);
      expect(exposed[0]?.[3]).not.toMatch(/ipcRenderer/);
      expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    }
  });

  it('the packaged app has the hardening fuses: ASAR integrity, app only from the ASAR, no file:// privileges', () => {
    const config = read('electron-builder.yml');
    const block = config.match(/^electronFuses:\n((?:[ \t]+.*\n?)+)/m)?.[1] ?? '';
    const fuses = Object.fromEntries(
      [...block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true']),
    );
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config).toMatch(/^asar: true$/m);
    // Without file:// privileges the renderer must come from our own scheme, never from a file.
    for (const source of [read('electron/main.ts'), fs.readFileSync(BUILT.main, 'utf8')]) {
      expect(source).not.toMatch(/loadFile\(|file:\/\//);
      expect(source).toMatch(/loadURL\(/);
    }
  });

  it('nothing under electron/core imports electron', () => {
    const dir = path.join(ROOT, 'electron/core');
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const source = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      expect(source, entry.name).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The built bundles under a stand-in 'electron'.

type Handler = (...args: unknown[]) => unknown;
type FakeContents = { send: Handler; sent: unknown[][]; mainFrame: FakeFrame };
type FakeFrame = { url: string; parent: FakeFrame | null };

type MenuItem = { role?: string; label?: string; submenu?: MenuItem[] };

function fakeElectron(options: { lock: boolean; userData: string; packaged?: boolean }) {
  const calls = {
    menu: null as { template: MenuItem[] } | null,
    quit: 0,
    enableSandbox: 0,
    schemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    ipc: new Map<string, Handler>(),
    appEvents: new Map<string, Handler>(),
    windows: [] as FakeWindow[],
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    sessionEvents: new Map<string, Handler>(),
    switches: [] as string[][],
  };
  class FakeWindow {
    readonly webContents: FakeContents;
    readonly loaded: string[] = [];
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      const sent: unknown[][] = [];
      this.webContents = {
        sent,
        send: (...args: unknown[]) => sent.push(args),
        mainFrame: { url: 'app://custodian/index.html', parent: null },
      };
      calls.windows.push(this);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    show() {}
    focus() {}
  }
  const electron = {
    app: {
      isPackaged: options.packaged ?? false,
      requestSingleInstanceLock: () => options.lock,
      quit: () => {
        calls.quit++;
      },
      enableSandbox: () => {
        calls.enableSandbox++;
      },
      on: (name: string, handler: Handler) => calls.appEvents.set(name, handler),
      whenReady: () => Promise.resolve(),
      getPath: () => options.userData,
      commandLine: { appendSwitch: (...args: string[]) => calls.switches.push(args) },
    },
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (template: MenuItem[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuItem[] }) => {
        calls.menu = menu;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: (typeof calls.schemes)[number][]) => calls.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        calls.protocols.set(scheme, handler),
    },
    ipcMain: { handle: (channel: string, handler: Handler) => calls.ipc.set(channel, handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => {
          calls.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: Handler) => {
          calls.permissionCheck = handler;
        },
        setDevicePermissionHandler: () => {},
        on: (name: string, handler: Handler) => calls.sessionEvents.set(name, handler),
      },
    },
  };
  return { electron, calls };
}

/** Run a CommonJS bundle with `require('electron')` answered by the stand-in. */
function runBundle(file: string, electron: unknown): void {
  const code = fs.readFileSync(file, 'utf8');
  const realRequire = createRequire(file);
  const require = (id: string) => (id === 'electron' ? electron : realRequire(id));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__filename', '__dirname', code)(
    require,
    module,
    module.exports,
    file,
    path.dirname(file),
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('built main bundle under a stand-in electron', () => {
  // A copy of dist/ inside the repo (so the worker still finds node_modules), with a tiny renderer
  // and a secret file beside it that must never be served.
  let layout: string;
  let customerFile: string;
  let fake: ReturnType<typeof fakeElectron>;
  const previousFile = process.env.CUSTODIAN_FILE;

  beforeAll(async () => {
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    layout = fs.mkdtempSync(path.join(ROOT, '.tmp', 'main-bundle-'));
    fs.mkdirSync(path.join(layout, 'electron'));
    fs.mkdirSync(path.join(layout, 'renderer/assets'), { recursive: true });
    fs.copyFileSync(BUILT.main, path.join(layout, 'electron/main.cjs'));
    fs.copyFileSync(BUILT.worker, path.join(layout, 'core-worker.cjs'));
    fs.writeFileSync(path.join(layout, 'renderer/index.html'), '<!doctype html><title>Custodian</title>');
    fs.writeFileSync(path.join(layout, 'renderer/assets/app.js'), 'console.log(1);');
    fs.writeFileSync(path.join(layout, 'secret.txt'), 'SECRET');
    fs.symlinkSync(path.join(layout, 'secret.txt'), path.join(layout, 'renderer/leak.txt'));
    customerFile = path.join(layout, 'customers.custodian');
    process.env.CUSTODIAN_FILE = customerFile;

    fake = fakeElectron({ lock: true, userData: path.join(layout, 'user-data') });
    runBundle(path.join(layout, 'electron/main.cjs'), fake.electron);
    await settle(); // whenReady().then(...)
  });

  afterAll(async () => {
    // Quit the way Electron would, so the worker closes the file before the folder goes.
    const beforeQuit = fake.calls.appEvents.get('before-quit');
    let prevented = false;
    beforeQuit?.({ preventDefault: () => (prevented = true) });
    if (prevented) {
      for (let i = 0; i < 100 && fake.calls.quit === 0; i++) await settle();
    }
    if (previousFile === undefined) delete process.env.CUSTODIAN_FILE;
    else process.env.CUSTODIAN_FILE = previousFile;
    fs.rmSync(layout, { recursive: true, force: true });
  });

  it('sandboxes every renderer and makes app:// a standard, secure scheme before ready', () => {
    expect(fake.calls.enableSandbox).toBe(1);
    // British English for anything Chromium still words or formats by locale.
    expect(fake.calls.switches).toContainEqual(['lang', 'en-GB']);
    expect(fake.calls.schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('opens one locked-down window on app://custodian/index.html with the built preload', () => {
    expect(fake.calls.windows).toHaveLength(1);
    const [win] = fake.calls.windows;
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join(layout, 'electron/preload.cjs'),
    });
    expect(win?.loaded).toEqual(['app://custodian/index.html']);
  });

  it('refuses every permission', () => {
    let granted: unknown = 'unanswered';
    fake.calls.permissionRequest?.({}, 'media', (answer: unknown) => {
      granted = answer;
    });
    expect(granted).toBe(false);
    expect(fake.calls.permissionCheck?.({}, 'clipboard-read')).toBe(false);
  });

  it('tells the page where a saved file went, or that it did not (download.done)', () => {
    const willDownload = fake.calls.sessionEvents.get('will-download');
    expect(willDownload).toBeDefined();
    const [win] = fake.calls.windows;
    const item = (url: string, savePath: string) => {
      let done: Handler = () => {};
      return {
        getURL: () => url,
        getSavePath: () => savePath,
        once: (name: string, handler: Handler) => {
          if (name === 'done') done = handler;
        },
        finish: (state: string) => done({}, state),
      };
    };
    const saved = item('blob:app://custodian/1', '/home/olive/Documents/customers.csv');
    const cancelled = item('blob:app://custodian/2', '');
    willDownload?.({}, saved, win?.webContents);
    willDownload?.({}, cancelled, win?.webContents);
    const before = win?.webContents.sent.length ?? 0;
    saved.finish('completed');
    cancelled.finish('cancelled');
    expect(win?.webContents.sent.slice(before)).toEqual([
      [
        'custodian:event',
        'download.done',
        { url: 'blob:app://custodian/1', path: '/home/olive/Documents/customers.csv', cancelled: false },
      ],
      ['custodian:event', 'download.done', { url: 'blob:app://custodian/2', path: null, cancelled: true }],
    ]);
  });

  it('denies navigation, new windows and webviews in every web contents', () => {
    const events = new Map<string, Handler>();
    let openHandler: Handler | null = null;
    const contents = {
      on: (name: string, handler: Handler) => events.set(name, handler),
      setWindowOpenHandler: (handler: Handler) => {
        openHandler = handler;
      },
    };
    fake.calls.appEvents.get('web-contents-created')?.({}, contents);
    for (const name of ['will-navigate', 'will-attach-webview']) {
      let prevented = false;
      events.get(name)?.({ preventDefault: () => (prevented = true) }, 'https://example.com/');
      expect(prevented, name).toBe(true);
    }
    expect((openHandler as Handler | null)?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  async function get(url: string, method = 'GET') {
    const handler = fake.calls.protocols.get('app');
    if (!handler) throw new Error('no app:// handler');
    const response = await handler(new Request(url, { method }));
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  it('serves dist/renderer over app:// with the strict CSP', async () => {
    const index = await get('app://custodian/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.body).toContain('<title>Custodian</title>');
    expect((await get('app://custodian/')).body).toContain('<title>Custodian</title>');
    const script = await get('app://custodian/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('app://custodian/missing.js')).status).toBe(404);
    expect((await get('app://custodian/index.html', 'POST')).status).toBe(405);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses paths that lead outside dist/renderer', async () => {
    for (const url of [
      'app://custodian/..%2Fsecret.txt',
      'app://custodian/assets/..%2F..%2Fsecret.txt',
      'app://custodian/%2e%2e%2fsecret.txt',
      'app://custodian/..%5Csecret.txt',
      'app://custodian/../secret.txt',
      'app://custodian/leak.txt', // a symbolic link pointing outside
      'app://custodian/%2Fetc%2Fpasswd',
      'app://custodian/index.html%00.js',
    ]) {
      const response = await get(url);
      expect(response.status, url).not.toBe(200);
      expect(response.body, url).not.toContain('SECRET');
    }
  });

  function invokeEvent(overrides: { sender?: unknown; frame?: FakeFrame | null } = {}) {
    const win = fake.calls.windows[0];
    if (!win) throw new Error('no window');
    return {
      sender: overrides.sender ?? win.webContents,
      senderFrame: overrides.frame === undefined ? win.webContents.mainFrame : overrides.frame,
    };
  }

  async function invoke(event: unknown, ...args: unknown[]) {
    const handler = fake.calls.ipc.get('custodian:invoke');
    if (!handler) throw new Error('no custodian:invoke handler');
    return handler(event, ...args);
  }

  it('forwards a request from our window to the core worker', async () => {
    const result = await invoke(invokeEvent(), { method: 'vault.status', input: {}, token: null });
    expect(result).toEqual({ ok: true, value: { path: customerFile, exists: false, unlocked: false } });
    expect([...fake.calls.ipc.keys()]).toEqual(['custodian:invoke']);
  });

  it('refuses requests from other senders, frames or origins', async () => {
    const request = { method: 'vault.status', input: {}, token: null };
    const top = { url: 'app://custodian/index.html', parent: null };
    for (const [label, event] of [
      ['another web contents', invokeEvent({ sender: { mainFrame: top } })],
      ['no frame', invokeEvent({ frame: null })],
      ['a web page', invokeEvent({ frame: { url: 'https://evil.example/', parent: null } })],
      ['a look-alike origin', invokeEvent({ frame: { url: 'app://custodian.evil/index.html', parent: null } })],
      ['a file page', invokeEvent({ frame: { url: 'file:///tmp/index.html', parent: null } })],
      ['a subframe', invokeEvent({ frame: { url: 'app://custodian/index.html', parent: top } })],
    ] as const) {
      expect(await invoke(event, request), label).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('takes exactly one {method, input, token} object', async () => {
    for (const args of [
      [],
      [{ method: 'vault.status', input: {}, token: null }, 'extra'],
      ['vault.status', {}, null],
      [{ method: 'vault.status', input: {}, token: null, sql: 'DROP TABLE customers' }],
      [{ method: 42, input: {} }],
      [{ method: 'vault.status', input: {}, token: 7 }],
      [null],
      [[{ method: 'vault.status' }]],
    ]) {
      expect(await invoke(invokeEvent(), ...args), JSON.stringify(args)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
  });

  it('a second instance quits at once and opens nothing', () => {
    const second = fakeElectron({ lock: false, userData: path.join(layout, 'user-data') });
    const secondDir = path.join(layout, 'second', 'electron');
    fs.mkdirSync(secondDir, { recursive: true });
    fs.copyFileSync(BUILT.main, path.join(secondDir, 'main.cjs'));
    runBundle(path.join(secondDir, 'main.cjs'), second.electron);
    expect(second.calls.quit).toBe(1);
    expect(second.calls.windows).toHaveLength(0);
    expect(second.calls.ipc.size).toBe(0);
  });
});

describe('DevTools and the menu under a stand-in electron', () => {
  const previousDev = process.env.CUSTODIAN_DEV;
  afterAll(() => {
    if (previousDev === undefined) delete process.env.CUSTODIAN_DEV;
    else process.env.CUSTODIAN_DEV = previousDev;
  });

  /** Start the built main bundle as Electron would (packaged or not, with or without the flag). */
  async function start(packaged: boolean, devFlag: boolean) {
    if (devFlag) process.env.CUSTODIAN_DEV = '1';
    else delete process.env.CUSTODIAN_DEV;
    // No call reaches the core, so no worker starts and nothing is written under userData.
    const fake = fakeElectron({ lock: true, userData: path.join(ROOT, '.tmp', 'never-created'), packaged });
    runBundle(BUILT.main, fake.electron);
    await settle();
    const roles = (items: MenuItem[]): string[] =>
      items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
    return {
      devTools: fake.calls.windows[0]?.options.webPreferences.devTools,
      roles: fake.calls.menu ? roles(fake.calls.menu.template) : null,
    };
  }

  it('the packaged app has no DevTools and a menu without Reload or Toggle DevTools, even with the flag', async () => {
    for (const devFlag of [false, true]) {
      const { devTools, roles } = await start(true, devFlag);
      expect(devTools, `flag ${devFlag}`).toBe(false);
      expect(roles, `flag ${devFlag}`).toEqual(expect.arrayContaining(['editMenu', 'windowMenu']));
      for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(roles).not.toContain(role);
    }
  });

  it('an unpackaged build has them only when a developer sets CUSTODIAN_DEV=1', async () => {
    expect(await start(false, false)).toMatchObject({ devTools: false, roles: expect.not.arrayContaining(['reload']) });
    const dev = await start(false, true);
    expect(dev.devTools).toBe(true);
    expect(dev.roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});

describe('built preload bundle under a stand-in electron', () => {
  function loadPreload() {
    const exposed: [string, Record<string, Handler>][] = [];
    const invoked: unknown[][] = [];
    const listeners = new Map<string, Set<Handler>>();
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, Handler>) => exposed.push([name, api]),
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: {} });
        },
        on: (channel: string, listener: Handler) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)?.add(listener);
        },
        removeListener: (channel: string, listener: Handler) => listeners.get(channel)?.delete(listener),
      },
    };
    runBundle(BUILT.preload, electron);
    const emit = (...args: unknown[]) => {
      for (const listener of listeners.get('custodian:event') ?? []) listener({ sender: 'ipc event object' }, ...args);
    };
    return { exposed, invoked, listeners, emit };
  }

  it('exposes exactly window.custodian = { invoke, on }', () => {
    const { exposed } = loadPreload();
    expect(exposed.map(([name]) => name)).toEqual(['custodian']);
    expect(Object.keys(exposed[0]?.[1] ?? {}).sort()).toEqual(['invoke', 'on']);
  });

  it('invoke sends one {method, input, token} object on custodian:invoke', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed[0]?.[1];
    expect(await api?.invoke?.('search.query', { q: 'x' }, 'token-1')).toEqual({ ok: true, value: {} });
    expect(invoked).toEqual([['custodian:invoke', { method: 'search.query', input: { q: 'x' }, token: 'token-1' }]]);
  });

  it('on accepts only contract events and hands listeners the payload alone', () => {
    const { exposed, emit, listeners } = loadPreload();
    const api = exposed[0]?.[1];
    expect(() => api?.on?.('ipc-message', () => {})).toThrow(/no event called/);
    const heard: unknown[][] = [];
    const stop = api?.on?.('session.ended', (...args: unknown[]) => heard.push(args)) as () => void;
    emit('session.ended', { reason: 'locked' });
    emit('something.else', { reason: 'x' });
    expect(heard).toEqual([[{ reason: 'locked' }]]);
    stop();
    expect(listeners.get('custodian:event')?.size).toBe(0);
  });
});
