import { create } from 'zustand';
import type { AgentSort, EventFilter } from '../../../../shared/contract/supervisor';
import type { TandemEventType } from '../../../../shared/domain/events';
import type { DashboardFilter } from '../model/filter';

/** What a drill-down lists: the dashboard filter narrowed by what was clicked, with its title. */
export interface DrillDown {
  title: string;
  /** Merged over the dashboard's filter. */
  narrow: Partial<EventFilter>;
  types?: TandemEventType[];
}

/**
 * UI-only state of the dashboard: the filter the supervisor set, the table's sort and the open
 * drill-down. The numbers themselves are main's and live in react-query, keyed on this filter.
 */
export interface SupervisorUiState {
  filter: DashboardFilter;
  sort: Required<AgentSort>;
  drill: DrillDown | null;
  selectedEventId: string | null;
  setFilter(patch: Partial<DashboardFilter>): void;
  resetFilter(): void;
  setSort(by: Required<AgentSort>['by']): void;
  openDrill(drill: DrillDown): void;
  closeDrill(): void;
  selectEvent(id: string | null): void;
}

const initialFilter: DashboardFilter = {
  preset: '7d',
  customFrom: '',
  customTo: '',
  agentId: '',
  team: '',
  intent: '',
};

export const useSupervisorUi = create<SupervisorUiState>((set) => ({
  filter: initialFilter,
  sort: { by: 'shown', dir: 'desc' },
  drill: null,
  selectedEventId: null,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch }, selectedEventId: null })),
  resetFilter: () => set({ filter: initialFilter, drill: null, selectedEventId: null }),
  // A second click on the same column flips the direction; a new column starts with the largest first,
  // except names, which read best A→Z.
  setSort: (by) =>
    set((s) => ({
      sort:
        s.sort.by === by
          ? { by, dir: s.sort.dir === 'asc' ? 'desc' : 'asc' }
          : { by, dir: by === 'agentId' || by === 'team' ? 'asc' : 'desc' },
    })),
  openDrill: (drill) => set({ drill, selectedEventId: null }),
  closeDrill: () => set({ drill: null, selectedEventId: null }),
  selectEvent: (selectedEventId) => set({ selectedEventId }),
}));
