import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { ENGINE_BUNDLED_PACKAGES } from './src/main/engine/bundled-packages';

/**
 * Main keeps its dependencies external (keytar is native and is packaged beside the bundle) except
 * the engine's pure-JavaScript packages, compiled in for a faster start (see bundled-packages.ts);
 * the preload bundles everything into one CommonJS file because a sandboxed preload
 * can only `require('electron')`.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: [...ENGINE_BUNDLED_PACKAGES] },
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Smaller bundle, faster first paint (the supervisor dashboard loads charts for a million events).
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
