import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';
import { hardenSession, hardenWindow } from '../../../src/main/shell/hardening';

type Listener = (event: { url: string; preventDefault(): void; defaultPrevented?: boolean }) => void;

/** Just enough of BrowserWindow/webContents to record what the hardening installs. */
function fakeWindow() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const webContents = {
    setWindowOpenHandler: (h: typeof openHandler) => {
      openHandler = h;
    },
    on: (name: string, l: Listener) => listeners.set(name, [...(listeners.get(name) ?? []), l]),
  };
  const fire = (name: string, url: string): boolean => {
    let prevented = false;
    for (const l of listeners.get(name) ?? []) l({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { window: { webContents }, fire, open: (url: string) => openHandler?.({ url }) };
}

function fakeSession() {
  const handlers: Record<string, unknown> = {};
  return {
    handlers,
    session: {
      setPermissionRequestHandler: (h: unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: unknown) => (handlers.device = h),
      webRequest: { onHeadersReceived: (h: unknown) => (handlers.headers = h) },
    },
  };
}

const APP = 'file:///opt/Tandem/resources/app.asar/out/renderer/index.html';

describe('window hardening', () => {
  it('denies every new window and logs only the origin', () => {
    const log: string[] = [];
    const w = fakeWindow();
    hardenWindow(w.window as never, APP, (m) => log.push(m));
    expect(w.open('https://evil.example/steal?order=123&email=a@b.c')).toEqual({ action: 'deny' });
    expect(log).toEqual(['Blocked a new window for https://evil.example']);
  });

  it('blocks navigation and redirects away from the app page, allows in-app routes', () => {
    const w = fakeWindow();
    hardenWindow(w.window as never, APP, () => undefined);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(w.fire(event, 'https://evil.example/')).toBe(true);
      expect(w.fire(event, 'file:///etc/passwd')).toBe(true);
      expect(w.fire(event, `${APP}#/settings`)).toBe(false);
    }
  });

  it('refuses to attach a <webview>', () => {
    const w = fakeWindow();
    hardenWindow(w.window as never, APP, () => undefined);
    expect(w.fire('will-attach-webview', 'about:blank')).toBe(true);
  });
});

describe('session hardening', () => {
  it('denies permission requests and checks, and adds the CSP header to every response', () => {
    const s = fakeSession();
    hardenSession(s.session as never);
    const answers: boolean[] = [];
    (s.handlers.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', (ok) =>
      answers.push(ok),
    );
    (s.handlers.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(
      null,
      'notifications',
      (ok) => answers.push(ok),
    );
    expect(answers).toEqual([false, false]);
    expect((s.handlers.check as () => boolean)()).toBe(false);
    expect((s.handlers.device as () => boolean)()).toBe(false);
    let headers: unknown;
    (s.handlers.headers as (d: unknown, cb: (r: { responseHeaders: unknown }) => void) => void)(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});
