// Files between the person and the core: reading a chosen file as base64 to send it, and saving a
// file the core produced: a Blob and an <a download> link, which the host saves (Electron after
// its save dialog, the Chromium host into the download folder) and then reports with the
// 'download.done' event. What the screen says about a save is decided here, once, from that
// report: the real path, or that it was not saved. Nothing is kept after the save.
import { create } from 'zustand';
import type { CoreEvents } from '../../shared/contract/events';

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Where a file went: its real path, or why it is not on the disk. */
type Saved = { filename: string; path: string | null; cancelled: boolean };

/** The one sentence every screen shows about a save. */
export function savedMessage(saved: Saved): string {
  if (saved.path) return `Saved ${saved.filename} to ${saved.path}.`;
  if (saved.cancelled) return `${saved.filename} was not saved: the save was cancelled.`;
  return `${saved.filename} could not be saved: nothing was written. Try again, or choose another folder.`;
}

/** The saves of this window, newest last, for the status line (ui/SaveStatus.tsx). */
export const useSaves = create<{ saves: Saved[] }>(() => ({ saves: [] }));

/**
 * Save a file and wait for the host to say where it went. `announce: false` when the caller
 * shows savedMessage itself (so the same sentence does not appear twice).
 */
export function saveFile(
  filename: string,
  content: Uint8Array<ArrayBuffer> | string,
  mime: string,
  options: { announce?: boolean } = {},
): Promise<Saved> {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const done = new Promise<Saved>((resolve) => {
    const stop = window.custodian.on('download.done', (payload) => {
      const report = payload as CoreEvents['download.done'];
      if (report.url !== url) return;
      stop();
      URL.revokeObjectURL(url);
      resolve({ filename, path: report.path, cancelled: report.cancelled });
    });
  });
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  return done.then((saved) => {
    if (options.announce !== false) useSaves.setState((s) => ({ saves: [...s.saves.slice(-4), saved] }));
    return saved;
  });
}

/** Read a chosen file as base64 (FileReader in the page; nothing touches the disk here). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
