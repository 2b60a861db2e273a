import type { AgentSort, EventFilter } from '../../../../shared/contract/supervisor';
import type { TandemEventType } from '../../../../shared/domain/events';

/** Every supervisor query starts with this key, so one invalidation refreshes the whole dashboard. */
export const supervisorKeys = {
  all: ['supervisor'] as const,
  metrics: (filter: EventFilter) => ['supervisor', 'metrics', filter] as const,
  agents: (filter: EventFilter, sort: AgentSort) => ['supervisor', 'agents', filter, sort] as const,
  events: (filter: EventFilter, types: readonly TandemEventType[] | undefined) =>
    ['supervisor', 'events', filter, types ?? null] as const,
  notices: ['supervisor', 'notices'] as const,
};

/** Rows per page of the agent table; the virtual list asks for the next page near the end. */
export const AGENT_PAGE = 100;
