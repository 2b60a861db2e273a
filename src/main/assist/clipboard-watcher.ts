import { createHash } from 'node:crypto';
import type { ClipboardPort } from '../ports/clipboard';

/** Texts above this size are fingerprinted from samples so a 10 MB clipboard does not cost a full hash every poll. */
const FULL_HASH_LIMIT = 256 * 1024;
const SAMPLE_WINDOWS = 64;
const SAMPLE_SIZE = 256;

/**
 * A fingerprint of the clipboard text. Only this is kept between polls: the copied text itself is
 * not stored unless it is analysed.
 */
export function clipboardFingerprint(text: string): string {
  const hash = createHash('sha1');
  hash.update(String(text.length));
  if (text.length <= FULL_HASH_LIMIT) {
    hash.update(text);
  } else {
    const step = Math.floor((text.length - SAMPLE_SIZE) / SAMPLE_WINDOWS);
    for (let i = 0; i <= SAMPLE_WINDOWS; i += 1) hash.update(text.slice(i * step, i * step + SAMPLE_SIZE));
    hash.update(text.slice(-SAMPLE_SIZE));
  }
  return hash.digest('hex');
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

export interface ClipboardWatcherOptions {
  clipboard: ClipboardPort;
  /** Text Tandem itself put on the clipboard (an accepted reply) must not come back as a customer message. */
  isOwnWrite(text: string): boolean;
  pollMs: number;
  /** Called with new clipboard text; the receiver decides whether it is a customer message. */
  onDidCopy(text: string): void;
  timers?: Timers;
}

/**
 * Polls the clipboard (Electron has no change event) and reports text that changed since the last
 * poll. Pausing stops the polling; `readNow` still works because the agent asked for it.
 */
export class ClipboardWatcher {
  private handle: unknown = null;
  private lastFingerprint: string | null = null;
  private paused = false;
  private running = false;
  private pollMs: number;
  private readonly timers: Timers;

  constructor(private readonly options: ClipboardWatcherOptions) {
    this.pollMs = options.pollMs;
    this.timers = options.timers ?? realTimers;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get interval(): number {
    return this.pollMs;
  }

  start(): void {
    this.running = true;
    // What is on the clipboard when watching starts is old news: remember it without reporting it.
    this.lastFingerprint = clipboardFingerprint(this.safeRead());
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.unschedule();
  }

  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (paused) {
      this.unschedule();
    } else {
      this.lastFingerprint = clipboardFingerprint(this.safeRead());
      this.schedule();
    }
  }

  setPollMs(ms: number): void {
    if (ms === this.pollMs) return;
    this.pollMs = ms;
    this.unschedule();
    this.schedule();
  }

  /** One poll; public so tests drive it without timers. */
  tick(): void {
    const text = this.safeRead();
    const fingerprint = clipboardFingerprint(text);
    if (fingerprint === this.lastFingerprint) return;
    this.lastFingerprint = fingerprint;
    if (text.trim() === '' || this.options.isOwnWrite(text)) return;
    this.options.onDidCopy(text);
  }

  /** The "analyze clipboard now" shortcut: returns the text even if it did not change, unless Tandem wrote it. */
  readNow(): string | null {
    const text = this.safeRead();
    this.lastFingerprint = clipboardFingerprint(text);
    if (text.trim() === '' || this.options.isOwnWrite(text)) return null;
    return text;
  }

  private safeRead(): string {
    try {
      return this.options.clipboard.readText();
    } catch {
      return '';
    }
  }

  private schedule(): void {
    if (!this.running || this.paused || this.handle !== null) return;
    this.handle = this.timers.setInterval(() => this.tick(), this.pollMs);
  }

  private unschedule(): void {
    if (this.handle === null) return;
    this.timers.clearInterval(this.handle);
    this.handle = null;
  }
}
