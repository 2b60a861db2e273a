/** Waits that tests replace: a clock and a sleep that honour cancellation. */
export interface Timing {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Real timing: a cancellable timer; used unless a test injects its own. */
export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A sliding window; null budget means headers-only pacing. */
export interface RateBudgetOptions {
  /** Units allowed per window (a write may cost more than one, as on Help Scout). */
  limit: number;
  windowMs: number;
}

/**
 * Client-side budget so Tandem slows itself down before the helpdesk says 429: a sliding window of
 * weighted requests (Gorgias: 40 per 20 s with API keys), plus pauses learnt from per-minute headers
 * (Zendesk, Freshdesk, Help Scout) when the account has nothing left.
 */
export class RateBudget {
  private readonly spent: Array<{ at: number; weight: number }> = [];
  private pausedUntil = 0;

  constructor(
    private readonly options: RateBudgetOptions | null,
    private readonly timing: Timing,
  ) {}

  async acquire(weight: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.timing.now();
      if (now < this.pausedUntil) {
        await this.timing.sleep(this.pausedUntil - now, signal);
        continue;
      }
      if (!this.options) return;
      const windowStart = now - this.options.windowMs;
      while (this.spent.length > 0 && this.spent[0]!.at <= windowStart) this.spent.shift();
      const used = this.spent.reduce((sum, s) => sum + s.weight, 0);
      if (used + weight <= this.options.limit || this.spent.length === 0) {
        this.spent.push({ at: now, weight });
        return;
      }
      await this.timing.sleep(Math.max(1, this.spent[0]!.at + this.options.windowMs - now), signal);
    }
  }

  /** Reads the remaining-requests headers; at zero, pauses until the advertised reset (or a minute). */
  observe(headers: Headers): void {
    const remaining = firstNumber(headers, [
      'x-rate-limit-remaining',
      'ratelimit-remaining',
      'x-ratelimit-remaining',
      'x-ratelimit-remaining-minute',
    ]);
    if (remaining === null || remaining > 0) return;
    const resetSeconds = firstNumber(headers, ['ratelimit-reset', 'x-ratelimit-retry-after']);
    const waitMs = (resetSeconds !== null && resetSeconds <= 3600 ? resetSeconds : 60) * 1000;
    this.pauseFor(waitMs);
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.timing.now() + ms);
  }
}

function firstNumber(headers: Headers, names: string[]): number | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null && /^\s*\d+\s*$/.test(value)) return Number(value);
  }
  return null;
}
