import type { CaseTurn } from '../../../../shared/domain/cases';
import type { ReplaySpeed } from '../store/trainer-ui-store';

/**
 * Longest wait between two turns. Cases keep their original offsets, but a real thread may pause for
 * hours; a training session waits at most this long and the trainer can always step ahead.
 */
export const MAX_WAIT_MS = 120_000;

/** How long to wait before showing turn `next`, or null when the trainee steps by hand. */
export function delayBefore(turns: readonly CaseTurn[], next: number, speed: ReplaySpeed): number | null {
  if (speed === 'step') return null;
  const prev = turns[next - 1];
  const cur = turns[next];
  if (!cur) return null;
  if (!prev) return 0;
  const gap = Math.max(0, cur.offsetSeconds - prev.offsetSeconds) * 1000;
  return Math.min(MAX_WAIT_MS, speed === '2x' ? gap / 2 : gap);
}

/** Indexes of the customer turns, which are the ones the trainee answers. */
export const customerTurnIndexes = (turns: readonly CaseTurn[]): number[] =>
  turns.flatMap((t, i) => (t.role === 'customer' ? [i] : []));

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
