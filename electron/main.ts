// The Electron main process, kept thin: one locked-down window, the renderer served from
// dist/renderer over app://custodian, and one IPC handler that forwards to the core worker.
// No SQL here: the core runs in a worker thread (electron/core/worker-client.ts).
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  type IpcMainInvokeEvent,
  ipcMain,
  Menu,
  type MenuItemConstructorOptions,
  protocol,
  session,
} from 'electron';
import type { CoreEvents, EventName } from '../shared/contract/events';
import type { Result } from '../shared/contract/result';
import { type CoreWorker, startCoreWorker } from './core/worker-client';
import { CSP, contentType, locateAsset, securityHeaders } from './hosts/policy';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://custodian`;
const START_URL = `${ORIGIN}/index.html`;
// dist/electron/main.cjs → dist/renderer, dist/electron/preload.cjs, dist/core-worker.cjs
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');
const WORKER = path.join(__dirname, '..', 'core-worker.cjs');

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the Custodian window, so it was refused.' },
};
const MALFORMED: Result<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'This request was not in the form Custodian expects.' },
};
const NO_CORE: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Custodian could not open its customer file engine. Reinstalling may fix this.' },
};

const QUITTING: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Custodian is closing, so this was not done.' },
};

// DevTools and Reload only for a developer who asks (CUSTODIAN_DEV=1) on an unpackaged build: in
// the installed app DevTools would give whoever sits at the counter a console in the page that
// holds the open file's session.
const DEVELOPMENT = !app.isPackaged && process.env.CUSTODIAN_DEV === '1';

let mainWindow: BrowserWindow | null = null;
let coreWorker: CoreWorker | null = null;
let quitting = false;

function customerFile(): string {
  const fromEnv = process.env.CUSTODIAN_FILE;
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(app.getPath('userData'), 'customers.custodian');
}

/** The worker is started on first use and again after a crash (the person then unlocks again). */
function core(): CoreWorker {
  if (coreWorker) return coreWorker;
  const file = customerFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const started = startCoreWorker(file, WORKER, {
    onUnexpectedExit: (reason) => {
      console.error(`[custodian] ${reason}`);
      if (coreWorker === started) coreWorker = null;
      sendEvent('session.ended', { reason: 'closed' });
    },
  });
  coreWorker = started;
  return started;
}

function sendEvent<E extends EventName>(name: E, payload: CoreEvents[E]): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, name, payload);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CSP },
  });
}

/** app://custodian/<path> → a file under dist/renderer, or 404. Nothing outside that folder is served. */
async function serveRenderer(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
  const url = new URL(request.url);
  if (url.host !== 'custodian') return textResponse(404, 'Not found');
  const found = locateAsset(RENDERER_ROOT, url.pathname);
  if (!found.ok)
    return textResponse(
      found.status,
      found.status === 403 ? 'Forbidden' : found.status === 400 ? 'Bad request' : 'Not found',
    );
  try {
    const body = await fs.promises.readFile(found.file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { 'Content-Type': contentType(found.file), ...securityHeaders() },
    });
  } catch {
    return textResponse(404, 'Not found');
  }
}

/** Only our window's top frame, showing our own pages, may call the core. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || mainWindow.isDestroyed()) return false;
  if (event.sender !== mainWindow.webContents || frame.parent !== null) return false;
  return frame.url.startsWith(`${ORIGIN}/`);
}

type InvokeRequest = { method: string; input: unknown; token: string | null };

/** Exactly one plain object {method, input, token}; anything else is refused before the worker sees it. */
function readRequest(args: unknown[]): InvokeRequest | null {
  if (args.length !== 1) return null;
  const [arg] = args;
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return null;
  const keys = Object.keys(arg);
  if (keys.some((key) => key !== 'method' && key !== 'input' && key !== 'token')) return null;
  const { method, input, token } = arg as Record<string, unknown>;
  if (typeof method !== 'string') return null;
  if (token !== null && token !== undefined && typeof token !== 'string') return null;
  return { method, input, token: token ?? null };
}

async function handleInvoke(event: IpcMainInvokeEvent, args: unknown[]): Promise<Result<unknown>> {
  if (!fromOurWindow(event)) return REFUSED;
  const request = readRequest(args);
  if (!request) return MALFORMED;
  if (quitting) return QUITTING; // never start a new worker while the old one is closing the file
  let result: Result<unknown>;
  try {
    result = await core().dispatch(request.token, request.method, request.input);
  } catch (error) {
    // Only reachable if the worker cannot even be created (e.g. its file is missing from the install).
    console.error('[custodian] could not start the core worker:', (error as Error)?.message?.slice(0, 200));
    return NO_CORE;
  }
  if (request.method === 'vault.lock' && result.ok) sendEvent('session.ended', { reason: 'locked' });
  return result;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Custodian',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: DEVELOPMENT,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(START_URL);
  return win;
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * Replaces Electron's default menu, whose View menu offers Reload and Toggle Developer Tools:
 * only quitting, editing text (so copy and paste shortcuts work on macOS) and the window itself.
 */
function applicationMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    process.platform === 'darwin' ? { role: 'appMenu' } : { label: 'File', submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
  if (DEVELOPMENT) template.push({ label: 'Development', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  return Menu.buildFromTemplate(template);
}

function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // The app is one page; any navigation or new window would leave our CSP and our bridge behind.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  // Camera, microphone, notifications, geolocation, devices: a records app needs none of them.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // A file the page saves: no save path is set, so Electron asks where with the system's save
  // dialog; the page is told where it went, or that it did not (renderer/src/download.ts).
  ses.on('will-download', (_event, item) => {
    item.once('done', (_done, state) => {
      const savedAt = state === 'completed' ? item.getSavePath() : null;
      sendEvent('download.done', { url: item.getURL(), path: savedAt, cancelled: state === 'cancelled' });
    });
  });
}

function main(): void {
  // Before 'ready': sandbox every renderer, and make app:// a standard, secure origin so 'self'
  // in the CSP means our files and module scripts load.
  app.enableSandbox();
  // British dates and number formats in anything still left to the locale, whatever the system's.
  app.commandLine.appendSwitch('lang', 'en-GB');
  protocol.registerSchemesAsPrivileged([
    {
      scheme: SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
  lockDownContents();

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Close the customer file cleanly (WAL checkpoint, key out of memory) before the process ends.
  app.on('before-quit', (event) => {
    if (quitting || !coreWorker) return;
    event.preventDefault();
    quitting = true;
    const closing = coreWorker;
    coreWorker = null;
    void closing.close().finally(() => app.quit());
  });

  ipcMain.handle(INVOKE_CHANNEL, (event, ...args: unknown[]) => handleInvoke(event, args));

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(applicationMenu());
    lockDownSession();
    protocol.handle(SCHEME, serveRenderer);
    showWindow();
  });
}

// One Custodian per person: the file is opened exclusively, so a second copy could only fail.
if (app.requestSingleInstanceLock()) main();
else app.quit();
