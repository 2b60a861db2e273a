import { z } from 'zod';
import { defineCall, defineEvent } from '../ipc/define';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings';

/** Names of the secrets the app keeps; the renderer may only learn whether each is set. */
export const SecretNameSchema = z.enum([
  'llm.apiKey',
  'connector.zendesk',
  'connector.freshdesk',
  'connector.gorgias',
  'connector.helpscout',
  'connector.shopify',
  'teamStore.password',
]);
export type SecretName = z.infer<typeof SecretNameSchema>;

/** Where secrets end up, so the UI can say plainly when they only live until the app quits. */
export const SecretBackendSchema = z.enum(['keychain', 'safe-storage', 'memory']);
export type SecretBackend = z.infer<typeof SecretBackendSchema>;

export const SecretStatusSchema = z.object({
  backend: SecretBackendSchema,
  /** Plain-words explanation when the store fell back from the OS keychain. */
  warning: z.string().nullable(),
  isSet: z.record(z.string(), z.boolean()),
});
export type SecretStatus = z.infer<typeof SecretStatusSchema>;

export const SettingsNoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type SettingsNotice = z.infer<typeof SettingsNoticeSchema>;

export const settingsCalls = {
  getSettings: defineCall(z.void(), SettingsSchema),
  updateSettings: defineCall(SettingsPatchSchema, SettingsSchema),
  resetSettings: defineCall(z.void(), SettingsSchema),
  /** Problems met while loading settings (a corrupt file moved aside, say), shown once to the user. */
  getSettingsNotices: defineCall(z.void(), z.array(SettingsNoticeSchema)),
  getSecretStatus: defineCall(z.void(), SecretStatusSchema),
  setSecret: defineCall(
    z.object({ name: SecretNameSchema, value: z.string().min(1).max(16_384) }).strict(),
    SecretStatusSchema,
  ),
  clearSecret: defineCall(z.object({ name: SecretNameSchema }).strict(), SecretStatusSchema),
};

export const settingsEvents = {
  onDidChangeSettings: defineEvent(SettingsSchema),
  onDidChangeSecretStatus: defineEvent(SecretStatusSchema),
};
