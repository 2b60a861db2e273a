import { create } from 'zustand';
import type { Delivery } from '../../../../shared/contract/assist';

/** The editor's draft: which suggestion it started from and what the agent has typed. */
export interface EditingDraft {
  suggestionId: string;
  text: string;
}

/**
 * UI-only state of the assist panel. Data owned by main (the message, its analysis, the
 * suggestions) lives in react-query; this is what the agent is doing with it right now.
 */
export interface AssistUiState {
  editing: EditingDraft | null;
  rejecting: string | null;
  delivery: Delivery;
  /** Last outcome shown in the status line ("Copied to the clipboard."). */
  status: { kind: 'ok' | 'error'; text: string } | null;
  /** Why the last copy was not analysed; cleared when a message arrives. */
  ignoredReason: string | null;
  /** A failed analysis, with what to retry. */
  failure: { message: string; retryText: string | null } | null;
  startEdit(suggestionId: string, text: string): void;
  setDraft(text: string): void;
  stopEdit(): void;
  setRejecting(suggestionId: string | null): void;
  setDelivery(delivery: Delivery): void;
  setStatus(status: AssistUiState['status']): void;
  setIgnored(reason: string | null): void;
  setFailure(failure: AssistUiState['failure']): void;
}

export const useAssistUi = create<AssistUiState>((set) => ({
  editing: null,
  rejecting: null,
  delivery: 'clipboard',
  status: null,
  ignoredReason: null,
  failure: null,
  startEdit: (suggestionId, text) => set({ editing: { suggestionId, text }, rejecting: null }),
  setDraft: (text) => set((s) => (s.editing ? { editing: { ...s.editing, text } } : {})),
  stopEdit: () => set({ editing: null }),
  setRejecting: (rejecting) => set({ rejecting, editing: null }),
  setDelivery: (delivery) => set({ delivery }),
  setStatus: (status) => set({ status }),
  setIgnored: (ignoredReason) => set({ ignoredReason }),
  setFailure: (failure) => set({ failure }),
}));
