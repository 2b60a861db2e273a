/**
 * Finds the permission a 403 says is missing, in the shapes vendors use: Shopify's
 * `extensions.requiredAccess`, OAuth's `WWW-Authenticate: … scope="…"`, `required_scope(s)` fields,
 * or a sentence like "Required access: read_orders".
 */
export function findMissingScope(body: unknown, headers: Headers): string | undefined {
  const auth = headers.get('www-authenticate');
  const fromHeader = auth?.match(/scope="([^"]+)"/i)?.[1];
  if (fromHeader) return fromHeader;
  const texts: string[] = [];
  collectStrings(body, texts, 0, [
    'required_scope',
    'required_scopes',
    'requiredaccess',
    'scope',
    'missing_scope',
  ]);
  for (const text of texts) {
    const scope = text.match(/([a-z]+[_:][a-z_:]+)/i)?.[1];
    if (scope) return scope;
  }
  const all: string[] = [];
  collectStrings(body, all, 0, null);
  for (const text of all) {
    const scope = text.match(/(?:required access|scope)[:\s]+`?([a-z]+[_:][a-z_:]+)/i)?.[1];
    if (scope) return scope;
  }
  return undefined;
}

/** A short, redacted reason from a 4xx body (description/message/error), never the whole body. */
export function describeVendorError(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['description', 'message', 'error', 'errors']) {
    const value = record[key];
    const text = typeof value === 'string' ? value : Array.isArray(value) ? firstMessage(value) : undefined;
    if (text) return redact(text).slice(0, 200);
  }
  return undefined;
}

function firstMessage(values: unknown[]): string | undefined {
  const first = values[0];
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object') {
    const m = (first as Record<string, unknown>).message;
    if (typeof m === 'string') return m;
  }
  return undefined;
}

function redact(text: string): string {
  return text.replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, '[email]').replace(/\d{6,}/g, '[number]');
}

function collectStrings(value: unknown, out: string[], depth: number, keys: string[] | null): void {
  if (depth > 5 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (keys === null) out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, out, depth + 1, keys);
    return;
  }
  if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (keys !== null && keys.includes(key.toLowerCase()) && typeof child === 'string') out.push(child);
      else if (keys !== null && keys.includes(key.toLowerCase()) && Array.isArray(child)) {
        for (const c of child) if (typeof c === 'string') out.push(c);
      } else collectStrings(child, out, depth + 1, keys);
    }
  }
}
