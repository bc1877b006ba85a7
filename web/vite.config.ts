import { defineConfig } from 'vite';

// Built into dist/, which the jumys binary serves. No inline script or style anywhere: the
// server's Content-Security-Policy forbids them.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
