// Builds the renderer (renderer/ → dist/renderer) as static files any host can serve: relative
// asset paths so it works from file://, app:// or the Chromium host's custodian.invalid origin.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The CSP forbids inline scripts and styles, so nothing may be inlined as a data: URL module.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Loaded from local disk, and most of the size is libphonenumber's metadata the form needs.
    chunkSizeWarningLimit: 1024,
  },
});
