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
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const defaultSettings = (): Settings => SettingsSchema.parse({});
