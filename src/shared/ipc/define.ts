import type { z } from 'zod';

/** A renderer→main request/response call: the input is validated in main before any service runs. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
}

/** A main→renderer event: the payload is validated in main before it is sent. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

/** Declares a call once; main, preload and renderer all derive their types from this declaration. */
export function defineCall<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDef<I, O> {
  return { kind: 'call', input, output };
}

/** Declares an event once; subscriptions in the renderer return an unsubscribe function. */
export function defineEvent<P extends z.ZodType>(payload: P): EventDef<P> {
  return { kind: 'event', payload };
}

/** Channel names are derived, never typed by hand, so a renamed call cannot drift between the two sides. */
export const callChannel = (name: string): string => `tandem:call:${name}`;
export const eventChannel = (name: string): string => `tandem:event:${name}`;

export type Unsubscribe = () => void;
