import { z } from 'zod';
import { defineCall, defineEvent } from '../ipc/define';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Whether the app runs inside Electron or in the browser test harness. */
  shell: z.enum(['electron', 'harness']),
});

export const ShortcutStatusSchema = z.object({
  action: z.enum(['toggleWindow', 'analyzeClipboard', 'pauseClipboard']),
  accelerator: z.string(),
  registered: z.boolean(),
  /** Why the OS refused it, in plain words. */
  error: z.string().nullable(),
});
export type ShortcutStatus = z.infer<typeof ShortcutStatusSchema>;

export const appCalls = {
  getAppInfo: defineCall(z.void(), AppInfoSchema),
  /** Opens an https link on the allow-list (carrier tracking pages, the helpdesk) in the user's browser. */
  openExternal: defineCall(
    z.object({ url: z.string().max(4096) }).strict(),
    z.object({ opened: z.boolean() }),
  ),
  getShortcutStatus: defineCall(z.void(), z.array(ShortcutStatusSchema)),
  /** Copies text the agent chose; main remembers it so the clipboard watcher ignores it. */
  writeClipboard: defineCall(
    z.object({ text: z.string().max(1_000_000) }).strict(),
    z.object({ ok: z.boolean() }),
  ),
};

export const appEvents = {
  onDidChangeShortcutStatus: defineEvent(z.array(ShortcutStatusSchema)),
  /** The window was shown or hidden; the assist panel cancels in-flight drafts when hidden. */
  onDidChangeWindowVisibility: defineEvent(z.object({ visible: z.boolean() })),
};
