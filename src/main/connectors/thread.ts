import type { TicketMessage } from '../../shared/domain/connectors';

/** Bounds shared by all connectors: how much of a thread is read and how much is kept. */
export interface ThreadLimits {
  /** Latest turns kept for the panel and the engine. */
  keepLatest: number;
  /** Pages read at most per list, so a 5,000-comment ticket or a looping cursor cannot stall the panel. */
  maxPages: number;
}

/** 50 turns is what an agent rereads; 60 pages covers a 5,000-comment ticket at 100 per page. */
export const DEFAULT_THREAD_LIMITS: ThreadLimits = { keepLatest: 50, maxPages: 60 };

/**
 * Orders messages oldest first and keeps the latest N. `knownTotal` (when the helpdesk reports one)
 * makes the truncated count exact; otherwise it counts what was read but not kept.
 */
export function summariseThread(
  messages: TicketMessage[],
  keepLatest: number,
  knownTotal?: number,
): { messages: TicketMessage[]; truncatedCount: number } {
  const sorted = [...messages].sort((a, b) => compareDates(a.createdAt, b.createdAt));
  const kept = sorted.slice(Math.max(0, sorted.length - keepLatest));
  const total = Math.max(knownTotal ?? 0, sorted.length);
  return { messages: kept, truncatedCount: total - kept.length };
}

function compareDates(a: string, b: string): number {
  const da = Date.parse(a);
  const db = Date.parse(b);
  if (Number.isFinite(da) && Number.isFinite(db)) return da - db;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Walks a cursor-paginated list within bounds: stops at `maxPages`, when enough items are collected,
 * or when the server hands back a cursor it already gave (a loop that would otherwise never end).
 */
export async function collectPages<T>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>,
  options: { maxPages: number; maxItems?: number },
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < options.maxPages; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    if (result.next === null || result.items.length === 0) return { items, complete: true };
    if (seen.has(result.next)) return { items, complete: false };
    seen.add(result.next);
    if (options.maxItems !== undefined && items.length >= options.maxItems) return { items, complete: false };
    cursor = result.next;
  }
  return { items, complete: false };
}

/**
 * For oldest-first, page-numbered lists (Freshdesk conversations): finds the last page by galloping
 * (1, 2, 4, 8…) then bisecting, and reads backwards from it until `keep` items are in. A 5,000-message
 * thread costs about a dozen requests instead of fifty, and the total (hence the left-out count) is exact.
 */
export async function readLatestPages<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; hasNext: boolean }>,
  options: { keep: number; maxRequests: number },
): Promise<{ items: T[]; total: number | undefined }> {
  const pages = new Map<number, { items: T[]; hasNext: boolean }>();
  let requests = 0;
  const get = async (page: number) => {
    const known = pages.get(page);
    if (known) return known;
    requests++;
    const result = await fetchPage(page);
    pages.set(page, result);
    return result;
  };
  const first = await get(1);
  let last: number | undefined = first.hasNext && first.items.length > 0 ? undefined : 1;
  let low = 1;
  let high: number | undefined;
  for (
    let probe = 2;
    last === undefined && high === undefined && requests < options.maxRequests;
    probe *= 2
  ) {
    const r = await get(probe);
    if (r.items.length === 0) high = probe;
    else if (!r.hasNext) last = probe;
    else low = probe;
  }
  while (last === undefined && high !== undefined && high - low > 1 && requests < options.maxRequests) {
    const mid = Math.floor((low + high) / 2);
    const r = await get(mid);
    if (r.items.length === 0) high = mid;
    else if (!r.hasNext) last = mid;
    else low = mid;
  }
  if (last === undefined && high !== undefined && high - low <= 1) last = low;
  const end = last ?? low;
  const collected: T[] = [];
  for (let page = end; page >= 1 && collected.length < options.keep; page--) {
    if (!pages.has(page) && requests >= options.maxRequests) break;
    collected.unshift(...(await get(page)).items);
  }
  const total =
    last !== undefined ? (last - 1) * perPageOf(pages) + (pages.get(last)?.items.length ?? 0) : undefined;
  return { items: collected, total };
}

function perPageOf<T>(pages: Map<number, { items: T[]; hasNext: boolean }>): number {
  return pages.get(1)?.items.length ?? 0;
}
