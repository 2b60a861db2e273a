import type { BrowserWindow, Session } from 'electron';
import { CONTENT_SECURITY_POLICY, isAppUrl, withCspHeader } from '../security/csp';

/**
 * Session-wide defences: every permission (camera, notifications from the page, geolocation, …)
 * denied, because the panel needs none and customer text must never be able to ask for one; and
 * the CSP header on every response.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, CONTENT_SECURITY_POLICY) });
  });
}

/**
 * Per-window defences: no new windows (links go through the allow-listed `openExternal` call
 * instead), no navigation away from the app page, no <webview> attachment.
 */
export function hardenWindow(window: BrowserWindow, appUrl: string, log: (m: string) => void): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${safeOrigin(url)}`);
    return { action: 'deny' };
  });
  const blockNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    log(`Blocked navigation to ${safeOrigin(url)}`);
  };
  contents.on('will-navigate', (event) => blockNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => blockNavigation(event, event.url));
  contents.on('will-redirect', (event) => blockNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
}

/** Logs only the origin of a blocked URL: a full URL may carry customer data in its query. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
