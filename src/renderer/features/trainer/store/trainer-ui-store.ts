import { create } from 'zustand';

export type TrainerTab = 'cases' | 'replay' | 'batch' | 'results' | 'library';
export type ReplaySpeed = '1x' | '2x' | 'step';

interface TrainerUi {
  tab: TrainerTab;
  /** Who is practising; stored on every replay event as the agent, and the export's per-trainee filter. */
  trainee: string;
  caseId: string | null;
  speed: ReplaySpeed;
  tagFilter: string;
  difficultyFilter: '' | 'easy' | 'medium' | 'hard';
  setTab(tab: TrainerTab): void;
  setTrainee(name: string): void;
  startCase(id: string): void;
  setSpeed(speed: ReplaySpeed): void;
  setTagFilter(tag: string): void;
  setDifficultyFilter(d: TrainerUi['difficultyFilter']): void;
}

/** UI-only trainer state; cases and scores are owned by main and read through react-query. */
export const useTrainerUi = create<TrainerUi>((set) => ({
  tab: 'cases',
  trainee: 'trainee',
  caseId: null,
  speed: '1x',
  tagFilter: '',
  difficultyFilter: '',
  setTab: (tab) => set({ tab }),
  setTrainee: (trainee) => set({ trainee }),
  startCase: (caseId) => set({ caseId, tab: 'replay' }),
  setSpeed: (speed) => set({ speed }),
  setTagFilter: (tagFilter) => set({ tagFilter }),
  setDifficultyFilter: (difficultyFilter) => set({ difficultyFilter }),
}));
