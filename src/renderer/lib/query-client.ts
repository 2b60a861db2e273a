import { QueryClient } from '@tanstack/react-query';
import { IpcCallError } from './ipc';

/** Errors that retrying cannot fix: the input or the caller is wrong, not the moment. */
const permanentCodes = new Set(['invalid_payload', 'untrusted_sender', 'unknown_call', 'auth_failed']);

/**
 * Main owns the data and pushes changes as events, so queries never go stale on their own and
 * are not refetched on window focus; only transient failures are retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          count < 2 && !(error instanceof IpcCallError && permanentCodes.has(error.code)),
      },
      mutations: { retry: false },
    },
  });
}
