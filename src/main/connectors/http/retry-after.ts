/**
 * How long the server asked us to wait, in ms, or null when it did not say (or said something unusable).
 * Accepts `retry-after-ms`, `Retry-After` as seconds or as an HTTP date, and Help Scout's
 * `X-RateLimit-Retry-After` (seconds). Garbled values return null so the caller falls back to backoff.
 */
export function parseRetryAfter(headers: Headers, nowMs: number): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  for (const name of ['retry-after', 'x-ratelimit-retry-after']) {
    const value = headers.get(name);
    if (value === null) continue;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
    if (/[a-z]/i.test(trimmed)) {
      const at = Date.parse(trimmed);
      if (Number.isFinite(at)) return Math.max(0, at - nowMs);
    }
  }
  return null;
}

/**
 * Exponential backoff with full jitter: spreads retries of several agents hitting the same account
 * so they do not all come back at the same instant.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
