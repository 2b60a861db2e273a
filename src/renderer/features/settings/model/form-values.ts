import type { LlmPreset, Role, Settings, SettingsPatch } from '../../../../shared/domain/settings';

type Theme = Settings['theme'];

/**
 * The settings form as the user edits it: numbers stay text until saved so a half-typed value
 * ("0.") is kept and explained rather than silently coerced.
 */
export interface FormValues {
  theme: Theme;
  role: Role;
  agentId: string;
  team: string;
  alwaysOnTop: boolean;
  clipboardEnabled: boolean;
  pollMs: string;
  toggleWindow: string;
  analyzeClipboard: string;
  pauseClipboard: string;
  llmEnabled: boolean;
  preset: LlmPreset;
  baseUrl: string;
  model: string;
  apiVersion: string;
  temperature: string;
  maxTokens: string;
  timeoutSeconds: string;
  suggestionCount: string;
  teamEnabled: boolean;
  teamUrl: string;
  teamOutboxCapacity: string;
  teamCaPem: string;
}

export type FieldName = keyof FormValues;
export type FormEdits = Partial<FormValues>;

/** Reads saved settings into form values. */
export function toFormValues(s: Settings): FormValues {
  return {
    theme: s.theme,
    role: s.role,
    agentId: s.identity.agentId,
    team: s.identity.team,
    alwaysOnTop: s.window.alwaysOnTop,
    clipboardEnabled: s.clipboard.enabled,
    pollMs: String(s.clipboard.pollMs),
    toggleWindow: s.shortcuts.toggleWindow,
    analyzeClipboard: s.shortcuts.analyzeClipboard,
    pauseClipboard: s.shortcuts.pauseClipboard,
    llmEnabled: s.llm.enabled,
    preset: s.llm.preset,
    baseUrl: s.llm.baseUrl,
    model: s.llm.model,
    apiVersion: s.llm.apiVersion ?? '',
    temperature: String(s.llm.temperature),
    maxTokens: String(s.llm.maxTokens),
    timeoutSeconds: String(s.llm.timeoutMs / 1000),
    suggestionCount: String(s.llm.suggestionCount),
    teamEnabled: s.teamStore.enabled,
    teamUrl: s.teamStore.url,
    teamOutboxCapacity: String(s.teamStore.outboxCapacity),
    teamCaPem: s.teamStore.caPem ?? '',
  };
}

/** The edits that still differ from what main has saved (an edit typed back to the saved value is not a change). */
export function pendingEdits(saved: FormValues, edits: FormEdits): FormEdits {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(edits)) {
    if (value !== undefined && saved[key as FieldName] !== value) out[key] = value;
  }
  return out as FormEdits;
}

const num = (raw: string): number => Number(raw.trim());

/**
 * Builds the one-level patch main expects from validated edits. Only touched sections are sent, so a
 * change made elsewhere meanwhile in another section (the tray pausing the clipboard) is kept.
 * A touched section is sent whole (saved values plus edits): the shared patch schema fills the keys a
 * section omits with their defaults, so sending only the changed key would reset its neighbours.
 */
export function toPatch(edits: FormEdits, saved: Settings): SettingsPatch {
  const patch: SettingsPatch = {};
  const identity: NonNullable<SettingsPatch['identity']> = {};
  const window: NonNullable<SettingsPatch['window']> = {};
  const clipboard: NonNullable<SettingsPatch['clipboard']> = {};
  const shortcuts: NonNullable<SettingsPatch['shortcuts']> = {};
  const llm: NonNullable<SettingsPatch['llm']> = {};
  const teamStore: NonNullable<SettingsPatch['teamStore']> = {};
  const e = edits;
  if (e.theme !== undefined) patch.theme = e.theme;
  if (e.role !== undefined) patch.role = e.role;
  if (e.agentId !== undefined) identity.agentId = e.agentId.trim();
  if (e.team !== undefined) identity.team = e.team.trim();
  if (e.alwaysOnTop !== undefined) window.alwaysOnTop = e.alwaysOnTop;
  if (e.clipboardEnabled !== undefined) clipboard.enabled = e.clipboardEnabled;
  if (e.pollMs !== undefined) clipboard.pollMs = num(e.pollMs);
  if (e.toggleWindow !== undefined) shortcuts.toggleWindow = e.toggleWindow.trim();
  if (e.analyzeClipboard !== undefined) shortcuts.analyzeClipboard = e.analyzeClipboard.trim();
  if (e.pauseClipboard !== undefined) shortcuts.pauseClipboard = e.pauseClipboard.trim();
  if (e.llmEnabled !== undefined) llm.enabled = e.llmEnabled;
  if (e.preset !== undefined) llm.preset = e.preset;
  if (e.baseUrl !== undefined) llm.baseUrl = e.baseUrl.trim();
  if (e.model !== undefined) llm.model = e.model.trim();
  if (e.apiVersion !== undefined) llm.apiVersion = e.apiVersion.trim();
  if (e.temperature !== undefined) llm.temperature = num(e.temperature);
  if (e.maxTokens !== undefined) llm.maxTokens = num(e.maxTokens);
  if (e.timeoutSeconds !== undefined) llm.timeoutMs = Math.round(num(e.timeoutSeconds) * 1000);
  if (e.suggestionCount !== undefined) llm.suggestionCount = num(e.suggestionCount);
  if (e.teamEnabled !== undefined) teamStore.enabled = e.teamEnabled;
  if (e.teamUrl !== undefined) teamStore.url = e.teamUrl.trim();
  if (e.teamOutboxCapacity !== undefined) teamStore.outboxCapacity = num(e.teamOutboxCapacity);
  // An emptied CA field is sent as '' (not left out), so the saved certificate is really removed.
  if (e.teamCaPem !== undefined) teamStore.caPem = e.teamCaPem.trim();
  const sections = { identity, window, clipboard, shortcuts, llm, teamStore } as const;
  for (const [key, section] of Object.entries(sections)) {
    if (Object.keys(section).length === 0) continue;
    const base = saved[key as keyof typeof sections];
    (patch as Record<string, unknown>)[key] = { ...base, ...section };
  }
  return patch;
}
