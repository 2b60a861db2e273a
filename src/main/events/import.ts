import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImportResult } from '../../shared/contract/supervisor';
import { TandemEventSchema, type TandemEvent } from '../../shared/domain/events';
import type { InsertResult } from './event-store';

const MAX_REPORTED_ERRORS = 1000;
const BATCH = 5000;
/** A line longer than this cannot be an event (texts are bounded at 4,000 chars); refuse it unread. */
const MAX_LINE = 64 * 1024;

function describeIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(event)'}: ${i.message}`)
    .join('; ');
}

/** Parses and validates one JSONL line; returns the event or a message saying what is wrong with it. */
export function parseEventLine(line: string): { event: TandemEvent } | { error: string } {
  if (line.length > MAX_LINE) return { error: `line is longer than ${MAX_LINE} characters` };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  const parsed = TandemEventSchema.safeParse(json);
  return parsed.success ? { event: parsed.data } : { error: describeIssue(parsed.error) };
}

/**
 * Imports JSONL exports from many agents' machines: each line is validated on its own; a malformed
 * line is reported with its file and line number and the rest is imported; events already in the store
 * (same id, e.g. a file imported twice) are counted as duplicates, never stored twice. Files are read
 * as streams and written in batches, so a large team export does not need to fit in memory.
 */
export async function importJsonlFiles(
  paths: readonly string[],
  insert: (events: TandemEvent[]) => Promise<InsertResult>,
): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, duplicates: 0, errors: [], errorCount: 0 };
  const report = (file: string, line: number, message: string) => {
    result.errorCount += 1;
    if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push({ file, line, message });
  };
  let batch: TandemEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await insert(batch);
    result.imported += r.inserted;
    result.duplicates += r.duplicates;
    batch = [];
  };
  for (const path of paths) {
    const file = basename(path);
    let lineNo = 0;
    try {
      const lines = createInterface({
        input: createReadStream(path, { encoding: 'utf8' }),
        crlfDelay: Infinity,
      });
      for await (const raw of lines) {
        lineNo += 1;
        const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
        if (line.trim() === '') continue;
        const parsed = parseEventLine(line);
        if ('error' in parsed) report(file, lineNo, parsed.error);
        else batch.push(parsed.event);
        if (batch.length >= BATCH) await flush();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      report(
        file,
        lineNo,
        code === 'ENOENT' ? 'file not found' : `could not read the file (${code ?? String(error)})`,
      );
    }
  }
  await flush();
  return result;
}
