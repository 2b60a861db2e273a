import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { MemorySecretStore } from '../../../src/main/ports/secret-store';
import { isLoopbackHost, redactUrl, teamClientConfig } from '../../../src/main/team-store/connection';
import { createTeamHandlers } from '../../../src/main/team-store/team-handlers';
import { TeamShipping } from '../../../src/main/team-store/team-shipping';
import type { TeamStatus } from '../../../src/shared/contract/team';
import { pgUnavailableReason } from './pg-cluster';
import { agentEvents, countTeamEvents, setupAgent, useTeamCluster, waitForStatus } from './helpers';

describe('team store connection rules', () => {
  it('requires verified TLS unless the host is loopback', () => {
    expect(teamClientConfig({ url: 'postgres://ann@db.example.com/team' }).ssl).toEqual({
      rejectUnauthorized: true,
    });
    expect(teamClientConfig({ url: 'postgres://ann@db.example.com/team?sslmode=disable' }).ssl).toEqual({
      rejectUnauthorized: true,
    });
    expect(teamClientConfig({ url: 'postgres://ann@127.0.0.1:5433/team' }).ssl).toBe(false);
    expect(teamClientConfig({ url: 'postgres://ann@localhost/team' }).ssl).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
    expect(isLoopbackHost('::1')).toBe(true);
  });

  it('refuses a non-postgres URL and never shows the password', () => {
    expect(() => teamClientConfig({ url: 'http://x' })).toThrow(/postgres:\/\//);
    expect(() => teamClientConfig({ url: 'not a url' })).toThrow(/not a valid/);
    expect(redactUrl('postgres://ann:s3cret@h/db')).not.toContain('s3cret');
  });
});

const skip = pgUnavailableReason();

describe.skipIf(skip !== null)('team shipping service (real PostgreSQL)', () => {
  const ctx = useTeamCluster();

  it('is off until configured, then ships with the password from the secret store', async () => {
    const { cluster, admin, dir } = ctx;
    const password = await setupAgent(admin, 'eve');
    const path = join(dir, 'eve.sqlite');
    const store = SqliteEventStore.open(path);
    const secrets = new MemorySecretStore();
    await secrets.set('teamStore.password', password);
    const shipping = new TeamShipping(path, store, secrets, {
      idlePollMs: 50,
      baseDelayMs: 20,
      maxDelayMs: 200,
    });
    const handlers = createTeamHandlers(shipping);
    expect(handlers.getTeamStatus(undefined, {} as never)).toMatchObject({ state: 'off', queued: 0 });
    const seen: TeamStatus[] = [];
    shipping.onDidChangeTeamStatus((s) => seen.push(s));
    const url = `postgres://eve@127.0.0.1:${cluster.port}/postgres`;
    await shipping.configure({ url, agentId: 'eve' });
    const events = agentEvents('eve', 50, 21);
    for (const e of events) await store.record(e);
    await waitForStatus(shipping, (s) => s.state === 'connected' && s.queued === 0);
    expect(await countTeamEvents(admin, 'eve')).toEqual({ rows: 50, distinct: 50 });
    expect(seen.some((s) => s.state === 'connected')).toBe(true);
    await shipping.configure(null);
    expect(shipping.getStatus().state).toBe('off');
    await store.close();
  });
});
