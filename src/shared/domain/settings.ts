import { z } from 'zod';

export const SETTINGS_SCHEMA_VERSION = 1;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export const RoleSchema = z.enum(['agent', 'supervisor', 'trainer']);
export type Role = z.infer<typeof RoleSchema>;

/** Electron accelerator syntax, e.g. `CommandOrControl+Shift+Space`. */
export const AcceleratorSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9+ ]+$/, 'Use keys joined by "+", e.g. CommandOrControl+Shift+Space');

export const LlmPresetSchema = z.enum([
  'openai',
  'azure',
  'ollama',
  'lmstudio',
  'vllm',
  'openrouter',
  'custom',
]);
export type LlmPreset = z.infer<typeof LlmPresetSchema>;

export const LlmSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  preset: LlmPresetSchema.default('openai'),
  baseUrl: z.string().max(2000).default('https://api.openai.com/v1'),
  model: z.string().max(200).default('gpt-4o-mini'),
  temperature: z.number().min(0).max(2).default(0.3),
  maxTokens: z.number().int().min(16).max(8192).default(700),
  timeoutMs: z.number().int().min(1000).max(300_000).default(20_000),
  suggestionCount: z.number().int().min(1).max(3).default(3),
  /** Azure needs an api-version query parameter. */
  apiVersion: z.string().max(50).optional(),
});
export type LlmSettings = z.infer<typeof LlmSettingsSchema>;

export const ClipboardSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  pollMs: z.number().int().min(100).max(10_000).default(250),
});

export const ShortcutSettingsSchema = z.object({
  toggleWindow: AcceleratorSchema.default('CommandOrControl+Shift+Space'),
  analyzeClipboard: AcceleratorSchema.default('CommandOrControl+Shift+A'),
  pauseClipboard: AcceleratorSchema.default('CommandOrControl+Shift+P'),
});

export const EngineSettingsSchema = z.object({
  /** Below this primary-intent confidence a supervisor is suggested. */
  escalationConfidenceThreshold: z.number().min(0).max(1).default(0.35),
  /** Queue or team that escalations go to, per reason code; `default` catches the rest. */
  escalationPaths: z.record(z.string(), z.string().max(200)).default({ default: 'Tier 2 — Supervisors' }),
  /** Extra macro folders a team adds beside the shipped library. */
  macroFolders: z.array(z.string().max(4096)).max(20).default([]),
  /** Replaces the shipped policy pack when set. */
  policyPackPath: z.string().max(4096).optional(),
});

export const WindowSettingsSchema = z.object({
  alwaysOnTop: z.boolean().default(false),
});

export const IdentitySettingsSchema = z.object({
  agentId: z.string().max(200).default('agent'),
  team: z.string().max(200).default('default'),
});

export const EventStoreSettingsSchema = z.object({
  retentionDays: z.number().int().min(1).max(3650).default(180),
});

/** Why a team store URL is not acceptable, or null; shared so the form and main say the same thing. */
export function teamStoreUrlProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter the address as postgres://LOGIN@HOST:PORT/DATABASE.';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return 'The team store address must start with postgres://';
  }
  if (url.password) {
    return 'Do not put the password in the address: enter it in the password field, which keeps it in the keychain.';
  }
  if (!url.username) return 'Put your login before the host: postgres://LOGIN@HOST:PORT/DATABASE.';
  if (!url.hostname) return 'The address needs a host: postgres://LOGIN@HOST:PORT/DATABASE.';
  return null;
}

/**
 * The shared PostgreSQL team store. The URL carries the login (an agent's login is its agent id) but
 * never the password, which lives in the SecretStore as `teamStore.password`.
 */
export const TeamStoreSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  url: z
    .string()
    .trim()
    .max(2000)
    .superRefine((value, ctx) => {
      const problem = teamStoreUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(''),
  /** Events kept locally while the server is unreachable; beyond it the oldest are dropped (and shown). */
  outboxCapacity: z.number().int().min(1000).max(50_000_000).default(500_000),
  /** PEM of a private CA, for a server whose certificate no public CA signed. */
  caPem: z.string().max(65_536).optional(),
});
export type TeamStoreSettings = z.infer<typeof TeamStoreSettingsSchema>;

/** Everything the user can change. Secrets are never here: only whether one is set, via the secrets calls. */
export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION).default(SETTINGS_SCHEMA_VERSION),
  theme: ThemeSchema.default('system'),
  role: RoleSchema.default('agent'),
  identity: IdentitySettingsSchema.prefault({}),
  window: WindowSettingsSchema.prefault({}),
  clipboard: ClipboardSettingsSchema.prefault({}),
  shortcuts: ShortcutSettingsSchema.prefault({}),
  llm: LlmSettingsSchema.prefault({}),
  engine: EngineSettingsSchema.prefault({}),
  eventStore: EventStoreSettingsSchema.prefault({}),
  teamStore: TeamStoreSettingsSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A section's fields, all optional and WITHOUT their defaults: a patch that leaves a key out must leave
 * the saved value alone, not reset it to the default.
 */
function patchOf<T extends z.ZodRawShape>(section: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(section.shape).map(([key, field]) => [
      key,
      ((field instanceof z.ZodDefault ? field.removeDefault() : field) as z.ZodType).optional(),
    ]),
  ) as unknown as { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer I> ? I : T[K]> };
  return z.object(shape);
}

/** A partial update, one level deep per section, so two views editing different sections never clobber each other. */
export const SettingsPatchSchema = z
  .object({
    theme: ThemeSchema,
    role: RoleSchema,
    identity: patchOf(IdentitySettingsSchema),
    window: patchOf(WindowSettingsSchema),
    clipboard: patchOf(ClipboardSettingsSchema),
    shortcuts: patchOf(ShortcutSettingsSchema),
    llm: patchOf(LlmSettingsSchema),
    engine: patchOf(EngineSettingsSchema),
    eventStore: patchOf(EventStoreSettingsSchema),
    teamStore: patchOf(TeamStoreSettingsSchema),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const defaultSettings = (): Settings => SettingsSchema.parse({});
