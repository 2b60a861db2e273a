import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { TrainingCase } from '../../../../shared/domain/cases';
import type { PolicyResult } from '../../../../shared/domain/policy';
import { tandem, unwrap } from '../../../lib/ipc';

export const trainerKeys = {
  cases: ['trainer', 'cases'] as const,
  case: (id: string) => ['trainer', 'case', id] as const,
  turn: (caseId: string, turn: number) => ['trainer', 'turn', caseId, turn] as const,
  eval: ['trainer', 'eval'] as const,
};

/** The case library (shipped and the trainer's own) with any file that did not load. */
export function useCaseList() {
  return useQuery({ queryKey: trainerKeys.cases, queryFn: async () => unwrap(await tandem().listCases()) });
}

export function useCase(id: string | null) {
  return useQuery({
    queryKey: trainerKeys.case(id ?? ''),
    enabled: id !== null,
    queryFn: async () => unwrap(await tandem().getCase({ id: id! })),
  });
}

/**
 * The copilot on one customer turn. A replay is deterministic for the case, so the answer is cached
 * for the session and going back to a turn never re-runs the engine.
 */
export function useReplayTurn(caseId: string, turn: number | null) {
  return useQuery({
    queryKey: trainerKeys.turn(caseId, turn ?? -1),
    enabled: turn !== null,
    staleTime: Infinity,
    queryFn: async () => unwrap(await tandem().runReplayTurn({ caseId, turn: turn! })),
  });
}

export interface ReplayDraftCheck {
  result: PolicyResult | null;
  checkedText: string | null;
  error: string | null;
}

/**
 * The live policy check of the trainee's reply, like the panel's draft check but in the case's
 * context (the panel's hook checks against the live message). Out-of-order answers are dropped.
 */
export function useReplayDraftCheck(caseId: string, turn: number, draft: string): ReplayDraftCheck {
  const [state, setState] = useState<ReplayDraftCheck>({ result: null, checkedText: null, error: null });
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    tandem()
      .checkReplayDraft({ caseId, turn, draft })
      .then(unwrap)
      .then(
        (result) => {
          if (mine === seq.current) setState({ result, checkedText: draft, error: null });
        },
        (error: unknown) => {
          if (mine === seq.current) {
            setState({ result: null, checkedText: draft, error: (error as Error).message || 'Check failed' });
          }
        },
      );
  }, [caseId, turn, draft]);
  return state;
}

export function useScoreTurn() {
  return useMutation({
    mutationFn: async (input: Parameters<ReturnType<typeof tandem>['scoreReplayTurn']>[0]) =>
      unwrap(await tandem().scoreReplayTurn(input)),
  });
}

export function useFinishReplay() {
  return useMutation({
    mutationFn: async (input: Parameters<ReturnType<typeof tandem>['finishReplay']>[0]) =>
      unwrap(await tandem().finishReplay(input)),
  });
}

/** Batch mode runs on demand: it analyses every turn of the library. */
export function useLibraryEval(enabled: boolean) {
  return useQuery({
    queryKey: trainerKeys.eval,
    enabled,
    queryFn: async () => unwrap(await tandem().evalCaseLibrary()),
  });
}

export function useExportResults() {
  return useMutation({
    mutationFn: async (input: Parameters<ReturnType<typeof tandem>['exportReplayResults']>[0]) =>
      unwrap(await tandem().exportReplayResults(input)),
  });
}

/** Case changes refresh the picker and the batch view. */
function useInvalidateLibrary() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['trainer'] });
  };
}

export function useImportCases() {
  const invalidate = useInvalidateLibrary();
  return useMutation({
    mutationFn: async (text: string) => unwrap(await tandem().importCases({ text })),
    onSuccess: invalidate,
  });
}

export function useExportCase() {
  return useMutation({ mutationFn: async (id: string) => unwrap(await tandem().exportCase({ id })) });
}

export function useCreateCaseFromThread() {
  return useMutation({ mutationFn: async () => unwrap(await tandem().createCaseFromThread()) });
}

export function useSaveCase() {
  const invalidate = useInvalidateLibrary();
  return useMutation({
    mutationFn: async (c: TrainingCase) => unwrap(await tandem().saveCase({ case: c })),
    onSuccess: invalidate,
  });
}
