/**
 * Pure-JavaScript packages the engine loads at start-up, compiled into the app's main bundle instead
 * of being `require`d file by file from node_modules: resolving and reading their hundreds of files was
 * most of the engine's cold start (zod alone ships ~300 module files). The app build
 * (electron.vite.config.ts) and the start-up benchmark (engine/bench/fresh-process.ts) use this one list,
 * so the benchmark measures the start-up the app has.
 */
export const ENGINE_BUNDLED_PACKAGES: readonly string[] = [
  'zod',
  'tinyld',
  'libphonenumber-js',
  'yaml',
  'html-to-text',
  'minisearch',
];
