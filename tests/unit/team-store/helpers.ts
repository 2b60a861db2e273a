import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { generateEvents } from '../../../src/main/events/generate';
import { migrateTeamStore } from '../../../src/main/team-store/migrate';
import { createTeamLogin } from '../../../src/main/team-store/roles';
import type { TeamStatus } from '../../../src/shared/contract/team';
import type { TandemEvent } from '../../../src/shared/domain/events';
import type { TeamSender } from '../../../src/main/team-store/sender';

/** A temp folder removed after the test. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-team-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

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

/** Migrates (idempotent) and creates an agent login; returns its password. */
export async function setupAgent(admin: pg.ClientBase, name: string): Promise<string> {
  await migrateTeamStore(admin);
  return (await createTeamLogin(admin, name, 'agent')).password;
}

/** Resolves on the first status the predicate accepts (the current one included): tests wait for events, never sleep. */
export function waitForStatus(
  sender: Pick<TeamSender, 'getStatus' | 'onDidChangeTeamStatus'>,
  predicate: (s: TeamStatus) => boolean,
  timeoutMs = 30_000,
): Promise<TeamStatus> {
  return new Promise((resolve, reject) => {
    const now = sender.getStatus();
    if (predicate(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status never matched; last: ${JSON.stringify(sender.getStatus())}`));
    }, timeoutMs);
    const off = sender.onDidChangeTeamStatus((s) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export async function countTeamEvents(
  admin: pg.ClientBase,
  agentId?: string,
): Promise<{ rows: number; distinct: number }> {
  const { rows } = await admin.query<{ rows: number; distinct: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT id)::int AS distinct FROM tandem_events ${agentId ? 'WHERE agent_id = $1' : ''}`,
    agentId ? [agentId] : [],
  );
  return rows[0]!;
}
