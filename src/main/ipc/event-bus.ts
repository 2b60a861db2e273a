import { events } from '../../shared/contract';
import type { EventName, EventPayload } from '../../shared/ipc/api';
import type { EventDef, Unsubscribe } from '../../shared/ipc/define';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Main→renderer events. Services emit here without knowing about windows; the Electron binding
 * and the test harness forward what is emitted to their pages.
 */
export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  onDidEmit(listener: EventListener): Unsubscribe;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  const table = events as Record<string, EventDef>;
  return {
    emit(name, payload) {
      const def = table[name];
      if (!def) throw new Error(`Unknown event ${name}`);
      const parsed = def.payload.parse(payload);
      for (const listener of [...listeners]) listener(name, parsed);
    },
    onDidEmit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
