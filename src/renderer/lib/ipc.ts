import type { TandemApi } from '../../shared/ipc/api';
import type { ErrorCode, IpcResult } from '../../shared/ipc/result';

/**
 * A failed call, thrown so react-query can treat it as an error while the code stays available:
 * views decide from the code whether to show a field message, a retry, or a banner.
 */
export class IpcCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcCallError';
  }
}

/** Turns the envelope every call answers with into data, or a thrown {@link IpcCallError}. */
export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.data;
  throw new IpcCallError(result.error.code, result.error.message);
}

/**
 * The API the preload exposes. Reading it through this function (not at import time) lets tests
 * install a fake before rendering, and gives a plain-words error if the page is opened outside the app.
 */
export function tandem(): TandemApi {
  const api = (window as { tandem?: TandemApi }).tandem;
  if (!api) {
    throw new IpcCallError('unavailable', 'Tandem could not reach its main process. Restart the app.');
  }
  return api;
}

/** Plain-words message for any error a view may catch. */
export function errorMessage(error: unknown): string {
  if (error instanceof IpcCallError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please retry.';
}
