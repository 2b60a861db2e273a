import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AgentRow, AgentSort, EventFilter } from '../../../../shared/contract/supervisor';
import { errorMessage } from '../../../lib/ipc';
import { Banner } from '../../../ui/banner';
import { count, dist, pct } from '../model/format';
import { useAgentRows } from '../hooks/use-supervisor-data';
import { useSupervisorUi } from '../store/supervisor-ui-store';

type SortKey = Required<AgentSort>['by'];
interface Column {
  by: SortKey;
  label: string;
  cell(row: AgentRow): string;
  numeric?: boolean;
}

const columns: readonly Column[] = [
  { by: 'agentId', label: 'Agent', cell: (r) => r.agentId },
  { by: 'team', label: 'Team', cell: (r) => r.team },
  { by: 'shown', label: 'Shown', cell: (r) => count(r.shown), numeric: true },
  { by: 'acceptanceRate', label: 'Accepted', cell: (r) => pct(r.acceptanceRate), numeric: true },
  { by: 'asIsRate', label: 'As is', cell: (r) => pct(r.asIsRate), numeric: true },
  { by: 'editedRate', label: 'Edited', cell: (r) => pct(r.editedRate), numeric: true },
  { by: 'rejectedRate', label: 'Rejected', cell: (r) => pct(r.rejectedRate), numeric: true },
  { by: 'meanEditDistance', label: 'Edit dist.', cell: (r) => dist(r.meanEditDistance), numeric: true },
  { by: 'overrides', label: 'Overrides', cell: (r) => count(r.overrides), numeric: true },
  { by: 'escalations', label: 'Escal.', cell: (r) => count(r.escalations), numeric: true },
];

const ROW_HEIGHT = 36;

/**
 * One row per agent, sorted by main (so sorting covers every agent, not just the loaded page) and drawn
 * with a virtualizer, so a store with thousands of agents scrolls as smoothly as one with ten. Rows are
 * buttons to the agent's events. ARIA row indexes tell screen readers where they are in the full list.
 */
export function AgentTable({ filter }: { filter: EventFilter }) {
  const sort = useSupervisorUi((s) => s.sort);
  const setSort = useSupervisorUi((s) => s.setSort);
  const openDrill = useSupervisorUi((s) => s.openDrill);
  const query = useAgentRows(filter, sort);
  const rows = query.data?.pages.flatMap((p) => p.rows) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 400, height: 320 },
  });
  const items = virtual.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 10) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastIndex, rows.length]);

  return (
    <section className="sup-card sup-card--wide" aria-labelledby="sup-agents-title" data-testid="agent-table">
      <h3 className="sup-card__title" id="sup-agents-title">
        By agent <span className="text-muted">({count(total)})</span>
      </h3>
      {query.isError ? <Banner level="error">{errorMessage(query.error)}</Banner> : null}
      <div className="sup-agents" role="table" aria-labelledby="sup-agents-title" aria-rowcount={total + 1}>
        <div className="sup-agents__head" role="rowgroup">
          <div className="sup-agents__row" role="row" aria-rowindex={1}>
            {columns.map((c) => {
              const active = sort.by === c.by;
              return (
                <div
                  key={c.by}
                  role="columnheader"
                  className={`sup-agents__cell${c.numeric ? ' sup-num' : ''}`}
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sup-sort" onClick={() => setSort(c.by)}>
                    {c.label}
                    <span aria-hidden="true" className="sup-sort__arrow">
                      {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div className="sup-agents__body" ref={scroller} role="rowgroup" tabIndex={-1}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={row.agentId}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="sup-agents__row sup-agents__row--data"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start}px)`,
                  }}
                  data-testid={`agent-row-${row.agentId}`}
                >
                  {columns.map((c, i) => (
                    <div
                      key={c.by}
                      role={i === 0 ? 'rowheader' : 'cell'}
                      className={`sup-agents__cell${c.numeric ? ' sup-num' : ''}`}
                    >
                      {i === 0 ? (
                        <button
                          type="button"
                          className="sup-link"
                          onClick={() =>
                            openDrill({
                              title: `Events of ${row.agentId}`,
                              narrow: { agentIds: [row.agentId] },
                            })
                          }
                        >
                          {row.agentId}
                        </button>
                      ) : (
                        c.cell(row)
                      )}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {!query.isPending && total === 0 ? <p className="text-muted">No agents in this period.</p> : null}
    </section>
  );
}
