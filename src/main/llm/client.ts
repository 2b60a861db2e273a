import OpenAI, { AzureOpenAI } from 'openai';
import type { ResolvedEndpoint } from './presets';

/** Reads the API key when a request starts (from the OS keychain in the app, the environment in the CLI). */
export type GetApiKey = () => Promise<string | null>;

/** Sent to keyless local servers, which ignore it; the SDK refuses to run without some key. */
const KEYLESS = 'tandem-no-key';

/** Raised before any network call when the preset needs a key and none is stored. */
export class MissingApiKeyError extends Error {
  constructor(label: string) {
    super(`No API key is set for ${label}. Add it in Settings → AI drafts.`);
    this.name = 'MissingApiKeyError';
  }
}

/** A logger that drops everything: request and response bodies hold customer text and must not reach logs. */
const silentLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

/**
 * Opens an SDK client for one request. Every option the SDK would otherwise read from the environment
 * (OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_LOG=debug…) is set explicitly, so a developer's shell cannot
 * redirect customer data or turn on body logging. Retries are ours (see stream-request.ts), so the
 * SDK's are off; the timeout is the settings' one, never the SDK's 10 minutes.
 */
export async function openClient(endpoint: ResolvedEndpoint, getApiKey: GetApiKey): Promise<OpenAI> {
  const stored = (await getApiKey())?.trim() || null;
  if (!stored && endpoint.preset.requiresApiKey) throw new MissingApiKeyError(endpoint.preset.label);
  const common = {
    apiKey: stored ?? KEYLESS,
    maxRetries: 0,
    timeout: endpoint.timeoutMs,
    logLevel: 'off' as const,
    logger: silentLogger,
    organization: null,
    project: null,
    webhookSecret: null,
  };
  if (endpoint.preset.azure) {
    const hasOpenAiPath = /\/openai(\/|$)/.test(new URL(endpoint.baseUrl).pathname);
    return new AzureOpenAI({
      ...common,
      apiKey: stored ?? KEYLESS,
      apiVersion: endpoint.apiVersion,
      deployment: endpoint.deployment,
      ...(hasOpenAiPath
        ? { baseURL: endpoint.baseUrl }
        : { endpoint: endpoint.baseUrl, baseURL: null as never }),
    });
  }
  return new OpenAI({ ...common, baseURL: endpoint.baseUrl });
}
