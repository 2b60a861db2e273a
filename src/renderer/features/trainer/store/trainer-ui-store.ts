import { create } from 'zustand';

export type TrainerTab = 'cases' | 'replay' | 'batch' | 'results' | 'library';
/** The tabs a trainee sees in trainee mode. */
export const TRAINEE_TABS: readonly TrainerTab[] = ['cases', 'replay'];

export type ReplaySpeed = '1x' | '2x' | 'step';

interface TrainerUi {
  tab: TrainerTab;
  /** Who is practising; stored on every replay event as the agent, and the export's per-trainee filter. */
  trainee: string;
  caseId: string | null;
  speed: ReplaySpeed;
  /** A trainee practising at the trainer's desk sees only cases and replay, not the trainer's tools. */
  traineeMode: boolean;
  tagFilter: string;
  difficultyFilter: '' | 'easy' | 'medium' | 'hard';
  setTab(tab: TrainerTab): void;
  setTrainee(name: string): void;
  startCase(id: string): void;
  setSpeed(speed: ReplaySpeed): void;
  setTraineeMode(on: boolean): void;
  setTagFilter(tag: string): void;
  setDifficultyFilter(d: TrainerUi['difficultyFilter']): void;
}

/** UI-only trainer state; cases and scores are owned by main and read through react-query. */
export const useTrainerUi = create<TrainerUi>((set) => ({
  tab: 'cases',
  trainee: 'trainee',
  caseId: null,
  speed: '1x',
  traineeMode: false,
  tagFilter: '',
  difficultyFilter: '',
  setTab: (tab) => set({ tab }),
  setTrainee: (trainee) => set({ trainee }),
  startCase: (caseId) => set({ caseId, tab: 'replay' }),
  setSpeed: (speed) => set({ speed }),
  setTraineeMode: (traineeMode) =>
    set((s) => ({ traineeMode, tab: traineeMode && !TRAINEE_TABS.includes(s.tab) ? 'cases' : s.tab })),
  setTagFilter: (tagFilter) => set({ tagFilter }),
  setDifficultyFilter: (difficultyFilter) => set({ difficultyFilter }),
}));
