import type OpenAI from 'openai';
import { openClient, type GetApiKey } from './client';
import { classifyError, type LlmFailureCode } from './errors';
import { resolveEndpoint, type EndpointSettings, type ResolvedEndpoint } from './presets';

/** What "Test connection" found, for the settings screen. */
export interface ConnectionTestResult {
  ok: boolean;
  code?: LlmFailureCode;
  message: string;
  method: 'models' | 'completion' | 'none';
  models?: string[];
  /** Whether the configured model is offered; null when the endpoint cannot tell. */
  modelAvailable: boolean | null;
  latencyMs: number;
}

const host = (e: ResolvedEndpoint): string => new URL(e.baseUrl).host;

/** Sends the smallest chat request there is; proves key, URL and model at once for endpoints without /models. */
async function probeCompletion(client: OpenAI, endpoint: ResolvedEndpoint): Promise<void> {
  await client.chat.completions.create(
    { model: endpoint.model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1, stream: false },
    { maxRetries: 0, timeout: endpoint.timeoutMs },
  );
}

/**
 * "Test connection": lists the endpoint's models (cheap, no tokens spent) and checks the configured one
 * is among them; where listing is not offered (Azure deployments, some local servers) it sends a
 * one-token request instead. Every failure comes back in plain words (bad key, wrong URL, model not
 * found, proxy or TLS trouble, timeout) rather than as an exception.
 */
export async function testConnection(
  settings: EndpointSettings,
  getApiKey: GetApiKey,
  now: () => number = () => performance.now(),
): Promise<ConnectionTestResult> {
  const started = now();
  const elapsed = (): number => Math.max(0, now() - started);
  let endpoint: ResolvedEndpoint;
  let client: OpenAI;
  try {
    endpoint = resolveEndpoint(settings);
    client = await openClient(endpoint, getApiKey);
  } catch (error) {
    const f = classifyError(error, { baseUrl: settings.baseUrl, model: settings.model });
    return {
      ok: false,
      code: f.code,
      message: f.message,
      method: 'none',
      modelAvailable: null,
      latencyMs: elapsed(),
    };
  }
  const ctx = { baseUrl: endpoint.baseUrl, model: endpoint.model };
  const viaCompletion = async (note = ''): Promise<ConnectionTestResult> => {
    try {
      await probeCompletion(client, endpoint);
      return {
        ok: true,
        message: `Connected to ${host(endpoint)}; "${endpoint.model}" answered.${note}`,
        method: 'completion',
        modelAvailable: true,
        latencyMs: elapsed(),
      };
    } catch (error) {
      const f = classifyError(error, ctx);
      if (f.code === 'bad_request') {
        // The key and the model were accepted; only our tiny probe's parameters were not.
        return {
          ok: true,
          message: `Connected to ${host(endpoint)}; "${endpoint.model}" is reachable.${note}`,
          method: 'completion',
          modelAvailable: true,
          latencyMs: elapsed(),
        };
      }
      return {
        ok: false,
        code: f.code,
        message: f.message,
        method: 'completion',
        modelAvailable: f.code === 'model_not_found' ? false : null,
        latencyMs: elapsed(),
      };
    }
  };
  if (endpoint.preset.azure) return viaCompletion();
  let models: string[];
  try {
    const page = await client.models.list({ maxRetries: 0, timeout: endpoint.timeoutMs });
    models = page.data.map((m) => m.id).slice(0, 100);
  } catch (error) {
    const f = classifyError(error, ctx);
    if (f.code === 'not_found' || f.code === 'bad_request' || f.code === 'model_not_found')
      return viaCompletion();
    return {
      ok: false,
      code: f.code,
      message: f.message,
      method: 'models',
      modelAvailable: null,
      latencyMs: elapsed(),
    };
  }
  if (models.includes(endpoint.model) || models.includes(`${endpoint.model}:latest`)) {
    return {
      ok: true,
      message: `Connected to ${host(endpoint)}. "${endpoint.model}" is available (${models.length} model${models.length === 1 ? '' : 's'} offered).`,
      method: 'models',
      models,
      modelAvailable: true,
      latencyMs: elapsed(),
    };
  }
  const offered = models.slice(0, 5).join(', ');
  return {
    ok: false,
    code: 'model_not_found',
    message: `Connected to ${host(endpoint)}, but it does not offer "${endpoint.model}".${offered ? ` It offers: ${offered}${models.length > 5 ? ', …' : ''}.` : ''}`,
    method: 'models',
    models,
    modelAvailable: false,
    latencyMs: elapsed(),
  };
}
