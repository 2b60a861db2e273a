import pg from 'pg';
import type { TeamStatus } from '../../shared/contract/team';
import type { Unsubscribe } from '../../shared/ipc/define';
import type { TeamOutbox } from '../events/sqlite/team-outbox';
import { redactUrl, teamClientConfig, type TeamConnectionOptions } from './connection';
import { assertTeamSchemaCompatible, TEAM_SCHEMA_VERSION } from './migrate';
import { describeTeamError } from './team-errors';
import { insertPreparedBatch, isDataError, prepareBatch, type PreparedBatch } from './pg-writer';

/** Time, injectable so backoff is tested without waiting and without flakiness. */
export interface SenderClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemSenderClock: SenderClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const handle = setTimeout(done, ms);
      function done(): void {
        clearTimeout(handle);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    }),
};

export interface TeamSenderOptions {
  outbox: TeamOutbox;
  connection: TeamConnectionOptions;
  /** Schema version this build writes; a newer database is refused with a clear message. */
  schemaVersion?: number;
  batchSize?: number;
  /**
   * Batches in flight at once, each on its own connection, while the backlog is larger than this many
   * batches (a desktop that was offline for days). The server writes one batch per connection on one
   * core; a second connection lets it use two. Small queues — the usual case, and a thousand desktops
   * reconnecting after an outage — use one connection. Default 2.
   */
  lanes?: number;
  /** First retry delay; doubles per failure up to `maxDelayMs`, each with random jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often an idle sender looks for events another process queued; `nudge()` wakes it at once. */
  idlePollMs?: number;
  clock?: SenderClock;
  random?: () => number;
  /** Where warnings go (dropped events, unsendable entries); the app passes its logger. */
  warn?: (message: string) => void;
}

/** Full-jitter exponential backoff: spreads a thousand desktops reconnecting after an outage. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Ships the outbox to the team store in the background: drains at start-up, then whenever nudged or
 * polled. A batch leaves the outbox only after the server committed it, so a crash or a dropped
 * connection resends it, and the server's primary key makes the resend a no-op. While the server is
 * unreachable it backs off exponentially with jitter; the outbox keeps growing up to its bound.
 */
export class TeamSender {
  private status: TeamStatus;
  private readonly listeners = new Set<(status: TeamStatus) => void>();
  private client: pg.Client | null = null;
  /** Extra connections for a large backlog (see {@link TeamSenderOptions.lanes}); closed when it is drained. */
  private extraClients: pg.Client[] = [];
  private readonly knownMonths = new Set<string>();
  private stop = new AbortController();
  private wake = new AbortController();
  private loop: Promise<void> | null = null;
  private failures = 0;
  /** True while waiting out a backoff delay, which a {@link nudge} must not cut short. */
  private backingOff = false;
  private retryRequested = false;
  private reportedDropped = 0;
  private readonly o: Required<Omit<TeamSenderOptions, 'outbox' | 'connection'>>;

  constructor(private readonly options: TeamSenderOptions) {
    this.o = {
      schemaVersion: options.schemaVersion ?? TEAM_SCHEMA_VERSION,
      batchSize: options.batchSize ?? 5000,
      lanes: Math.max(1, options.lanes ?? 2),
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 5 * 60_000,
      idlePollMs: options.idlePollMs ?? 2000,
      clock: options.clock ?? systemSenderClock,
      random: options.random ?? Math.random,
      warn: options.warn ?? (() => {}),
    };
    this.status = {
      state: 'sending',
      queued: options.outbox.size(),
      dropped: options.outbox.dropped(),
      lastSentAt: null,
      nextRetryAt: null,
    };
  }

  getStatus(): TeamStatus {
    return { ...this.status };
  }

