import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { canonicalize } from './features';
import { parseLexicon, type Lexicon } from './lexicon';
import { IntentDataError, parseTaxonomy, type Taxonomy } from './taxonomy';

/** Relative path that marks a resources folder holding the intent data. */
const MARKER = join('intents', 'taxonomy.yaml');

function moduleDir(): string | undefined {
  // CommonJS (the bundled main process, tsx, Playwright) and vitest all provide __dirname; `import.meta`
  // would be a syntax error in the CommonJS builds, so the cwd is the only other start point.
  if (typeof __dirname === 'string') return __dirname;
  return undefined;
}

function findUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Finds the shipped `resources/` folder whether we run from source (tsx, vitest), from the bundled
 * main process (out/main) or from a packaged app (process.resourcesPath), so callers rarely need
 * to pass it. An explicit directory always wins and is not second-guessed.
 */
export function resolveResourcesDir(explicit?: string): string {
  if (explicit) {
    if (!existsSync(join(explicit, MARKER))) {
      throw new IntentDataError(`No intent taxonomy at ${join(explicit, MARKER)}`);
    }
    return explicit;
  }
  const fromEnv = process.env.TANDEM_RESOURCES_DIR;
  if (fromEnv && existsSync(join(fromEnv, MARKER))) return fromEnv;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const starts = [moduleDir(), process.cwd(), packaged].filter((s): s is string => typeof s === 'string');
  for (const start of starts) {
    if (existsSync(join(start, MARKER))) return start;
    const found = findUp(start);
    if (found) return found;
  }
  throw new IntentDataError(
    `Cannot find resources/${MARKER.replace(/\\/g, '/')} from ${starts.join(', ')}; pass resourcesDir or set TANDEM_RESOURCES_DIR`,
  );
}

/** Reads and validates `intents/taxonomy.yaml`. */
export function loadTaxonomy(resourcesDir: string): Taxonomy {
  const file = join(resourcesDir, MARKER);
  return parseTaxonomy(readFileSync(file, 'utf8'), file);
}

/**
 * Parses one examples file: one message per line; blank lines and lines starting with `//` are
 * ignored (`#` cannot mark comments: "#1234 never arrived" is a real message).
 */
export function parseExampleLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('//'));
}

/**
 * Loads `intents/examples/<label>.txt` for every label. A missing file, or a file for a label that is
 * not in the taxonomy, is an error: both usually mean a rename done in one place only.
 */
export function loadExamples(resourcesDir: string, taxonomy: Taxonomy): Record<string, string[]> {
  const dir = join(resourcesDir, 'intents', 'examples');
  const labels = new Set(taxonomy.intents.map((i) => i.label));
  const out: Record<string, string[]> = {};
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  for (const f of files) {
    const label = f.slice(0, -'.txt'.length);
    if (!labels.has(label)) {
      throw new IntentDataError(`${join(dir, f)}: "${label}" is not an intent in the taxonomy`);
    }
  }
  for (const label of labels) {
    const file = join(dir, `${label}.txt`);
    if (!existsSync(file)) throw new IntentDataError(`Missing examples file ${file} for intent "${label}"`);
    out[label] = parseExampleLines(readFileSync(file, 'utf8'));
  }
  return out;
}

/** The lexicon and its source text (the text is part of the data fingerprint). */
export interface LoadedLexicon {
  lexicon: Lexicon;
  source: string;
}

/** Loads `intents/lexicon.yaml` when present (it is optional: the model works without it, less well). */
export function loadLexicon(resourcesDir: string): LoadedLexicon | undefined {
  const file = join(resourcesDir, 'intents', 'lexicon.yaml');
  if (!existsSync(file)) return undefined;
  const source = readFileSync(file, 'utf8');
  return { lexicon: parseLexicon(source, canonicalize, file), source };
}
