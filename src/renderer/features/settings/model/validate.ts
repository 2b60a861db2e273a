import '../../../lib/zod-setup';
import {
  AcceleratorSchema,
  ClipboardSettingsSchema,
  IdentitySettingsSchema,
  LlmSettingsSchema,
  TeamStoreSettingsSchema,
  teamStoreUrlProblem,
} from '../../../../shared/domain/settings';
import { AZURE_PLACEHOLDERS } from './llm-presets';
import type { FieldName, FormValues } from './form-values';

export type FieldErrors = Partial<Record<FieldName, string>>;

interface NumberRule {
  schema: { minValue: number | null; maxValue: number | null; isInt: boolean | null };
  label: string;
  unit?: string;
  /** Display scale: the form shows seconds where settings store milliseconds. */
  scale?: number;
}

/** Bounds come from the shared schema, so the form and main can never disagree about what is valid. */
const numberRules: Partial<Record<FieldName, NumberRule>> = {
  pollMs: { schema: ClipboardSettingsSchema.shape.pollMs.unwrap(), label: 'Check interval', unit: 'ms' },
  temperature: { schema: LlmSettingsSchema.shape.temperature.unwrap(), label: 'Temperature' },
  maxTokens: { schema: LlmSettingsSchema.shape.maxTokens.unwrap(), label: 'Max tokens' },
  timeoutSeconds: {
    schema: LlmSettingsSchema.shape.timeoutMs.unwrap(),
    label: 'Timeout',
    unit: 'seconds',
    scale: 1000,
  },
  suggestionCount: { schema: LlmSettingsSchema.shape.suggestionCount.unwrap(), label: 'Number of drafts' },
  teamOutboxCapacity: {
    schema: TeamStoreSettingsSchema.shape.outboxCapacity.unwrap(),
    label: 'Outbox size',
    unit: 'events',
  },
};

/** The login in a team store address, or null when there is none to read. */
export function teamLogin(url: string): string | null {
  try {
    const login = decodeURIComponent(new URL(url.trim()).username);
    return login || null;
  } catch {
    return null;
  }
}

/**
 * The team store address: same rules as main (shared), plus what only makes sense with the rest of
 * the form: it is needed when the team store is on, and an agent's login must be their agent ID.
 */
function checkTeamUrl(values: FormValues): string | null {
  const text = values.teamUrl.trim();
  if (!text)
    return values.teamEnabled ? 'Enter the team store address, e.g. postgres://LOGIN@HOST/DB.' : null;
  const problem = teamStoreUrlProblem(text);
  if (problem) return problem;
  const login = teamLogin(text);
  if (values.teamEnabled && values.role !== 'supervisor' && login !== values.agentId.trim()) {
    return `The login in this address ("${login}") must be your agent ID ("${values.agentId.trim()}", under General): the team store only accepts your own events.`;
  }
  return null;
}

function checkCaPem(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return 'Paste the certificate in PEM form, starting with -----BEGIN CERTIFICATE-----.';
  }
  if (text.length > (TeamStoreSettingsSchema.shape.caPem.unwrap().maxLength ?? Infinity)) {
    return 'This certificate is too long.';
  }
  return null;
}

function checkNumber(raw: string, rule: NumberRule): string | null {
  const scale = rule.scale ?? 1;
  const min = (rule.schema.minValue ?? -Infinity) / scale;
  const max = (rule.schema.maxValue ?? Infinity) / scale;
  const range = `from ${min} to ${max}${rule.unit ? ` ${rule.unit}` : ''}`;
  const text = raw.trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) return `${rule.label} must be a number ${range}.`;
  if (rule.schema.isInt && scale === 1 && !Number.isInteger(value)) {
    return `${rule.label} must be a whole number ${range}.`;
  }
  if (value < min || value > max) return `${rule.label} must be ${range}.`;
  return null;
}

function checkUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return 'Enter the server address, e.g. https://api.openai.com/v1.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full address starting with http:// or https://.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'The address must start with http:// or https://.';
  }
  if (AZURE_PLACEHOLDERS.some((p) => text.includes(p))) {
    return 'Replace YOUR-RESOURCE and YOUR-DEPLOYMENT with the names from your Azure portal.';
  }
  if (url.username || url.password) {
    return 'Do not put a user name or password in the address; use the API key field.';
  }
  if (text.length > (LlmSettingsSchema.shape.baseUrl.unwrap().maxLength ?? Infinity)) {
    return 'This address is too long.';
  }
  return null;
}

const shortcutLabels = {
  toggleWindow: 'Show or hide Tandem',
  analyzeClipboard: 'Analyze the clipboard now',
  pauseClipboard: 'Pause clipboard watching',
} as const;
type ShortcutField = keyof typeof shortcutLabels;

function checkShortcut(field: ShortcutField, values: FormValues): string | null {
  const raw = values[field];
  if (!raw.trim()) return 'Enter a key combination, e.g. CommandOrControl+Shift+Space.';
  const parsed = AcceleratorSchema.safeParse(raw);
  if (!parsed.success) return 'Use keys joined by "+", e.g. CommandOrControl+Shift+Space.';
  const keys = parsed.data.split('+').map((k) => k.trim());
  if (keys.some((k) => k === '')) return 'A "+" must sit between two keys, e.g. Alt+Shift+T.';
  const modifiers =
    /^(CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)$/i;
  const last = keys[keys.length - 1] ?? '';
  const leading = keys.slice(0, -1);
  if (modifiers.test(last) || leading.some((k) => !modifiers.test(k))) {
    return 'Put the modifiers first and end with one key, e.g. Alt+Shift+T.';
  }
  if (leading.length === 0 && !/^F([1-9]|1[0-9]|2[0-4])$/i.test(last)) {
    return 'Add a modifier such as CommandOrControl, Alt or Shift, e.g. Alt+Shift+T.';
  }
  const normalized = parsed.data.toLowerCase().replace(/\s+/g, '');
  for (const other of Object.keys(shortcutLabels) as ShortcutField[]) {
    if (other !== field && values[other].toLowerCase().replace(/\s+/g, '') === normalized) {
      return `Already used for "${shortcutLabels[other]}".`;
    }
  }
  return null;
}

function checkText(raw: string, label: string, maxLength: number | null, required: boolean): string | null {
  if (required && !raw.trim()) return `Enter ${label}.`;
  if (maxLength !== null && raw.trim().length > maxLength)
    return `Keep ${label} under ${maxLength} characters.`;
  return null;
}

/**
 * Checks the whole form and answers in plain words per field; a field with an error is never sent,
 * so main's own validation is a second line, not the user's first feedback.
 */
export function validateForm(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  const set = (field: FieldName, message: string | null): void => {
    if (message) errors[field] = message;
  };
  for (const [field, rule] of Object.entries(numberRules) as [FieldName, NumberRule][]) {
    set(field, checkNumber(String(values[field]), rule));
  }
  set('baseUrl', checkUrl(values.baseUrl));
  set(
    'model',
    checkText(values.model, 'a model name', LlmSettingsSchema.shape.model.unwrap().maxLength, true),
  );
  set('apiVersion', checkText(values.apiVersion, 'the API version', 50, values.preset === 'azure'));
  const idMax = IdentitySettingsSchema.shape.agentId.unwrap().maxLength;
  set('agentId', checkText(values.agentId, 'your agent ID', idMax, true));
  set(
    'team',
    checkText(values.team, 'a team name', IdentitySettingsSchema.shape.team.unwrap().maxLength, true),
  );
  for (const field of Object.keys(shortcutLabels) as ShortcutField[])
    set(field, checkShortcut(field, values));
  set('teamUrl', checkTeamUrl(values));
  set('teamCaPem', checkCaPem(values.teamCaPem));
  return errors;
}

/** Labels for the shortcut actions, shared by the form and the status list. */
export const shortcutActionLabels: Readonly<Record<ShortcutField, string>> = shortcutLabels;
