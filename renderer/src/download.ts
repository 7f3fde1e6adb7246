// Files between the person and the core: reading a chosen file as base64 to send it, and saving a
// file the core produced: a Blob and an <a download> link, which works the same in
// Chromium and in Electron (where the save dialog appears). Nothing is kept after the click.
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveFile(filename: string, content: Uint8Array<ArrayBuffer> | string, mime: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the object URL is released soon after.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
