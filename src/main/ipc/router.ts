import type { z } from 'zod';
import { calls } from '../../shared/contract';
import type { CallName, CallOutput, CallParsedInput } from '../../shared/ipc/api';
import type { CallDef } from '../../shared/ipc/define';
import { AppError, type IpcResult } from '../../shared/ipc/result';
import type { SenderInfo } from './trust';

/** Per-call facts a handler may need (which frame asked), never the raw Electron event. */
export interface CallContext {
  sender: SenderInfo;
}

export type CallHandler<K extends CallName> = (
  input: CallParsedInput<K>,
  context: CallContext,
) => Promise<CallOutput<K>> | CallOutput<K>;

/** One handler per call: the compiler rejects a contract call that main does not serve. */
export type Handlers = { [K in CallName]: CallHandler<K> };

export interface IpcRouter {
  readonly callNames: readonly CallName[];
  /** Validates the sender and the payload, runs the handler, and wraps the outcome in an {@link IpcResult}. */
  handle(name: string, payload: unknown, sender: SenderInfo): Promise<IpcResult<unknown>>;
}

export interface RouterOptions {
  isTrustedSender: (sender: SenderInfo) => boolean;
  /** Unexpected errors are reported here (without payloads) and answered with a generic message. */
  onUnexpectedError?: (name: string, error: unknown) => void;
}

const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`)
    .join('; ');

/**
 * Binds the contract to main-side services. The same router serves Electron's ipcMain and the
 * browser test harness, so both run exactly the same validation and checks.
 */
export function createIpcRouter(handlers: Handlers, options: RouterOptions): IpcRouter {
  const table = calls as Record<string, CallDef>;
  const callNames = Object.keys(table) as CallName[];
  return {
    callNames,
    async handle(name, payload, sender) {
      if (!options.isTrustedSender(sender)) {
        return {
          ok: false,
          error: {
            code: 'untrusted_sender',
            message: 'This call came from a page that is not part of Tandem.',
          },
        };
      }
      const def = Object.hasOwn(table, name) ? table[name] : undefined;
      const handler = Object.hasOwn(handlers, name)
        ? (handlers as unknown as Record<string, (i: unknown, c: CallContext) => unknown>)[name]
        : undefined;
      if (!def || !handler) {
        return {
          ok: false,
          error: { code: 'unknown_call', message: `Unknown call "${String(name).slice(0, 80)}".` },
        };
      }
      const parsed = def.input.safeParse(payload);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_payload',
            message: `Invalid input for ${name}: ${describeIssues(parsed.error.issues)}`,
          },
        };
      }
      try {
        const data = await handler(parsed.data, { sender });
        const out = def.output.safeParse(data);
        if (!out.success) {
          options.onUnexpectedError?.(
            name,
            new Error(`output failed validation: ${describeIssues(out.error.issues)}`),
          );
          return {
            ok: false,
            error: { code: 'internal', message: 'Tandem produced an unexpected answer. Please retry.' },
          };
        }
        return { ok: true, data: out.data };
      } catch (error) {
        if (error instanceof AppError) {
          return { ok: false, error: { code: error.code, message: error.message } };
        }
        options.onUnexpectedError?.(name, error);
        return {
          ok: false,
          error: { code: 'internal', message: 'Something went wrong in Tandem. Please retry.' },
        };
      }
    },
  };
}
