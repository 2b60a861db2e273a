import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, type InlineConfig } from 'vite';
import electronViteConfig from '../../../electron.vite.config';

/** Repository root, resolved from this file so the harness works from any working directory. */
export const repoRoot = resolve(__dirname, '../../..');
/** Where electron-vite writes the renderer; served as is when the build is skipped. */
export const rendererOutDir = resolve(repoRoot, 'out/renderer');

/** Set by global setup for the workers: this run's private build of the renderer. */
export const RENDERER_DIR_ENV = 'TANDEM_E2E_RENDERER_DIR';

/** The folder the static server serves in this run. */
export function servedRendererDir(): string {
  return process.env[RENDERER_DIR_ENV] ?? rendererOutDir;
}

/**
 * Builds the renderer (into `outDir`) with the renderer section of electron.vite.config.ts, so the browser tests
 * load the same bundle the app ships (same plugins, same entry, same CSP meta).
 */
export async function buildRenderer(outDir: string = rendererOutDir): Promise<void> {
  const config = electronViteConfig as { renderer?: InlineConfig };
  if (!config.renderer) throw new Error('electron.vite.config.ts has no renderer section');
  await viteBuild({
    ...config.renderer,
    configFile: false,
    // electron-vite loads the packaged renderer from file://, which needs relative asset paths.
    base: './',
    logLevel: 'warn',
    build: { ...config.renderer.build, outDir, emptyOutDir: true },
  });
}

/**
 * Bundles the harness preload (the shared `buildTandemApi` over a page-binding transport) into one
 * script for `page.addInitScript`. Bundled from source at setup so it can never drift from the contract.
 */
export async function bundleWindowApi(): Promise<string> {
  const result = await esbuild({
    entryPoints: [resolve(__dirname, 'window-api-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the harness preload');
  return file.text;
}
