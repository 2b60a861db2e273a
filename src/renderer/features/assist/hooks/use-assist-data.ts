import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AssistState, ClipboardStatus, Delivery } from '../../../../shared/contract/assist';
import { errorMessage, tandem, unwrap } from '../../../lib/ipc';
import { useAssistUi } from '../store/assist-ui-store';

export const assistKeys = {
  state: ['assist', 'state'] as const,
  clipboard: ['assist', 'clipboard'] as const,
};

/** The message on screen; main pushes every update, so this never polls. */
export function useAssistState() {
  return useQuery({
    queryKey: assistKeys.state,
    queryFn: async (): Promise<AssistState | null> => unwrap(await tandem().getAssistState()),
  });
}

export function useClipboardStatus() {
  return useQuery({
    queryKey: assistKeys.clipboard,
    queryFn: async (): Promise<ClipboardStatus> => unwrap(await tandem().getClipboardStatus()),
  });
}

/** Follows main's assist events: new messages, streamed drafts, ignored copies, failures. */
export function useAssistEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const api = tandem();
    const ui = useAssistUi.getState;
    const offs = [
      api.onDidUpdateAssist((state) => {
        const previous = client.getQueryData<AssistState | null>(assistKeys.state);
        client.setQueryData(assistKeys.state, state);
        if (previous?.messageId !== state.messageId) {
          ui().stopEdit();
          ui().setRejecting(null);
          ui().setIgnored(null);
          ui().setFailure(null);
          ui().setStatus(null);
          if (state.source !== 'ticket') ui().setDelivery('clipboard');
        }
      }),
      api.onDidChangeClipboardStatus((status) => client.setQueryData(assistKeys.clipboard, status)),
      api.onDidIgnoreClipboard(({ reason }) => ui().setIgnored(reason)),
      api.onDidFailAnalysis(({ message }) => ui().setFailure({ message, retryText: null })),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);
}

export const analyzeMutationKey = ['assist', 'analyze'] as const;

/** Analyses pasted text. */
export function useAnalyzeText() {
  const setFailure = useAssistUi((s) => s.setFailure);
  return useMutation({
    mutationKey: analyzeMutationKey,
    mutationFn: async (input: { text: string; newThread?: boolean }) =>
      unwrap(await tandem().analyzeText(input)),
    onMutate: () => setFailure(null),
    onError: (error, input) => setFailure({ message: errorMessage(error), retryText: input.text }),
  });
}

export function useAnalyzeClipboardNow() {
  return useMutation({ mutationFn: async () => unwrap(await tandem().analyzeClipboardNow()) });
}

export function useSetClipboardPaused() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (paused: boolean) => unwrap(await tandem().setClipboardPaused({ paused })),
    onSuccess: (status) => client.setQueryData(assistKeys.clipboard, status),
  });
}

export interface AcceptInput {
  messageId: string;
  suggestionId: string;
  text: string;
  delivery: Delivery;
  override?: { ruleIds: string[]; reason: string };
}

/** Accept: main checks the text again, delivers it, and records the decision. */
export function useAccept() {
  const ui = useAssistUi;
  return useMutation({
    mutationFn: async (input: AcceptInput) => unwrap(await tandem().acceptSuggestion(input)),
    onSuccess: (result) => {
      ui.getState().stopEdit();
      ui.getState().setStatus({ kind: 'ok', text: result.detail });
    },
    onError: (error) => ui.getState().setStatus({ kind: 'error', text: errorMessage(error) }),
  });
}

export function useReject() {
  const ui = useAssistUi;
  return useMutation({
    mutationFn: async (input: { messageId: string; suggestionId: string; reason?: string }) =>
      unwrap(await tandem().rejectSuggestion(input)),
    onSuccess: () => {
      ui.getState().setRejecting(null);
      ui.getState().setStatus({ kind: 'ok', text: 'Suggestion rejected. Thanks — that helps improve them.' });
    },
    onError: (error) => ui.getState().setStatus({ kind: 'error', text: errorMessage(error) }),
  });
}

export function useEscalate() {
  const ui = useAssistUi;
  return useMutation({
    mutationFn: async (input: { messageId: string; delivery: 'clipboard' | 'internal_note' }) =>
      unwrap(await tandem().escalate(input)),
    onSuccess: (result) =>
      ui.getState().setStatus({
        kind: 'ok',
        text:
          result.delivered === 'clipboard'
            ? `Escalation note for ${result.path} copied — paste it into your helpdesk.`
            : `Escalation note posted for ${result.path}.`,
      }),
    onError: (error) => ui.getState().setStatus({ kind: 'error', text: errorMessage(error) }),
  });
}

export function useResetThread() {
  const ui = useAssistUi;
  return useMutation({
    mutationFn: async () => unwrap(await tandem().resetThread()),
    onSuccess: () =>
      ui.getState().setStatus({ kind: 'ok', text: 'The next message starts a new conversation.' }),
  });
}
