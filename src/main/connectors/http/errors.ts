import type { ConnectorErrorCode } from '../../../shared/domain/connectors';

/**
 * The one error type connectors throw. The message is written for the agent (plain words, no tokens, no
 * customer data) so the panel and the CLI can show it as is; `code` lets the UI offer the right action.
 */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly details: { status?: number; scope?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}

/** Narrows unknown failures so callers can render `code` + `message` without instanceof checks everywhere. */
export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/** Wraps anything thrown into a ConnectorError so no raw stack or vendor body reaches the UI. */
export function toConnectorError(error: unknown, vendor: string): ConnectorError {
  if (isConnectorError(error)) return error;
  return new ConnectorError('network', `${vendor} could not be reached: ${describeCause(error)}.`);
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    return error.message.slice(0, 120);
  }
  return 'unknown error';
}
