import type { LlmPreset, LlmSettings } from '../../shared/domain/settings';

/** What Tandem knows about each kind of endpoint, so agents pick a name instead of reading API docs. */
export interface ProviderPreset {
  id: LlmPreset;
  label: string;
  /** Base URL filled in when the user picks the preset; `custom` and `azure` need the user's own. */
  defaultBaseUrl: string;
  /** Local servers (Ollama, LM Studio, vLLM) usually run without a key. */
  requiresApiKey: boolean;
  /**
   * Whether `response_format: { type: 'json_schema' }` is understood. OpenRouter forwards to many
   * models of uneven support and unknown custom servers may reject the field, so those two get the
   * tolerant text parser instead of a 400.
   */
  supportsJsonSchema: boolean;
  /** Azure routes by deployment and api-version instead of a model name in the body. */
  azure: boolean;
}

/** Named endpoints from the settings screen; all of them speak the OpenAI chat-completions protocol. */
export const PROVIDER_PRESETS: Readonly<Record<LlmPreset, ProviderPreset>> = {
  openai: {
    id: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    requiresApiKey: true,
    supportsJsonSchema: true,
    azure: false,
  },
  azure: {
    id: 'azure',
    label: 'Azure OpenAI',
    defaultBaseUrl: 'https://YOUR-RESOURCE.openai.azure.com',
    requiresApiKey: true,
    supportsJsonSchema: true,
    azure: true,
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama',
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    requiresApiKey: false,
    supportsJsonSchema: true,
    azure: false,
  },
  lmstudio: {
    id: 'lmstudio',
    label: 'LM Studio',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    requiresApiKey: false,
    supportsJsonSchema: true,
    azure: false,
  },
  vllm: {
    id: 'vllm',
    label: 'vLLM',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    requiresApiKey: false,
    supportsJsonSchema: true,
    azure: false,
  },
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    requiresApiKey: true,
    supportsJsonSchema: false,
    azure: false,
  },
  custom: {
    id: 'custom',
    label: 'Custom (OpenAI-compatible)',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    requiresApiKey: false,
    supportsJsonSchema: false,
    azure: false,
  },
};

/** Azure's api-version when the user leaves it empty: a GA version that supports json_schema output. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** Everything needed to open a client, resolved once from settings so every call site agrees. */
export interface ResolvedEndpoint {
  preset: ProviderPreset;
  baseUrl: string;
  model: string;
  /** Azure deployment name (the settings' model field doubles as the deployment). */
  deployment?: string;
  apiVersion?: string;
  timeoutMs: number;
  temperature: number;
  maxTokens: number;
  suggestionCount: number;
  useJsonSchema: boolean;
}

/** Settings fields the endpoint depends on; the CLI builds this from flags without a settings file. */
export type EndpointSettings = Pick<LlmSettings, 'preset' | 'baseUrl' | 'model'> &
  Partial<Pick<LlmSettings, 'temperature' | 'maxTokens' | 'timeoutMs' | 'suggestionCount' | 'apiVersion'>>;

/** Thrown for settings that cannot form a request, with words the settings screen can show as is. */
export class EndpointConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointConfigError';
  }
}

/**
 * Turns settings into an endpoint. Validates the URL here so a typo surfaces as "that is not a web
 * address" instead of an obscure fetch error later.
 */
export function resolveEndpoint(settings: EndpointSettings): ResolvedEndpoint {
  const preset = PROVIDER_PRESETS[settings.preset] ?? PROVIDER_PRESETS.custom;
  const raw = (settings.baseUrl || preset.defaultBaseUrl).trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointConfigError(
      `"${raw.slice(0, 200)}" is not a web address. Use e.g. ${preset.defaultBaseUrl}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EndpointConfigError(`The endpoint must start with http:// or https:// (got ${url.protocol}).`);
  }
  const model = settings.model.trim();
  if (!model) throw new EndpointConfigError('Choose a model (or, for Azure, the deployment name).');
  const baseUrl = url.toString().replace(/\/+$/, '');
  return {
    preset,
    baseUrl,
    model,
    deployment: preset.azure ? model : undefined,
    apiVersion: preset.azure ? settings.apiVersion?.trim() || DEFAULT_AZURE_API_VERSION : undefined,
    timeoutMs: settings.timeoutMs ?? 20_000,
    temperature: settings.temperature ?? 0.3,
    maxTokens: settings.maxTokens ?? 700,
    suggestionCount: Math.min(3, Math.max(1, settings.suggestionCount ?? 3)),
    useJsonSchema: preset.supportsJsonSchema,
  };
}

/** The transparency view shows where data went, never a user:password someone put in the URL. */
export const withoutCredentials = (baseUrl: string): string => {
  const url = new URL(baseUrl);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
};
