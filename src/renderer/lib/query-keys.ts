/**
 * Query keys of main-owned data, in one place so event handlers update exactly the entries
 * the views read.
 */
export const queryKeys = {
  appInfo: ['appInfo'] as const,
  settings: ['settings'] as const,
  settingsNotices: ['settingsNotices'] as const,
  secretStatus: ['secretStatus'] as const,
  shortcutStatus: ['shortcutStatus'] as const,
};
