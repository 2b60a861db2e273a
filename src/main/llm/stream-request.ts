import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { classifyError, failure, type LlmFailure } from './errors';

/** Token counts as the endpoint reported them (`stream_options.include_usage`). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** How we retry 429/5xx before the first token. Injectable so tests never wait on real clocks. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the offline suggestions are shown instead. */
  maxRetryAfterMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

/** Waits, but wakes up at once when the request is cancelled. */
export const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Three attempts, 0.4→4 s backoff, at most 8 s of Retry-After: an agent will not wait longer for a draft. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 400,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 8_000,
  sleep: abortableSleep,
  random: Math.random,
};

/** Full jitter on an exponential step, so many agents hitting one limit do not retry in lockstep. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + (policy.random() * cap) / 2);
}

/** One streamed request as the service hands it over; the client and body are built by the caller. */
export interface StreamRunInput {
  client: OpenAI;
  body: ChatCompletionCreateParamsStreaming;
  /** The caller's cancellation (a new message, a ticket change, the panel hiding). */
  signal: AbortSignal;
  /** Time allowed for the first byte and for every silence between chunks afterwards. */
  timeoutMs: number;
  /** Cap on one attempt from request to last chunk, so a model trickling a token now and then still ends. */
  totalTimeoutMs?: number;
  retry: RetryPolicy;
  baseUrl: string;
  model: string;
  onDelta: (text: string) => void;
}

/** How the stream ended; the service turns it into drafts or a fallback reason. */
export interface StreamRunOutcome {
  failure: LlmFailure | null;
  finishReason: string | null;
  usage: TokenUsage | null;
  sawTokens: boolean;
  attempts: number;
  /** True when the endpoint refused `response_format` and the request was re-sent without it. */
  droppedResponseFormat: boolean;
}

const TIMEOUT = Symbol('timeout');
const TOTAL_TIMEOUT = Symbol('total-timeout');

/**
 * Runs one streamed chat completion with our own retry rules: 429/5xx are retried with backoff (or the
 * server's Retry-After) only until the first token, because once text is on screen a retry would
 * replace what the agent may already be reading. An idle timer covers what the SDK's timeout does not:
 * a server that sends headers and then goes silent.
 */
export async function runStream(input: StreamRunInput): Promise<StreamRunOutcome> {
  const { retry } = input;
  let body = input.body;
  let droppedResponseFormat = false;
  let sawTokens = false;
  let usage: TokenUsage | null = null;
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(input.signal.reason);
    input.signal.addEventListener('abort', onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(TIMEOUT), input.timeoutMs);
    };
    const total = setTimeout(
      () => controller.abort(TOTAL_TIMEOUT),
      input.totalTimeoutMs ?? input.timeoutMs * 4,
    );
    let finishReason: string | null = null;
    let error: unknown = null;
    try {
      arm();
      const stream = await input.client.chat.completions.create(body, {
        signal: controller.signal,
        maxRetries: 0,
        timeout: input.timeoutMs,
      });
      for await (const chunk of stream) {
        arm();
        if (chunk.usage) {
          usage = {
            promptTokens: chunk.usage.prompt_tokens ?? 0,
            completionTokens: chunk.usage.completion_tokens ?? 0,
            totalTokens: chunk.usage.total_tokens ?? 0,
          };
        }
        const choice = chunk.choices?.[0];
        const text = choice?.delta?.content;
        if (typeof text === 'string' && text.length > 0) {
          sawTokens = true;
          input.onDelta(text);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
      }
    } catch (caught) {
      error = caught;
    } finally {
      clearTimeout(timer);
      clearTimeout(total);
      input.signal.removeEventListener('abort', onAbort);
    }
    const outcome = (f: LlmFailure | null): StreamRunOutcome => ({
      failure: f,
      finishReason,
      usage,
      sawTokens,
      attempts: attempt + 1,
      droppedResponseFormat,
    });
    if (input.signal.aborted) return outcome(failure('cancelled', 'The request was cancelled.'));
    if (controller.signal.aborted && controller.signal.reason === TIMEOUT) {
      return outcome(
        failure(
          'timeout',
          sawTokens
            ? `The model stopped sending text for ${Math.round(input.timeoutMs / 1000)} s.`
            : `The model endpoint did not answer within ${Math.round(input.timeoutMs / 1000)} s.`,
        ),
      );
    }
    if (controller.signal.aborted && controller.signal.reason === TOTAL_TIMEOUT) {
      const ms = input.totalTimeoutMs ?? input.timeoutMs * 4;
      const limit = (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
      return outcome(failure('timeout', `The model took longer than ${limit} s to write its answer.`));
    }
    if (!error) return outcome(null);
    const classified = classifyError(error, { baseUrl: input.baseUrl, model: input.model });
    if (sawTokens) {
      const cut = classified.code === 'malformed' ? classified : { ...classified, retryable: false };
      return outcome(cut);
    }
    if (classified.code === 'bad_request' && body.response_format && !droppedResponseFormat) {
      // Servers that do not know structured output answer 400: ask again for plain JSON text.
      const { response_format: _dropped, ...rest } = body;
      body = rest as ChatCompletionCreateParamsStreaming;
      droppedResponseFormat = true;
      attempt--;
      continue;
    }
    if (!classified.retryable || attempt + 1 >= retry.maxAttempts) return outcome(classified);
    const wait = classified.retryAfterMs ?? backoffDelay(attempt, retry);
    if (wait > retry.maxRetryAfterMs) {
      return outcome({
        ...classified,
        message: `${classified.message} The endpoint asks to wait ${Math.ceil(wait / 1000)} s.`,
      });
    }
    await retry.sleep(wait, input.signal);
    if (input.signal.aborted) return outcome(failure('cancelled', 'The request was cancelled.'));
  }
}
