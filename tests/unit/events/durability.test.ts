import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/events/generate';
import { tempDir } from './fixtures';

const ROOT = resolve(__dirname, '../../..');
const WRITER = join(__dirname, 'durability-writer.ts');
const ROUNDS = 20;

/**
 * Starts the writer, waits (by reading its stdout, never by sleeping) until it has acknowledged
 * `acks` events, then kills it with SIGKILL: the kill lands while later batches are mid-transaction.
 */
async function runAndKill(dbPath: string, seed: number, acks: number): Promise<string[]> {
  // process.execPath: the Node 24 running the tests (node:sqlite), not whatever `node` is on PATH.
  // `--import tsx` (not the tsx CLI, which forks a second process) so SIGKILL hits the writer itself.
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dbPath, String(seed)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const acked: string[] = [];
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line === 'ready') continue;
    acked.push(line);
    if (acked.length >= acks) {
      child.kill('SIGKILL');
      break;
    }
  }
  const [code, signal] = await exited;
  if (signal !== 'SIGKILL') throw new Error(`writer exited on its own (code ${String(code)}): ${stderr}`);
  return acked;
}

describe('durability', () => {
  const { dir, cleanup } = tempDir();
  afterAll(() => cleanup());

  it(
    'keeps every acknowledged event through 20 kill -9s, with an intact database and consistent rollups',
    async () => {
      const dbPath = join(dir, 'events.sqlite');
      const random = seededRandom(2026);
      const acknowledged: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const acks = 1 + Math.floor(random() * 200);
        acknowledged.push(...(await runAndKill(dbPath, 1000 + round, acks)));

        const db = new DatabaseSync(dbPath);
        try {
          expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
          const stored = new Set(
            db
              .prepare('SELECT id FROM events')
              .all()
              .map((r) => String(r.id)),
          );
          const missing = acknowledged.filter((id) => !stored.has(id));
          expect(missing, `round ${round}: acknowledged but missing`).toEqual([]);
          // Events and their rollups committed together: no half-applied batch.
          const shown = db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'suggestion_shown'").get();
          const rolled = db.prepare('SELECT COALESCE(SUM(shown), 0) AS n FROM rollup_team_hourly').get();
          expect(Number(rolled?.n)).toBe(Number(shown?.n));
        } finally {
          db.close();
        }
      }
      expect(acknowledged.length).toBeGreaterThan(ROUNDS);
    },
    // ~25 s on an idle 2-core machine; generous so a machine busy with other builds does not fail it.
    240_000,
  );
});
