import type { ExportFormat } from '../../shared/contract/supervisor';
import type { TandemEvent } from '../../shared/domain/events';

/**
 * CSV columns: the common fields first, then every type-specific field, so one flat sheet holds all
 * event types (empty where a type has no such field). Lists are joined with ";".
 */
export const CSV_COLUMNS = [
  'id',
  'type',
  'at',
  'agentId',
  'team',
  'source',
  'threadId',
  'ticketId',
  'messageId',
  'intent',
  'suggestionId',
  'suggestionSource',
  'model',
  'verdict',
  'ruleIds',
  'acceptKind',
  'editDistance',
  'msToAccept',
  'delivery',
  'reason',
  'reasonCodes',
  'path',
  'language',
  'intentConfidence',
  'escalationRecommended',
  'churnLevel',
  'rank',
  'confidence',
  'caseId',
  'sessionId',
  'turn',
  'score',
  'turns',
  'durationMs',
  'msToAnswer',
  'latencyAnalyzeMs',
  'latencySuggestMs',
  'latencyFirstDraftMs',
  'latencyCheckMs',
  'suggestionTextRedacted',
  'sentTextRedacted',
] as const;

/**
 * Quotes a CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * gets a leading apostrophe: reasons are typed by agents, and an export must not become a way to run
 * `=HYPERLINK(…)` on a supervisor's machine. Numbers are written as numbers.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without the line break) for an event. */
export function eventToCsvRow(event: TandemEvent): string {
  const record = event as unknown as Record<string, unknown>;
  const latencies = event.latencies ?? {};
  const values: Record<string, unknown> = {
    ...record,
    latencyAnalyzeMs: latencies.analyzeMs,
    latencySuggestMs: latencies.suggestMs,
    latencyFirstDraftMs: latencies.firstDraftMs,
    latencyCheckMs: latencies.checkMs,
  };
  return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',');
}

const write = async (out: NodeJS.WritableStream, chunk: string): Promise<void> => {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
};

/**
 * Streams events as JSONL (one event per line, the format `events import` reads back) or CSV (for
 * spreadsheets). Honors back-pressure so a million-event export keeps memory flat. Returns the count.
 */
export async function writeEvents(
  out: NodeJS.WritableStream,
  events: AsyncIterable<TandemEvent>,
  format: ExportFormat,
): Promise<number> {
  let count = 0;
  let buffer = format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
  for await (const event of events) {
    buffer += format === 'csv' ? `${eventToCsvRow(event)}\r\n` : `${JSON.stringify(event)}\n`;
    count += 1;
    if (buffer.length > 64 * 1024) {
      await write(out, buffer);
      buffer = '';
    }
  }
  if (buffer) await write(out, buffer);
  return count;
}
