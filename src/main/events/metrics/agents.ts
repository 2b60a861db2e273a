import {
  AgentSortSchema,
  PageSchema,
  type AgentPage,
  type AgentRow,
  type AgentSort,
  type EventFilter,
  type PageRequest,
} from '../../../shared/contract/supervisor';
import { resolveFilter } from './filter';
import type { EventDb } from './queries';
import { breakdown } from './rollups';
import { outcomeStats } from './stats';

function compare(a: AgentRow, b: AgentRow, by: keyof AgentRow): number {
  const x = a[by];
  const y = b[by];
  // Empty values (no suggestion shown yet) sort last whichever way the column is sorted.
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (typeof x === 'string' && typeof y === 'string') return x.localeCompare(y);
  return (x as number) - (y as number);
}

/**
 * The supervisor's per-agent table: one row per agent with outcome rates, overrides, escalations and
 * mean edit distance / time to accept (sums roll up, medians do not: per-agent medians come from
 * `getMetrics` filtered to that agent), sorted and paged. Agents number in the hundreds at most per store, so the rows are built in
 * one pass and sorted here; the page keeps IPC payloads small for the virtualized table.
 */
export async function listAgentRows(
  db: EventDb,
  input: EventFilter,
  sortInput: AgentSort = {},
  pageInput: PageRequest = {},
): Promise<AgentPage> {
  const f = resolveFilter(input);
  const sort = AgentSortSchema.parse(sortInput);
  const page = PageSchema.parse(pageInput);
  const rollups = await breakdown(db, f, 'agent');
  const rows: AgentRow[] = rollups.map((r) => ({
    agentId: r.key,
    team: r.team,
    ...outcomeStats(r),
    messages: r.messages,
    overrides: r.overrides,
    escalations: r.escalations,
  }));
  const dir = sort.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const primary = compare(a, b, sort.by);
    if (primary !== 0) return a[sort.by] === null || b[sort.by] === null ? primary : primary * dir;
    return a.agentId.localeCompare(b.agentId);
  });
  return { rows: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
}
