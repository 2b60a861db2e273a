/** What main knows about the frame that sent an IPC message. */
export interface SenderInfo {
  /** URL of the sending frame; undefined when the frame is gone. */
  url: string | undefined;
  /** Only the top frame of our own window may call main: iframes never can. */
  isMainFrame: boolean;
}

/**
 * Decides whether a sender is the app's own page. `appUrls` are the URLs the app loads: the
 * packaged `file://…/index.html`, the dev server, or the test server. http(s) URLs are compared by
 * origin; file URLs by exact path (their origin is opaque).
 */
export function createSenderCheck(appUrls: readonly string[]): (sender: SenderInfo) => boolean {
  const allowed = appUrls.map((u) => new URL(u));
  return (sender) => {
    if (!sender.isMainFrame || !sender.url) return false;
    let url: URL;
    try {
      url = new URL(sender.url);
    } catch {
      return false;
    }
    return allowed.some((a) => {
      if (a.protocol !== url.protocol) return false;
      if (a.protocol === 'file:') return a.pathname === url.pathname;
      if (a.protocol === 'http:' || a.protocol === 'https:') return a.origin === url.origin;
      return false;
    });
  };
}
