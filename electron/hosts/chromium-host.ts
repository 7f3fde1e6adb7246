// The Chromium host: the real renderer in Debian's Chromium, driven by playwright-core, talking
// to the core in its worker thread (dist/core-worker.cjs, as the Electron app runs it). It is
// how the browser tests (and a developer without Electron) run the app, so they exercise the
// production layout. Like the Electron main process it opens no network listener: the built
// files are served from disk through request interception on a reserved origin
// (custodian.invalid) under the one host policy (policy.ts), every other request is aborted, and
// the page reaches the core only through one exposed binding wrapped as `window.custodian`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Download, type Page, type Route } from 'playwright-core';
import type { CoreEvents, EventName } from '../../shared/contract/events';
import { type CoreWorker, startCoreWorker } from '../core/worker-client';
import { downloadDir, freePath } from './downloads';
import { contentType, locateAsset, securityHeaders } from './policy';

export const ORIGIN = 'https://custodian.invalid';
const APP_URL = `${ORIGIN}/index.html`;
/** Debian's Chromium, the browser the host drives (tests skip where it is missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium refuses its sandbox to root, so only root runs without it; everyone else keeps it. */
const RUNNING_AS_ROOT = process.getuid?.() === 0;
/** What an app window shows until the host serves the app (its title is the window's name). */
const PLACEHOLDER = `data:text/html,${encodeURIComponent('<!doctype html><title>Custodian</title>')}`;
/**
 * Switches Playwright adds that are for test rigs, not for a person's window: Chromium names such
 * switches in a warning bar. The blank first tab is replaced by the app window.
 */
const NOT_FOR_A_WINDOW = [
  '--enable-unsafe-swiftshader',
  '--unsafely-disable-devtools-self-xss-warnings',
  'about:blank',
];

type ChromiumHostOptions = {
  /** The encrypted customer file (created on first run by the create-file screen). */
  file: string;
  headless?: boolean;
  /** Chromium profile folder; a fresh temporary one (removed on close) if not given. */
  userDataDir?: string;
  /** The built renderer; found next to this bundle or under ./dist/renderer if not given. */
  rendererDir?: string;
  /** The built core worker; found next to this bundle or as ./dist/core-worker.cjs if not given. */
  workerPath?: string;
  /**
   * A window that looks like an app (npm start): Chromium's app mode, so no tabs, no address bar
   * and no Back out of it; headed. Off for the tests, which run headless.
   */
  app?: boolean;
  /** Page size; defaults to 1280×800 (null lets a headed window size itself). */
  viewport?: { width: number; height: number } | null;
  executablePath?: string;
  /** false: refuse every file the page saves (it is told so). On by default. */
  acceptDownloads?: boolean;
  /** Where saved files go; CUSTODIAN_DOWNLOAD_DIR or ~/Downloads if not given (downloads.ts). */
  downloadDir?: string;
  /** Told how long each call took in the core worker, round trip included (for the benchmarks). */
  onCall?: (method: string, ms: number) => void;
};

export type ChromiumHost = {
  page: Page;
  context: BrowserContext;
  /** Push a core event to the page, as the Electron main process does over IPC. */
  emit<E extends EventName>(event: E, payload: CoreEvents[E]): Promise<void>;
  close(): Promise<void>;
};

/** The built file `name` under dist/: next to this bundle, or from the sources or the working folder. */
function findBuilt(name: string): string | undefined {
  const candidates: string[] = [];
  // __dirname exists in the esbuild bundle (CommonJS) but not when run as ES modules (tsx).
  if (typeof __dirname === 'string') {
    if (path.basename(__dirname) === 'dist') candidates.push(path.join(__dirname, name));
    candidates.push(path.join(__dirname, '..', '..', 'dist', name));
  }
  candidates.push(path.join(process.cwd(), 'dist', name));
  return candidates.find((candidate) => fs.existsSync(candidate));
}

function findRendererDir(): string {
  const found = findBuilt(path.join('renderer', 'index.html'));
  if (!found) throw new Error('The renderer is not built: run `npm run build` (dist/renderer/index.html is missing).');
  return path.dirname(found);
}

