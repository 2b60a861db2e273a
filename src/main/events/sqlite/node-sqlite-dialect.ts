import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/**
 * Kysely ships `SqliteDialect` for better-sqlite3-shaped databases. `node:sqlite`'s `DatabaseSync` is
 * almost that shape, but its statements take spread parameters (not an array), have no `reader` flag,
 * and refuse booleans and Dates. This thin wrapper closes those gaps so the stock dialect (adapter,
 * compiler, introspector, single-connection mutex) is reused instead of re-implemented.
 *
 * Why node:sqlite at all: it is built into Node 24 and into Electron 45's main process, so nothing
 * is installed, compiled or downloaded. better-sqlite3 would need a native build per Electron ABI
 * (and its v13 crashes on Node 20); sql.js keeps the database in memory and rewrites the whole file,
 * so an acknowledged event could not survive `kill -9`.
 */

const MAX_CACHED_STATEMENTS = 200;

function toSqlValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'string' ||
    ArrayBuffer.isView(value)
  ) {
    return value as SQLInputValue;
  }
  return JSON.stringify(value);
}

const toParams = (parameters: ReadonlyArray<unknown>): SQLInputValue[] => parameters.map(toSqlValue);

const READER_RE = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i;

function isReader(stmt: StatementSync, sql: string): boolean {
  // `columns()` exists from Node 23.11; fall back to the statement text on older runtimes.
  const columns = (stmt as { columns?: () => unknown[] }).columns;
  return typeof columns === 'function' ? columns.call(stmt).length > 0 : READER_RE.test(sql);
}

/** Adapts one `DatabaseSync` to the interface Kysely's SqliteDialect expects, with a small statement cache. */
export function wrapDatabaseSync(db: DatabaseSync): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    // The event store owns the connection's lifetime: Kysely's destroy() must not close it under us.
    close() {},
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) return cached;
      const stmt = db.prepare(sql);
      const wrapped: SqliteStatement = {
        reader: isReader(stmt, sql),
        all: (parameters) => stmt.all(...toParams(parameters)),
        run: (parameters) => stmt.run(...toParams(parameters)),
        iterate: (parameters) => stmt.iterate(...toParams(parameters)) as IterableIterator<unknown>,
      };
      if (cache.size >= MAX_CACHED_STATEMENTS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(sql, wrapped);
      return wrapped;
    },
  };
}

/** The stock Kysely SQLite dialect running on node:sqlite. */
export function createNodeSqliteDialect(db: DatabaseSync): SqliteDialect {
  return new SqliteDialect({ database: wrapDatabaseSync(db) });
}
