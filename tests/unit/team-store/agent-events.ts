import { generateEvents } from '../../../src/main/events/generate';
import type { TandemEvent } from '../../../src/shared/domain/events';

// Kept apart from helpers.ts (which imports vitest) so child processes such as ship-writer.ts can use it.

/** Realistic events all belonging to one agent (the generator's own agent ids are replaced). */
export function agentEvents(agentId: string, count: number, seed: number): TandemEvent[] {
  return [
    ...generateEvents({
      count,
      seed,
      agents: 3,
      end: new Date('2026-11-20T00:00:00Z'),
      start: new Date('2026-09-20T00:00:00Z'),
    }),
  ].map((e) => ({ ...e, agentId }));
}
