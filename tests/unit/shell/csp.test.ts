import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl, parseCsp, withCspHeader } from '../../../src/main/security/csp';

const indexHtml = resolve(__dirname, '../../../src/renderer/index.html');

describe('content security policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('allows scripts only from the app itself: no inline, no eval, no remote', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('replaces any CSP header a server sent with ours', () => {
    const headers = withCspHeader({ 'content-security-policy': ['default-src *'], 'x-other': 'a' });
    expect(headers).toEqual({ 'x-other': ['a'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  // frame-ancestors only works as a header (browsers ignore it in <meta>), so the tag leaves it out.
  it.runIf(existsSync(indexHtml))('matches the meta tag in src/renderer/index.html', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBeDefined();
    const expected = new Map(csp);
    expected.delete('frame-ancestors');
    expect(parseCsp(meta?.[1] ?? '')).toEqual(expected);
  });
});

describe('isAppUrl (navigation guard)', () => {
  it('accepts only the app page', () => {
    expect(isAppUrl('http://localhost:5173/#/settings', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('https://evil.example/', 'http://localhost:5173/')).toBe(false);
    const file = 'file:///opt/Tandem/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(`${file}#/assist`, file)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', file)).toBe(false);
    expect(isAppUrl('not a url', file)).toBe(false);
  });
});
