import type { z } from 'zod';
import type { CallDef, EventDef, Unsubscribe } from './define';
import type { IpcResult } from './result';
import type { calls, events } from '../contract';
import { CALL_NAMES, EVENT_NAMES } from './names';

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = keyof Calls & string;
export type EventName = keyof Events & string;

type InputOf<D> = D extends CallDef<infer I, z.ZodType> ? I : never;
type OutputOf<D> = D extends CallDef<z.ZodType, infer O> ? O : never;
type PayloadOf<D> = D extends EventDef<infer P> ? P : never;

/** What the renderer passes. */
export type CallInput<K extends CallName> = z.input<InputOf<Calls[K]>>;
/** What a main-side handler receives after validation (defaults applied). */
export type CallParsedInput<K extends CallName> = z.output<InputOf<Calls[K]>>;
export type CallOutput<K extends CallName> = z.output<OutputOf<Calls[K]>>;
export type EventPayload<K extends EventName> = z.output<PayloadOf<Events[K]>>;

type CallFn<K extends CallName> = [CallInput<K>] extends [undefined | void]
  ? () => Promise<IpcResult<CallOutput<K>>>
  : (input: CallInput<K>) => Promise<IpcResult<CallOutput<K>>>;

/** The API the preload exposes as `window.tandem`: exactly the contract, one function per call and per event. */
export type TandemApi = { [K in CallName]: CallFn<K> } & {
  [K in EventName]: (listener: (payload: EventPayload<K>) => void) => Unsubscribe;
};

/** How the API reaches main: Electron IPC in the app, a page binding in the browser tests. */
export interface IpcTransport {
  invoke(name: string, payload: unknown): Promise<unknown>;
  subscribe(name: string, listener: (payload: unknown) => void): Unsubscribe;
}

export const callNames: readonly CallName[] = CALL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;

/**
 * Builds `window.tandem` from the contract. The preload and the browser test harness both call this,
 * so the tests exercise the same API object the app exposes.
 */
export function buildTandemApi(transport: IpcTransport): TandemApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = (input?: unknown) => transport.invoke(name, input);
  }
  for (const name of eventNames) {
    api[name] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return Object.freeze(api) as TandemApi;
}
