import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KNOWN_PLACEHOLDERS, MacroFrontMatterSchema, placeholdersOf } from './macro';
import type { Macro } from './macro';

/** One problem in one file; `path` is the front-matter field (zod path) or `(file)`, `(front matter)`, `body`. */
export interface MacroLoadError {
  file: string;
  path: string;
  message: string;
}

export interface MacroLibrary {
  macros: Macro[];
  errors: MacroLoadError[];
}

const MAX_FILE_BYTES = 256 * 1024;
const MAX_FILES = 5000;
const known = new Set<string>(KNOWN_PLACEHOLDERS);

/** Parses one macro file's text; returns the macro or the list of problems (never throws). */
export function parseMacroFile(text: string, file: string): { macro?: Macro; errors: MacroLoadError[] } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(src);
  if (!fm) {
    return {
      errors: [{ file, path: '(front matter)', message: 'must start with a "---" front matter block' }],
    };
  }
  let data: unknown;
  try {
    data = parseYaml(fm[1]!);
  } catch (error) {
    return {
      errors: [{ file, path: '(front matter)', message: `invalid YAML: ${(error as Error).message}` }],
    };
  }
  const parsed = MacroFrontMatterSchema.safeParse(data ?? {});
  const errors: MacroLoadError[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        file,
        path: i.path.length ? i.path.map(String).join('.') : '(front matter)',
        message: i.message,
      }));
  const body = src.slice(fm[0].length).trim();
  if (!body) errors.push({ file, path: 'body', message: 'is empty' });
  const placeholders = placeholdersOf(body);
  for (const p of placeholders) {
    if (!known.has(p)) errors.push({ file, path: 'body', message: `unknown placeholder {{${p}}}` });
  }
  if (errors.length || !parsed.success) return { errors };
  const { group, ...rest } = parsed.data;
  return { macro: { ...rest, group: group ?? rest.id, body, placeholders, file }, errors: [] };
}

async function listMarkdown(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) await listMarkdown(full, out);
    // A folder's README documents the format for authors; it is not a macro.
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name) && !/^readme\./i.test(e.name)) out.push(full);
  }
}

/**
 * Loads the shipped library and then each team folder. A later folder may replace a macro by reusing its id
 * (teams adapt the shipped wording); a duplicate id within one folder is an error. Bad files are reported and
 * skipped so one broken team file never takes the whole library down.
 */
export async function loadMacroLibrary(folders: readonly string[]): Promise<MacroLibrary> {
  const byId = new Map<string, Macro>();
  const errors: MacroLoadError[] = [];
  for (const folder of folders) {
    const root = resolve(folder);
    try {
      if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
    } catch (error) {
      errors.push({
        file: root,
        path: '(folder)',
        message: `cannot read macro folder: ${(error as Error).message}`,
      });
      continue;
    }
    const files: string[] = [];
    await listMarkdown(root, files);
    const seen = new Map<string, string>();
    for (const file of files) {
      const shown = relative(process.cwd(), file) || file;
      let text: string;
      try {
        const info = await stat(file);
        if (info.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024} KB`);
        text = await readFile(file, 'utf8');
      } catch (error) {
        errors.push({ file: shown, path: '(file)', message: (error as Error).message });
        continue;
      }
      const result = parseMacroFile(text, shown);
      errors.push(...result.errors);
      if (!result.macro) continue;
      const dup = seen.get(result.macro.id);
      if (dup) {
        errors.push({
          file: shown,
          path: 'id',
          message: `duplicate id "${result.macro.id}" (also in ${dup})`,
        });
        continue;
      }
      seen.set(result.macro.id, shown);
      byId.set(result.macro.id, result.macro);
    }
  }
  return { macros: [...byId.values()], errors };
}

/** Formats load errors one per line, `file › field: message`, for logs, the CLI and the settings view. */
export function formatMacroErrors(errors: readonly MacroLoadError[]): string {
  return errors.map((e) => `${e.file} › ${e.path}: ${e.message}`).join('\n');
}

function moduleDir(): string | undefined {
  if (typeof __dirname === 'string') return __dirname;
  return undefined;
}

/**
 * The shipped `resources/` folder, found upwards from this module, the working directory or the packaged
 * app's resources path, so tests, the CLI and the app agree without configuration.
 */
export function findResourcesDir(explicit?: string): string {
  if (explicit) return explicit;
  const env = process.env.TANDEM_RESOURCES_DIR;
  if (env && existsSync(join(env, 'macros'))) return env;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  for (const start of [moduleDir(), process.cwd(), packaged]) {
    if (!start) continue;
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'resources', 'macros'))) return join(dir, 'resources');
      if (existsSync(join(dir, 'macros')) && existsSync(join(dir, 'policies'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('Cannot find the resources folder (macros, policies); set TANDEM_RESOURCES_DIR');
}
