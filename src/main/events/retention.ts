import type { EventStore } from './event-store';

const DAY_MS = 86_400_000;

/** Interval functions, injectable so tests trigger the daily clean-up without waiting a day. */
export interface RetentionTimer {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemRetentionTimer: RetentionTimer = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    // A clean-up alone must not keep the app (or the CLI) alive.
    handle.unref?.();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface RetentionOptions {
  store: Pick<EventStore, 'applyRetention'>;
  /** Read at every run, so a change in Settings applies at the next clean-up without a restart. */
  retentionDays: () => number;
  timer?: RetentionTimer;
  now?: () => Date;
  onCleaned?: (deleted: number) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs the retention clean-up now (at start-up) and then once a day. Returns a stop function.
 * Failures are reported and retried the next day, never thrown into the app.
 */
export function scheduleRetention(options: RetentionOptions): () => void {
  const timer = options.timer ?? systemRetentionTimer;
  const now = options.now ?? (() => new Date());
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    options.store
      .applyRetention(options.retentionDays(), now())
      .then((deleted) => options.onCleaned?.(deleted), options.onError)
      .finally(() => {
        running = false;
      });
  };
  run();
  const handle = timer.setInterval(run, DAY_MS);
  return () => timer.clearInterval(handle);
}
