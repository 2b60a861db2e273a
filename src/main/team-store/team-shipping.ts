import { DatabaseSync } from 'node:sqlite';
import type { TeamStatus } from '../../shared/contract/team';
import type { Unsubscribe } from '../../shared/ipc/define';
import type { EventStore } from '../events/event-store';
import {
  DEFAULT_OUTBOX_CAPACITY,
  disableTeamOutbox,
  enableTeamOutbox,
  TeamOutbox,
} from '../events/sqlite/team-outbox';
import type { SecretStore } from '../ports/secret-store';
import { teamClientConfig } from './connection';
import { TeamSender, type TeamSenderOptions } from './sender';

/** What Settings holds about the team store; the password is in the SecretStore, never here. */
export interface TeamStoreConfig {
  /** `postgres://agent-login@host:port/db` (no password). */
  url: string;
  /** The PostgreSQL login; also this desktop's agent id in the events. */
  agentId: string;
  outboxCapacity?: number;
  caPem?: string;
}

const OFF: TeamStatus = { state: 'off', queued: 0, dropped: 0, lastSentAt: null, nextRetryAt: null };

/**
 * Turns shipping on and off as Settings change: enables the outbox in the local store file, reads
 * the password from the SecretStore, runs the sender and relays its status. Kept apart from the
 * IPC handlers so the app core, the CLI and tests drive it the same way.
 */
export class TeamShipping {
  private sender: TeamSender | null = null;
  private outbox: TeamOutbox | null = null;
  private offSender: Unsubscribe | null = null;
  private offStore: Unsubscribe | null = null;
  /** Set when settings cannot work at all (bad URL, login not the agent id): shown until they change. */
  private problem: TeamStatus | null = null;
  private readonly listeners = new Set<(status: TeamStatus) => void>();

  constructor(
    private readonly dbPath: string,
    private readonly store: Pick<EventStore, 'onDidRecord'>,
    private readonly secrets: SecretStore,
    private readonly senderOptions: Partial<Omit<TeamSenderOptions, 'outbox' | 'connection'>> = {},
  ) {}

  getStatus(): TeamStatus {
    return this.sender?.getStatus() ?? { ...(this.problem ?? OFF) };
  }

  onDidChangeTeamStatus(listener: (status: TeamStatus) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(status: TeamStatus): void {
    for (const l of [...this.listeners]) l(status);
  }

  /**
   * Shows a settings problem as the `error` status and ships nothing until the settings change: a
   * configuration that cannot work must say so, not sit silently at "off".
   */
  async refuse(reason: string): Promise<void> {
    await this.stop();
    this.problem = { ...OFF, state: 'error', reason: reason.slice(0, 500) };
    this.emit({ ...this.problem });
  }

  /**
   * Applies a configuration (null = team store off). Validates the URL first (TLS rule included) so
   * a bad setting is refused with a message (the `error` status) instead of becoming a retry loop.
   */
  async configure(config: TeamStoreConfig | null): Promise<void> {
    await this.stop();
    this.problem = null;
    const password = config ? ((await this.secrets.get('teamStore.password')) ?? undefined) : undefined;
    const db = new DatabaseSync(this.dbPath, { timeout: 5000 });
    try {
      if (!config) {
        // A store that never shipped has no outbox tables: leave it untouched rather than create them.
        const hasOutbox = db
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'team_outbox_config'")
          .get();
        if (hasOutbox) disableTeamOutbox(db);
        this.emit({ ...OFF });
        return;
      }
      const connection = { url: config.url, password, caPem: config.caPem };
      try {
        teamClientConfig(connection);
      } catch (error) {
        this.problem = { ...OFF, state: 'error', reason: (error as Error).message.slice(0, 500) };
        this.emit({ ...this.problem });
        return;
      }
      enableTeamOutbox(db, config.agentId, config.outboxCapacity ?? DEFAULT_OUTBOX_CAPACITY);
    } finally {
      db.close();
    }
    this.outbox = new TeamOutbox(this.dbPath);
    this.sender = new TeamSender({
      ...this.senderOptions,
      outbox: this.outbox,
      connection: { url: config.url, password, caPem: config.caPem },
    });
    this.offSender = this.sender.onDidChangeTeamStatus((s) => this.emit(s));
    this.offStore = this.store.onDidRecord(() => this.sender?.nudge());
    this.sender.start();
  }

  /** Stops shipping; the outbox keeps what is queued for the next start. */
  async stop(): Promise<void> {
    this.offStore?.();
    this.offSender?.();
    this.offStore = this.offSender = null;
    await this.sender?.close();
    this.sender = null;
    this.outbox?.close();
    this.outbox = null;
  }
}
