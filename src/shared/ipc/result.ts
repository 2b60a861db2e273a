/**
 * Error codes every IPC answer may carry. Services throw {@link AppError} with one of these so the
 * renderer can react to the kind of failure (re-authenticate, retry, show the validation message).
 */
export type ErrorCode =
  | 'invalid_payload'
  | 'untrusted_sender'
  | 'unknown_call'
  | 'not_found'
  | 'unavailable'
  | 'invalid_state'
  | 'conflict'
  | 'auth_failed'
  | 'rate_limited'
  | 'timeout'
  | 'cancelled'
  | 'io_error'
  | 'internal';

export interface IpcError {
  code: ErrorCode;
  message: string;
}

/** Every call answers with this envelope: failures travel as data, never as rejected promises across IPC. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

/** An error a service throws on purpose; its message is written for the person using the app. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
