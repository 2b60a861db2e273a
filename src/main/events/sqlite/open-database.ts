import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { StoreNotice } from '../../../shared/contract/supervisor';
import { migrate } from './schema';

/** SQLite primary result codes that mean the file itself is damaged or is not a database. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
/** Below this size the full `quick_check` is cheap enough to run at every start. */
const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** True for errors that mean "this file is damaged", as opposed to locked, full or unreadable. */
export function isCorruptionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode === 'number') {
    const primary = errcode & 0xff;
    return primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB;
  }
  return /file is not a database|database disk image is malformed/i.test(error.message);
}

export interface OpenedDatabase {
  db: DatabaseSync;
  notices: StoreNotice[];
  migrated: number[];
}

const stamp = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');

/** Renames the database and its WAL/SHM files aside so nothing is lost and a fresh store can start. */
function moveAside(path: string, now: Date): string {
  const target = `${path}.corrupt-${stamp(now)}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

function configure(db: DatabaseSync, path: string): number[] {
  // WAL lets the dashboard read while the panel writes; synchronous=FULL fsyncs the WAL at every
  // COMMIT, so an acknowledged event survives kill -9 and power loss alike.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA temp_store = MEMORY');
  db.exec('PRAGMA cache_size = -65536');
  db.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get();
  if (path !== ':memory:' && existsSync(path) && statSync(path).size <= QUICK_CHECK_MAX_BYTES) {
    const row = db.prepare('PRAGMA quick_check(1)').get() as Record<string, unknown> | undefined;
    const verdict = row ? String(Object.values(row)[0]) : 'ok';
    if (verdict !== 'ok') {
      const error = new Error(`database disk image is malformed: ${verdict}`);
      throw Object.assign(error, { errcode: SQLITE_CORRUPT });
    }
  }
  return migrate(db);
}

/**
 * Opens (or creates) the event database with the store's pragmas and schema. A damaged file is moved
 * aside with a timestamp and a new one started; the returned notice tells the user where the old one is.
 * Any other failure (locked, permission denied, schema too new) is thrown: replacing a healthy file
 * because it was busy would lose data.
 */
export function openEventDatabase(path: string, now: () => Date = () => new Date()): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const notices: StoreNotice[] = [];
  let db = new DatabaseSync(path, { timeout: 5000 });
  try {
    return { db, notices, migrated: configure(db, path) };
  } catch (error) {
    try {
      db.close();
    } catch {
      // already unusable; the rename below is what matters
    }
    if (path === ':memory:' || !isCorruptionError(error)) throw error;
    const movedTo = moveAside(path, now());
    notices.push({
      level: 'warning',
      message: `The assist record database was damaged and could not be read. It was moved to "${movedTo}" and a new one was started; events recorded from now on are kept as usual.`,
    });
    db = new DatabaseSync(path, { timeout: 5000 });
    return { db, notices, migrated: configure(db, path) };
  }
}
