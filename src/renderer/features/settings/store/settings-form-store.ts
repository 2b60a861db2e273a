import { create } from 'zustand';
import type { FieldName, FormEdits, FormValues } from '../model/form-values';

/**
 * UI-only state of the settings view. The saved settings live in the query cache (main owns them);
 * this keeps what the user typed but has not saved, and which notices they dismissed.
 */
export interface SettingsFormState {
  edits: FormEdits;
  /** After a save attempt every error shows, not only those of fields the user touched. */
  showAllErrors: boolean;
  /** Notices are shown once per session; dismissing hides them until the app restarts. */
  dismissedNotices: readonly string[];
  lastSavedAt: number | null;
  setField<K extends FieldName>(field: K, value: FormValues[K]): void;
  /** Several fields at once, e.g. a preset that fills the address. */
  setFields(edits: FormEdits): void;
  /** Drops edits that main has now saved (edits typed during the save stay pending). */
  markSaved(saved: FormEdits, at: number): void;
  discard(): void;
  setShowAllErrors(show: boolean): void;
  dismissNotice(message: string): void;
}

export const useSettingsFormStore = create<SettingsFormState>()((set) => ({
  edits: {},
  showAllErrors: false,
  dismissedNotices: [],
  lastSavedAt: null,
  setField: (field, value) => set((s) => ({ edits: { ...s.edits, [field]: value } })),
  setFields: (edits) => set((s) => ({ edits: { ...s.edits, ...edits } })),
  markSaved: (saved, at) =>
    set((s) => {
      const edits: Record<string, unknown> = { ...s.edits };
      for (const [key, value] of Object.entries(saved)) {
        if (edits[key] === value) delete edits[key];
      }
      return { edits: edits as FormEdits, lastSavedAt: at, showAllErrors: false };
    }),
  discard: () => set({ edits: {}, showAllErrors: false }),
  setShowAllErrors: (show) => set({ showAllErrors: show }),
  dismissNotice: (message) => set((s) => ({ dismissedNotices: [...s.dismissedNotices, message] })),
}));
