import type { appCalls } from '../../../shared/contract/app';
import { AppError } from '../../../shared/ipc/result';
import type { CoreContext } from '../core-context';
import type { FeatureHandlers } from './types';

/** App-level calls: version info, allow-listed links, shortcut status, clipboard writes. */
export function createAppHandlers(ctx: CoreContext): FeatureHandlers<typeof appCalls> {
  return {
    getAppInfo: () => ({
      name: 'Tandem',
      version: ctx.ports.appVersion,
      platform: ctx.ports.platform,
      shell: ctx.ports.shell,
    }),
    openExternal: async ({ url }) => {
      const verdict = ctx.externalLinks.check(url);
      if (!verdict.allowed) throw new AppError('invalid_payload', verdict.reason);
      try {
        // The URL passed the allow-list check just above (https, carrier or helpdesk host, no credentials).
        await ctx.ports.openExternal(verdict.url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
      } catch {
        throw new AppError('unavailable', 'Your browser could not be opened for that link.');
      }
      return { opened: true };
    },
    getShortcutStatus: () => ctx.shortcuts.status(),
    writeClipboard: ({ text }) => {
      // Remember first: a watcher poll between the two steps must already see it as our own.
      ctx.ownClipboardWrites.remember(text);
      ctx.ports.clipboard.writeText(text);
      return { ok: true };
    },
  };
}
