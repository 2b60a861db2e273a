import type { z } from 'zod';
import type { assistCalls } from '../../shared/contract/assist';
import { AppError } from '../../shared/ipc/result';
import type { CallContext } from '../ipc/router';
import type { AssistRuntime } from './assist-runtime';

type Def<K extends keyof typeof assistCalls> = (typeof assistCalls)[K];
type AssistHandlers = {
  [K in keyof typeof assistCalls]: (
    input: z.output<Def<K>['input']>,
    context: CallContext,
  ) => z.output<Def<K>['output']> | Promise<z.output<Def<K>['output']>>;
};

/** Thin IPC adapter over the assist runtime: validation already happened in the router. */
export function createAssistHandlers(runtime: AssistRuntime): AssistHandlers {
  const service = runtime.service;
  return {
    analyzeText: ({ text, newThread, truncated }) => {
      const state = runtime.receive({ text, source: 'paste', newThread, truncated });
      if (!state) throw new AppError('invalid_payload', 'There is no text to analyse.');
      return state;
    },
    getAssistState: () => service.state,
    checkDraft: ({ draft }) => service.checkDraft(draft),
    acceptSuggestion: (request) => service.accept(request),
    rejectSuggestion: (request) => {
      service.reject(request);
      return { ok: true };
    },
    escalate: (request) => service.escalate(request),
    getClipboardStatus: () => runtime.status(),
    setClipboardPaused: ({ paused }) => runtime.setPaused(paused),
    analyzeClipboardNow: () => runtime.analyzeNow(),
    resetThread: () => {
      service.resetThread();
      return { ok: true };
    },
    cancelDrafts: ({ reason }) => {
      service.cancelDrafts(reason);
      return { ok: true };
    },
  };
}