  onDidChangeTeamStatus(listener: (status: TeamStatus) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Starts the loop; the first thing it does is flush what earlier sessions left queued. */
  start(): void {
    if (this.loop) return;
    this.stop = new AbortController();
    this.loop = this.run();
  }

  /**
   * New events were recorded: wakes an idle sender so they leave at once. A sender backing off after
   * a failure keeps waiting (only the queued count is refreshed): an agent records events every few
   * seconds, and letting each one cut the backoff short would have every desktop hammer a server
   * that is down. Use {@link retryNow} when there is reason to believe the server is back.
   */
  nudge(): void {
    // The indicator shows the new queue length at once, not after the next batch.
    if (this.loop) this.update({ queued: this.options.outbox.size() });
    if (!this.backingOff) this.wake.abort();
  }

  /** Ends a backoff wait now (the user pressed Retry, settings or the network changed). */
  retryNow(): void {
    this.retryRequested = true;
    this.wake.abort();
  }

  /** Stops after the batch in flight; queued events stay in the outbox for the next start. */
  async close(): Promise<void> {
    this.stop.abort();
    this.wake.abort();
    await this.loop;
    this.loop = null;
    await this.dropClient();
  }

  private update(patch: Partial<TeamStatus>): void {
    const next = { ...this.status, ...patch };
    if (patch.reason === undefined && 'reason' in patch) delete next.reason;
    const changed = JSON.stringify(next) !== JSON.stringify(this.status);
    this.status = next;
    if (changed) for (const l of [...this.listeners]) l(this.getStatus());
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = await this.open();
    this.client = client;
    this.knownMonths.clear();
    return client;
  }

  /** A checked connection: schema compatible; a dropped socket makes its next query fail. */
  private async open(): Promise<pg.Client> {
    const client = new pg.Client(teamClientConfig(this.options.connection));
    // A server restart kills the socket between queries; the next query fails and we reconnect.
    client.on('error', () => {
      if (this.client === client) this.client = null;
      this.extraClients = this.extraClients.filter((c) => c !== client);
    });
    await client.connect();
    try {
      await assertTeamSchemaCompatible(client, this.o.schemaVersion);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return client;
  }

  /** The connections to send on now: one, or more while the backlog is large. */
  private async lanesFor(queued: number): Promise<pg.Client[]> {
    const main = await this.connect();
    const wanted = queued > this.o.lanes * this.o.batchSize ? this.o.lanes - 1 : 0;
    while (this.extraClients.length < wanted) {
      try {
        this.extraClients.push(await this.open());
      } catch {
        break; // the server may be at its connection limit: one lane still drains the queue
      }
    }
    return [main, ...this.extraClients.slice(0, wanted)];
  }

  /**
   * Closes every connection. After a failure it does not wait: a connection whose server process is
   * still busy (waiting on a lock, say) only closes once that statement ends, and the status must say
   * what happened now, not after the statement timeout.
   */
  private async dropClient(wait = true): Promise<void> {
    const clients = [this.client, ...this.extraClients];
    this.client = null;
    this.extraClients = [];
    const ended = Promise.all(clients.map((c) => c?.end().catch(() => {})));
    if (wait) await ended;
  }

  private async dropExtraClients(): Promise<void> {
    const extra = this.extraClients;
    this.extraClients = [];
    await Promise.all(extra.map((c) => c.end().catch(() => {})));
  }

  private async idle(ms: number): Promise<void> {
    if (this.stop.signal.aborted) return;
    if (this.wake.signal.aborted) {
      // Nudged while busy: look again now rather than losing the nudge.
      this.wake = new AbortController();
      return;
    }
    const both = AbortSignal.any([this.stop.signal, this.wake.signal]);
    await this.o.clock.sleep(ms, both);
  }

  private checkDropped(): number {
    const dropped = this.options.outbox.dropped();
    if (dropped > this.reportedDropped) {
      this.o.warn(
        `Team outbox full: ${dropped - this.reportedDropped} oldest event(s) dropped (${dropped} in total); supervisors will not see them.`,
      );
      this.reportedDropped = dropped;
    }
    return dropped;
  }

  /**
   * Reads the batch after `afterSeq` (from the front when null); null when nothing is queued. Entries
   * are only parsed (`json`) unless `validate` is `full` (see {@link prepareBatch}).
   */
  private prepare(
    afterSeq: number | null,
    validate: 'full' | 'json' = 'json',
  ): (PreparedBatch & { lastSeq: number; validated: boolean; invalid: number[] }) | null {
    const { outbox } = this.options;
    const entries =
      afterSeq === null ? outbox.peek(this.o.batchSize) : outbox.peekAfter(afterSeq, this.o.batchSize);
    if (entries.length === 0) return null;
    const batch = prepareBatch(
      entries.map((e) => e.payload),
      validate,
    );
    if (batch.invalid.length > 0) {
      this.o.warn(`Team outbox: ${batch.invalid.length} entr(ies) no longer valid and not sent.`);
    }
    return { ...batch, lastSeq: entries.at(-1)!.seq, validated: validate === 'full' };
  }

  /** Inserts a batch; if the server refuses its data, re-reads it with full validation and tries once more. */
  private async insert(
    client: pg.Client,
    batch: PreparedBatch & { lastSeq: number; validated: boolean; invalid: number[] },
    afterSeq: number | null,
  ): Promise<void> {
    try {
      await insertPreparedBatch(client, batch, this.knownMonths);
    } catch (error) {
      if (batch.validated || !isDataError(error)) throw error;
      const checked = this.prepare(afterSeq, 'full');
      if (!checked || checked.invalid.length === 0) throw error;
      await insertPreparedBatch(client, checked, this.knownMonths);
    }
  }

  /**
   * Sends everything queued, batch after batch; returns false when the outbox was empty. While the
   * server writes a batch, the next is read from the outbox (the two run on different cores); with a
   * large backlog several batches are written at once, one per connection. Batches are acked only
   * after the server committed them, and always in order: a batch the server committed but this side
   * could not ack (a later one committed before an earlier one failed, or the connection was cut after
   * the commit) is sent again and skipped by the server as already stored.
   */
  private async sendBatch(): Promise<boolean> {
    const { outbox } = this.options;
    let afterSeq: number | null = null;
    let batch = this.prepare(afterSeq);
    if (batch === null) return false;
    this.update({ state: 'sending', queued: outbox.size(), dropped: this.checkDropped() });
    let lanes = await this.lanesFor(outbox.size());
    type Prepared = NonNullable<typeof batch>;
    const inFlight: Array<{ batch: Prepared; lane: pg.Client; done: Promise<void> }> = [];
    // A failure on any connection stops the round at once (the caller closes every connection and backs
    // off): waiting for an earlier batch first could mean waiting on a server that no longer answers.
    let failed!: (error: unknown) => void;
    const failure = new Promise<never>((_resolve, reject) => (failed = reject));
    failure.catch(() => {});
    while (batch !== null || inFlight.length > 0) {
      while (batch !== null && inFlight.length < lanes.length) {
        const lane = lanes.find((c) => !inFlight.some((f) => f.lane === c))!;
        const done = this.insert(lane, batch, afterSeq);
        done.catch(failed);
        inFlight.push({ batch, lane, done });
        afterSeq = batch.lastSeq;
        batch = this.stop.signal.aborted ? null : this.prepare(afterSeq);
      }
      const head = inFlight.shift()!;
      await Promise.race([head.done, failure]);
      outbox.ack(head.batch.lastSeq);
      this.update({
        state: 'sending',
        queued: outbox.size(),
        dropped: this.checkDropped(),
        lastSentAt: new Date(this.o.clock.now()).toISOString(),
      });
      if (lanes.length > 1 && outbox.size() <= this.o.batchSize * this.o.lanes) {
        // The backlog is nearly drained: finish on one connection and close the others.
        for (const f of inFlight) await Promise.race([f.done, failure]);
        lanes = lanes.slice(0, 1);
        await this.dropExtraClients();
      }
    }
    return true;
  }

  private async run(): Promise<void> {
    const { outbox } = this.options;
    while (!this.stop.signal.aborted) {
      try {
        const sent = await this.sendBatch();
        this.failures = 0;
        if (sent) continue;
        // Nothing queued: check the connection is good so "connected" means it, then wait.
        await this.connect();
        this.update({
          state: 'connected',
          queued: outbox.size(),
          dropped: this.checkDropped(),
          reason: undefined,
          nextRetryAt: null,
        });
        await this.idle(this.o.idlePollMs);
      } catch (error) {
        await this.dropClient(false);
        if (this.stop.signal.aborted) break;
        this.failures += 1;
        const { permanent, reason } = describeTeamError(error);
        const delay = permanent
          ? this.o.maxDelayMs
          : backoffDelay(this.failures, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
        this.update({
          state: permanent ? 'error' : 'offline',
          queued: outbox.size(),
          dropped: this.checkDropped(),
          reason: reason
            .replaceAll(this.options.connection.url, redactUrl(this.options.connection.url))
            .slice(0, 500),
          nextRetryAt: new Date(this.o.clock.now() + delay).toISOString(),
        });
        // Nudges that came in during the failed attempt do not shorten the wait; retryNow() does.
        if (!this.retryRequested) this.wake = new AbortController();
        this.backingOff = true;
        try {
          await this.idle(delay);
        } finally {
          this.backingOff = false;
          this.retryRequested = false;
        }
      }
    }
  }
}
