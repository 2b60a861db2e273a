import type { ClipboardStatus } from '../../shared/contract/assist';
import type { Settings } from '../../shared/domain/settings';
import type { EventBus } from '../ipc/event-bus';
import type { ClipboardPort } from '../ports/clipboard';
import { AssistService, type AssistServiceDeps, type IncomingMessage } from './assist-service';
import { ClipboardWatcher, type Timers } from './clipboard-watcher';
import { OwnClipboardWrites } from './own-writes';

export interface AssistRuntimeOptions extends Omit<AssistServiceDeps, 'writeClipboard'> {
  clipboard: ClipboardPort;
  bus: EventBus;
  settings: () => Settings;
  ownWrites?: OwnClipboardWrites;
  timers?: Timers;
  onError?: (error: unknown) => void;
  /**
   * Connected helpdesks get first look at copied text: true means it was one of their ticket URLs and
   * the ticket is loading, so the URL itself is not analysed (or reported as ignored).
   */
  onDidCopyUrl?: (text: string) => boolean;
}

/**
 * Wires the clipboard watcher to the assist service and the event bus, and follows the clipboard
 * settings. The Electron shell and the browser harness both build this, so the tests drive the same
 * path a real copy takes.
 */
export class AssistRuntime {
  readonly service: AssistService;
  readonly watcher: ClipboardWatcher;
  readonly ownWrites: OwnClipboardWrites;
  private lastIgnoredReason: string | null = null;
  private enabled: boolean;

  constructor(private readonly options: AssistRuntimeOptions) {
    this.ownWrites = options.ownWrites ?? new OwnClipboardWrites();
    this.service = new AssistService({
      ...options,
      writeClipboard: (text) => {
        this.ownWrites.remember(text);
        options.clipboard.writeText(text);
      },
    });
    const settings = options.settings();
    this.enabled = settings.clipboard.enabled;
    this.watcher = new ClipboardWatcher({
      clipboard: options.clipboard,
      isOwnWrite: (text) => this.ownWrites.isOwnWrite(text),
      pollMs: settings.clipboard.pollMs,
      onDidCopy: (text) => this.fromClipboard(text),
      timers: options.timers,
    });
    this.service.onDidUpdate((state) => options.bus.emit('onDidUpdateAssist', state));
  }

  start(): void {
    this.watcher.start();
    if (!this.enabled) this.watcher.setPaused(true);
  }

  stop(): void {
    this.watcher.stop();
    this.options.llm?.cancel('Tandem is closing');
  }

  /** Settings changed: follow the clipboard switch and interval. */
  applySettings(settings: Settings): void {
    this.watcher.setPollMs(settings.clipboard.pollMs);
    if (settings.clipboard.enabled !== this.enabled) {
      this.enabled = settings.clipboard.enabled;
      this.watcher.setPaused(!this.enabled);
    }
    this.emitStatus();
  }

  status(): ClipboardStatus {
    return {
      enabled: this.enabled,
      paused: this.watcher.isPaused,
      pollMs: this.watcher.interval,
      lastIgnoredReason: this.lastIgnoredReason,
    };
  }

  setPaused(paused: boolean): ClipboardStatus {
    this.watcher.setPaused(paused);
    this.emitStatus();
    return this.status();
  }

  /** The "analyze clipboard now" shortcut: works while paused, and says why when nothing was analysed. */
  analyzeNow() {
    const text = this.watcher.readNow();
    if (text === null) {
      this.ignored('the clipboard is empty or holds a reply Tandem copied');
      return null;
    }
    return this.fromClipboard(text);
  }

  private fromClipboard(text: string) {
    if (this.options.onDidCopyUrl?.(text)) return null;
    return this.receive({ text, source: 'clipboard' });
  }

  /** Any source — clipboard, paste box, ticket — goes through here so errors are reported the same way. */
  receive(message: IncomingMessage) {
    try {
      const result = this.service.handleIncoming(message);
      if (result.kind === 'ignored') {
        this.ignored(result.reason);
        return null;
      }
      return result.state;
    } catch (error) {
      this.options.onError?.(error);
      this.options.bus.emit('onDidFailAnalysis', {
        message: 'Tandem could not analyse that message. Try again, or paste it into the box.',
        source: message.source,
      });
      if (message.source !== 'clipboard') throw error;
      return null;
    }
  }

  private ignored(reason: string): void {
    this.lastIgnoredReason = reason;
    this.options.bus.emit('onDidIgnoreClipboard', { reason });
    this.emitStatus();
  }

  private emitStatus(): void {
    this.options.bus.emit('onDidChangeClipboardStatus', this.status());
  }
}
