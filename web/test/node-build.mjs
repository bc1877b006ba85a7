// Builds app modules for Node with Vite (the same toolchain as the app), so the tests run the
// very TypeScript the browser runs.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function importForNode(...modules) {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'jumys-web-test-'));
  const input = Object.fromEntries(modules.map((m) => [m, path.join(webRoot, 'src', `${m}.ts`)]));
  await build({
    root: webRoot,
    configFile: false,
    logLevel: 'silent',
    build: { ssr: true, outDir, emptyOutDir: true, rollupOptions: { input, output: { format: 'es', entryFileNames: '[name].mjs' } } },
    ssr: { noExternal: true },
  });
  const loaded = {};
  for (const m of modules) loaded[m] = await import(pathToFileURL(path.join(outDir, `${m}.mjs`)).href);
  return { outDir, modules: loaded };
}
