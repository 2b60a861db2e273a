import type { TandemEvent } from '../../shared/domain/events';

/** Timer functions, injectable so tests drive flushes without waiting on the clock. */
export interface QueueTimer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemQueueTimer: QueueTimer = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface WriteQueueOptions {
  /** Flush when this many events wait. */
  maxBatch?: number;
  /** Flush at most this long after the first waiting event. */
  flushMs?: number;
  timer?: QueueTimer;
}

interface Pending {
  event: TandemEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Batches `record()` calls into one transaction: an fsync per event would cap the panel at a few
 * hundred events per second on a laptop disk, and a burst (three suggestions shown at once) would
 * queue behind itself. Each promise resolves only after its batch's COMMIT returned, which is what
 * "acknowledged" means; when a batch fails, every event in it is rejected so no caller believes a lost
 * event was stored.
 */
export class WriteQueue {
  private pending: Pending[] = [];
  private handle: unknown = null;
  private readonly maxBatch: number;
  private readonly flushMs: number;
  private readonly timer: QueueTimer;

  constructor(
    private readonly write: (events: TandemEvent[]) => void,
    options: WriteQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.flushMs = options.flushMs ?? 20;
    this.timer = options.timer ?? systemQueueTimer;
  }

  get size(): number {
    return this.pending.length;
  }

  enqueue(event: TandemEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (this.handle === null) this.handle = this.timer.setTimeout(() => this.flush(), this.flushMs);
    });
  }

  /** Writes everything waiting now, in one transaction. */
  flush(): void {
    if (this.handle !== null) {
      this.timer.clearTimeout(this.handle);
      this.handle = null;
    }
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.write(batch.map((p) => p.event));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve();
  }
}
