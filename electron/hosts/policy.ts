// What both hosts (Electron's app:// handler in electron/main.ts and the Chromium host's request
// interception) serve the renderer with: the one Content-Security-Policy, the MIME types, the
// response headers, and which file a URL path may name (only files inside the built renderer
// folder, symbolic links included). One copy, so the two hosts cannot drift apart; no
// 'electron' import, so the Chromium host and the tests load it under plain Node.
import fs from 'node:fs';
import path from 'node:path';

/** Only our own scripts, styles and fonts; no network, no frames, no forms, no inline code. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The type a served file is labelled with; unknown kinds are never sniffed into something runnable. */
export function contentType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response a host gives the page, the file's own type aside. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** The real path of the file a URL path names under `root`, or the status to answer instead. */
type Located = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Resolve a URL's (still percent-encoded) path against the renderer folder. A decoded %2F or %5C
 * can smuggle "../" past the URL parser, so the resolved path itself is checked, and then its
 * real path: a symbolic link inside the folder must not lead outside it either.
 */
export function locateAsset(root: string, encodedPathname: string): Located {
  let relative: string;
  try {
    relative = decodeURIComponent(encodedPathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (relative.includes('\0')) return { ok: false, status: 400 };
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.resolve(root, `.${relative}`);
  if (!isInside(root, file)) return { ok: false, status: 403 };
  try {
    const real = fs.realpathSync(file);
    if (!isInside(fs.realpathSync(root), real)) return { ok: false, status: 403 };
    if (!fs.statSync(real).isFile()) return { ok: false, status: 404 };
    return { ok: true, file: real };
  } catch {
    return { ok: false, status: 404 };
  }
}

/** Whether `file` lies strictly inside `root` (both absolute). */
function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
