import { create } from 'zustand';
import type { ViewId } from './views';

/** UI-only state of the window shell: which view is open. Null means "the role's own view". */
export interface ShellState {
  view: ViewId | null;
  openView(view: ViewId): void;
}

export const useShellStore = create<ShellState>()((set) => ({
  view: null,
  openView: (view) => set({ view }),
}));
