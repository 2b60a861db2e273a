import type pg from 'pg';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for hosts whose traffic never leaves the machine (loopback or a Unix socket directory). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || host.startsWith('/') || /^127\./.test(host);
}

/** Connection settings for the team store, as Settings and the CLI give them. */
export interface TeamConnectionOptions {
  /** `postgres://user@host:port/db`; a password in it is used unless `password` is given. */
  url: string;
  password?: string;
  /** PEM of a private CA for servers whose certificate a public CA did not sign. */
  caPem?: string;
  /** Per-statement cap so a hung server surfaces as an error status instead of a stalled sender. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
}

/**
 * Builds the pg client config. Events leave the machine over TLS with the certificate verified,
 * whatever `sslmode` the URL asks for; only a loopback host (a local server or an SSH tunnel) may
 * connect in clear, because then nothing crosses the network.
 */
export function teamClientConfig(options: TeamConnectionOptions): pg.ClientConfig {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new Error('The team store URL is not a valid postgres:// URL.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error('The team store URL must start with postgres://');
  }
  const host = decodeURIComponent(parsed.hostname || parsed.searchParams.get('host') || 'localhost');
  const loopback = isLoopbackHost(host);
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: options.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined,
    ssl: loopback ? false : { rejectUnauthorized: true, ...(options.caPem ? { ca: options.caPem } : {}) },
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'tandem',
  };
}

/** Redacts the password from a URL before it is shown or logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