function findCoreWorker(): string {
  const found = findBuilt('core-worker.cjs');
  if (!found) throw new Error('The core worker is not built: run `npm run build` (dist/core-worker.cjs is missing).');
  return found;
}

// Runs in the page before any of its scripts. Only `window.custodian` is meant for the app; the
// binding and the event hook are non-enumerable plumbing. Kept as source text because a compiled
// function may reference bundler helpers that do not exist in the page.
const BRIDGE_SCRIPT = `(() => {
  const invoke = window.__custodianInvoke;
  const listeners = new Map();
  const bridge = {
    invoke: (method, input, token) => invoke(method, input, token),
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => { set.delete(listener); };
    },
  };
  Object.defineProperty(window, 'custodian', { value: Object.freeze(bridge), enumerable: true });
  Object.defineProperty(window, '__custodianEmit', {
    value: (event, payload) => {
      for (const listener of listeners.get(event) || []) {
        try { listener(payload); } catch (error) { console.error(error); }
      }
    },
  });
})();`;

export async function launchChromiumHost(opts: ChromiumHostOptions): Promise<ChromiumHost> {
  const root = fs.realpathSync(opts.rendererDir ?? findRendererDir());
  const ownProfile = opts.userDataDir === undefined;
  const userDataDir = opts.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-chromium-'));
  let page: Page | undefined;
  let closed = false;
  const emitToPage = async (event: string, payload: unknown) => {
    await page?.evaluate(
      `window.__custodianEmit && window.__custodianEmit(${JSON.stringify(event)}, ${JSON.stringify(payload)})`,
    );
  };
  const core = superviseCore(opts.file, opts.workerPath ?? findCoreWorker(), () => {
    void emitToPage('session.ended', { reason: 'closed' }).catch(() => {});
  });
  const context = await launchContext(opts, userDataDir, ownProfile);
  await serveFromDisk(context, root);
  await exposeCore(context, core, emitToPage, opts.onCall);
  await context.addInitScript({ content: BRIDGE_SCRIPT });
  const first = context.pages()[0];
  saveDownloads(context, first, opts.downloadDir ?? downloadDir(), emitToPage);

  const appPage = first ?? (await context.newPage());
  page = appPage;
  await keepAppShown(context, appPage, () => closed);

  return {
    page,
    context,
    emit: (event, payload) => emitToPage(event, payload),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await core.stop();
        if (ownProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

type CoreSupervisor = {
  /** The running worker, started now if there is none. */
  current(): CoreWorker;
  /** True once stop() is called: calls still arriving are refused rather than restart it. */
  readonly closing: boolean;
  stop(): Promise<void>;
};

/**
 * The core worker, started on first use and again after a crash (the page is told, through
 * onCrash, and the person unlocks again), as electron/main.ts does.
 */
function superviseCore(file: string, workerPath: string, onCrash: () => void): CoreSupervisor {
  let worker: CoreWorker | null = null;
  let closing = false;
  return {
    current() {
      if (worker) return worker;
      const started = startCoreWorker(file, workerPath, {
        onUnexpectedExit: (reason) => {
          console.error(`[custodian] ${reason}`);
          if (worker === started) worker = null;
          onCrash();
        },
      });
      worker = started;
      return started;
    },
    get closing() {
      return closing;
    },
    async stop() {
      closing = true;
      const running = worker;
      worker = null;
      await running?.close();
    },
  };
}

/** Chromium for one host; a profile made for it is removed if Chromium fails to start, so nothing is left behind. */
async function launchContext(
  opts: ChromiumHostOptions,
  userDataDir: string,
  ownProfile: boolean,
): Promise<BrowserContext> {
  try {
    return await chromium.launchPersistentContext(userDataDir, {
      executablePath: opts.executablePath ?? CHROMIUM,
      headless: opts.app ? false : (opts.headless ?? true),
      chromiumSandbox: !RUNNING_AS_ROOT,
      ...(opts.app ? { ignoreDefaultArgs: NOT_FOR_A_WINDOW } : {}),
      viewport: opts.viewport === undefined ? { width: 1280, height: 800 } : opts.viewport,
      locale: 'en-GB',
      serviceWorkers: 'block',
      acceptDownloads: opts.acceptDownloads ?? true,
      args: [
        ...(opts.app ? [`--app=${PLACEHOLDER}`] : []),
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--lang=en-GB',
      ],
    });
  } catch (error) {
    if (ownProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** No network: the built files from disk on our origin, under the host policy's headers; all else aborted. */
async function serveFromDisk(context: BrowserContext, root: string): Promise<void> {
  // Later routes take precedence: abort everything, then serve our origin from disk.
  await context.route('**/*', (route) => route.abort('blockedbyclient'));
  await context.route(`${ORIGIN}/**`, (route: Route) => {
    const request = route.request();
    const found = request.method() === 'GET' ? locateAsset(root, new URL(request.url()).pathname) : null;
    if (!found?.ok) {
      const status = found ? found.status : 405;
      return route.fulfill({
        status,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() },
        body: 'Not served',
      });
    }
    return route.fulfill({
      status: 200,
      body: fs.readFileSync(found.file),
      headers: { 'Content-Type': contentType(found.file), ...securityHeaders() },
    });
  });
}

/** The one way from the page to the core: the binding BRIDGE_SCRIPT wraps as `window.custodian`. */
async function exposeCore(
  context: BrowserContext,
  core: CoreSupervisor,
  emitToPage: (event: string, payload: unknown) => Promise<void>,
  onCall: ChromiumHostOptions['onCall'],
): Promise<void> {
  await context.exposeBinding('__custodianInvoke', async (source, method: unknown, input: unknown, token: unknown) => {
    // Only our own page, in its top frame, may reach the core.
    if (source.frame !== source.page.mainFrame() || !source.frame.url().startsWith(`${ORIGIN}/`)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not use the customer file.' } };
    }
    if (core.closing)
      return { ok: false, error: { code: 'INTERNAL', message: 'Custodian is closing, so this was not done.' } };
    const started = performance.now();
    const result = await core.current().dispatch(typeof token === 'string' ? token : null, method, input);
    onCall?.(String(method), performance.now() - started);
    // Told before the call returns, so the event can never arrive after the next unlock.
    if (method === 'vault.lock' && result.ok) await emitToPage('session.ended', { reason: 'locked' }).catch(() => {});
    return result;
  });
}

/**
 * A file the page saves goes to the download folder under a free name, and the page is told
 * where (or that it failed), as Electron's main process tells it after its save dialog.
 */
function saveDownloads(
  context: BrowserContext,
  first: Page | undefined,
  saveTo: string,
  emitToPage: (event: string, payload: unknown) => Promise<void>,
): void {
  const keepDownload = async (download: Download) => {
    let saved: string | null = null;
    try {
      fs.mkdirSync(saveTo, { recursive: true });
      const target = freePath(saveTo, download.suggestedFilename());
      await download.saveAs(target);
      saved = target;
    } catch (error) {
      console.error(`[custodian] a download was not saved: ${(error as Error)?.message ?? String(error)}`);
    }
    await emitToPage('download.done', { url: download.url(), path: saved, cancelled: false }).catch(() => {});
  };
  first?.on('download', (d) => void keepDownload(d));
  context.on('page', (opened) => opened.on('download', (d) => void keepDownload(d)));
}

/** Show the app in its window and keep it the only thing there, until the host is closed. */
async function keepAppShown(context: BrowserContext, appPage: Page, isClosed: () => boolean): Promise<void> {
  const showApp = async () => {
    await appPage.goto(APP_URL);
    // Nothing to go Back to: the placeholder (or blank tab) before the app leaves the history.
    const cdp = await context.newCDPSession(appPage);
    await cdp.send('Page.resetNavigationHistory');
    await cdp.detach();
  };
  await showApp();
  // The renderer never navigates; if the window is sent anywhere else anyway (Electron prevents
  // that outright), the app comes back, locked, as after a restart.
  appPage.on('framenavigated', (frame) => {
    if (isClosed() || frame !== appPage.mainFrame() || frame.url() === APP_URL) return;
    void showApp().catch(() => {});
  });
  // The app opens no windows; one opened anyway would be outside its CSP and bridge.
  context.on('page', (opened) => {
    void opened.opener().then((opener) => (opener ? opened.close() : undefined));
  });
}
