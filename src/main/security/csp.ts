/**
 * The renderer's Content Security Policy. Sent as a response header by the session AND written as
 * a `<meta>` tag in src/renderer/index.html (file:// pages get no response headers), so both must
 * carry this exact string. `style-src 'unsafe-inline'` is for React's style attributes only;
 * scripts are never inline, and nothing loads from outside the app.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Parses a CSP string into directive → sources, so tests and checks compare meaning, not spacing. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** Adds the CSP to a response's headers, replacing any the server sent (a dev server sends none). */
export function withCspHeader(
  headers: Record<string, string[] | string> | undefined,
  policy: string = CONTENT_SECURITY_POLICY,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === 'content-security-policy') continue;
    out[key] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/**
 * Whether a navigation target is the app's own page. http(s) compares origin; file:// compares
 * the exact path, as the IPC sender check does.
 */
export function isAppUrl(target: string, appUrl: string): boolean {
  let t: URL;
  let a: URL;
  try {
    t = new URL(target);
    a = new URL(appUrl);
  } catch {
    return false;
  }
  if (t.protocol !== a.protocol) return false;
  if (a.protocol === 'file:') return t.pathname === a.pathname;
  if (a.protocol === 'http:' || a.protocol === 'https:') return t.origin === a.origin;
  return false;
}
