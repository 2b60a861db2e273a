import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { PolicyResult } from '../../shared/domain/policy';
import { openClient, type GetApiKey } from './client';
import { classifyError, failure, type LlmFailure } from './errors';
import { resolveEndpoint, withoutCredentials, type EndpointSettings, type ResolvedEndpoint } from './presets';
import type { PolicyFacts } from './policy-facts';
import { buildPrompt, REPLIES_RESPONSE_FORMAT } from './prompt';
import { guardedCheck, safely, withCanaryCheck } from './policy-guard';
import { finalDrafts, partialDrafts } from './drafts';
import { StreamingReplyParser } from './reply-parser';
import { restorePlaceholders } from './restore';
import { DEFAULT_RETRY, runStream, type RetryPolicy, type StreamRunOutcome } from './stream-request';
import type {
  LlmDraft,
  LlmDraftRequest,
  LlmFinishEvent,
  LlmRequestRecord,
  LlmRunResult,
  PolicyCheck,
  SuggestionStreamEvent,
} from './types';

/** Everything from outside the module is injected, so tests run the real service against fakes. */
export interface LlmSuggestionServiceDeps {
  /** Read at every request so a settings change applies to the next message. */
  getSettings: () => EndpointSettings;
  getApiKey: GetApiKey;
  getPolicyFacts: () => PolicyFacts;
  check: PolicyCheck;
  retry?: Partial<RetryPolicy>;
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number;
}

type Listener<T> = (event: T) => void;

interface ActiveRun {
  key: string;
  controller: AbortController;
  record: LlmRequestRecord;
  started: number;
  firstToken: number | null;
}

/**
 * LLM drafts for the assist panel: builds the grounded, redacted prompt, streams replies as they are
 * written, restores allowed placeholders locally, policy-checks every draft, and falls back with a
 * reason on any failure. One request is live at a time: a newer one aborts the older, whose late
 * chunks are dropped, so the panel never shows an answer to a message the agent has moved past.
 */
export class LlmSuggestionService {
  private active: ActiveRun | null = null;
  private last: LlmRequestRecord | null = null;
  private readonly streamListeners = new Set<Listener<SuggestionStreamEvent>>();
  private readonly finishListeners = new Set<Listener<LlmFinishEvent>>();
  private readonly retry: RetryPolicy;
  private readonly now: () => number;

  constructor(private readonly deps: LlmSuggestionServiceDeps) {
    this.retry = { ...DEFAULT_RETRY, ...deps.retry };
    this.now = deps.now ?? (() => performance.now());
  }

  /** Text as it streams, per suggestion index. Returns an unsubscribe function. */
  onDidStreamSuggestion(listener: Listener<SuggestionStreamEvent>): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  /** Once per request, including failures and cancellations, with usage and latency. */
  onDidFinishLlmRequest(listener: Listener<LlmFinishEvent>): () => void {
    this.finishListeners.add(listener);
    return () => this.finishListeners.delete(listener);
  }

  /** The exact payload of the last request, for the "What was sent" view; a copy, so callers cannot edit it. */
  getLastRequest(): LlmRequestRecord | null {
    return this.last ? structuredClone(this.last) : null;
  }

  /** The key of the request still streaming, if any. */
  get inFlightKey(): string | null {
    return this.active?.key ?? null;
  }

  /**
   * Stops the in-flight request (new customer message, ticket change, panel hidden). Its finish event is
   * sent now with `cancelled`; nothing about it is emitted afterwards.
   */
  cancel(reason: string): void {
    const run = this.active;
    if (!run) return;
    this.active = null;
    run.controller.abort(reason);
    const latencyMs = this.now() - run.started;
    Object.assign(run.record, {
      state: 'cancelled',
      latencyMs,
      error: { code: 'cancelled', message: `Cancelled: ${reason}.` },
    });
    this.emitFinish({
      requestKey: run.key,
      ok: false,
      error: { code: 'cancelled', message: `Cancelled: ${reason}.` },
      latencyMs,
      firstTokenMs: run.firstToken === null ? null : run.firstToken - run.started,
      model: run.record.model,
    });
  }

  /**
   * Asks for drafts for one customer message. Resolves with the drafts or a typed fallback reason; never
   * rejects, because every failure has a plain-words answer for the panel.
   */
  async request(requestKey: string, req: LlmDraftRequest): Promise<LlmRunResult> {
    this.cancel('a newer request started');
    const started = this.now();
    try {
      return await this.run(requestKey, req, started);
    } catch (error) {
      // A bug upstream (settings, policy pack) must still end as a fallback, not a rejected promise.
      const run = this.active?.key === requestKey ? this.active : null;
      const f = failure(
        'config',
        `Tandem could not prepare the request: ${(error as Error).message ?? error}`,
      );
      return this.fail(requestKey, f, started, run, run?.record.model ?? '', [], null);
    }
  }

  private async run(requestKey: string, req: LlmDraftRequest, started: number): Promise<LlmRunResult> {
    const controller = new AbortController();
    let endpoint: ResolvedEndpoint;
    const settings = this.deps.getSettings();
    try {
      endpoint = resolveEndpoint(settings);
    } catch (error) {
      const f = classifyError(error, { baseUrl: settings.baseUrl, model: settings.model });
      return this.fail(requestKey, f, started, null, settings.model, [], null);
    }
    const prompt = buildPrompt({
      redactedText: req.redacted.redactedText,
      history: req.history,
      customer: req.customer,
      order: req.order,
      language: req.language,
      intent: req.intent,
      policy: this.deps.getPolicyFacts(),
      macros: req.macros,
      suggestionCount: endpoint.suggestionCount,
    });
    const body: ChatCompletionCreateParamsStreaming = {
      model: endpoint.model,
      messages: prompt.messages,
      temperature: endpoint.temperature,
      max_tokens: endpoint.maxTokens,
      stream: true,
      stream_options: { include_usage: true },
      ...(endpoint.useJsonSchema ? { response_format: REPLIES_RESPONSE_FORMAT } : {}),
    };
    const record: LlmRequestRecord = {
      requestKey,
      startedAt: new Date().toISOString(),
      preset: endpoint.preset.id,
      endpoint: withoutCredentials(endpoint.baseUrl),
      model: endpoint.model,
      body: structuredClone(body) as unknown as Record<string, unknown>,
      context: prompt.context,
      state: 'streaming',
      attempts: 0,
      usage: null,
      latencyMs: null,
      firstTokenMs: null,
      error: null,
    };
    const run: ActiveRun = { key: requestKey, controller, record, started, firstToken: null };
    this.active = run;
    this.last = record;
    const isLive = (): boolean => this.active === run && !controller.signal.aborted;

    const policyCtx = {
      customer: req.customer,
      order: req.order,
      customerText: req.redacted.redactedText,
      customerLanguage: req.language,
      canary: prompt.canary,
    };
    // A draft checked when its text closed mid-stream is not checked again when the request finishes.
    const checked = new Map<string, PolicyResult>();
    const check = (text: string): PolicyResult => {
      let result = checked.get(text);
      if (!result) {
        result = withCanaryCheck(guardedCheck(this.deps.check, text, policyCtx), text, prompt.canary);
        checked.set(text, result);
      }
      return result;
    };
    const parser = new StreamingReplyParser();
    const display = (text: string): string => restorePlaceholders(text.trim(), req.redacted.restore);
    const checkedEarly = new Set<number>();

    let outcome: StreamRunOutcome;
    try {
      const client = await openClient(endpoint, this.deps.getApiKey);
      if (!isLive()) return this.cancelled(requestKey, started, endpoint.model);
      outcome = await runStream({
        client,
        body,
        signal: controller.signal,
        timeoutMs: endpoint.timeoutMs,
        retry: this.retry,
        baseUrl: endpoint.baseUrl,
        model: endpoint.model,
        onDelta: (delta) => {
          if (!isLive()) return;
          if (run.firstToken === null) run.firstToken = this.now();
          for (const index of parser.push(delta)) {
            if (index >= endpoint.suggestionCount) continue;
            const reply = parser.replies[index]!;
            const textSoFar = display(reply.text);
            const early = reply.closed && !checkedEarly.has(index);
            if (early) checkedEarly.add(index);
            this.emitStream({
              requestKey,
              index,
              textSoFar,
              done: false,
              ...(early ? { policy: check(textSoFar) } : {}),
            });
          }
        },
      });
    } catch (error) {
      if (!isLive()) return this.cancelled(requestKey, started, endpoint.model);
      const f = classifyError(error, { baseUrl: endpoint.baseUrl, model: endpoint.model });
      return this.fail(requestKey, f, started, run, endpoint.model, [], null);
    }
    record.attempts = outcome.attempts;
    record.usage = outcome.usage;
    // The record shows what the answer came from: the re-sent body, when structured output was refused.
    if (outcome.droppedResponseFormat) delete record.body.response_format;
    if (!isLive() || outcome.failure?.code === 'cancelled')
      return this.cancelled(requestKey, started, endpoint.model);

    const partial = (): LlmDraft[] => partialDrafts(parser, endpoint.suggestionCount, display, check);

    if (outcome.failure)
      return this.fail(requestKey, outcome.failure, started, run, endpoint.model, partial(), outcome);
    if (outcome.finishReason === 'content_filter') {
      const f = failure('content_filter', "The provider's content filter stopped the answer.");
      return this.fail(requestKey, f, started, run, endpoint.model, partial(), outcome);
    }
    if (outcome.finishReason === null) {
      const f = failure(
        'incomplete',
        'The answer was cut off before the model finished; it is not shown as a finished reply.',
      );
      return this.fail(requestKey, f, started, run, endpoint.model, partial(), outcome);
    }
    const parsed = parser.finish(endpoint.suggestionCount);
    const cutByLength = outcome.finishReason === 'length';
    const drafts = finalDrafts(parser, parsed, {
      cutByLength,
      macroIds: new Set(req.macros.map((m) => m.id)),
      display,
      check,
    });
    const complete = drafts.filter((d) => !d.incomplete);
    if (complete.length === 0) {
      const f = cutByLength
        ? failure(
            'incomplete',
            'The model ran out of its token limit before finishing a reply. Raise "max tokens" in Settings.',
          )
        : failure('malformed', 'The model answered in a form Tandem could not read.');
      return this.fail(
        requestKey,
        f,
        started,
        run,
        endpoint.model,
        drafts.length ? drafts : partial(),
        outcome,
      );
    }
    for (const d of drafts) {
      this.emitStream({
        requestKey,
        index: d.index,
        textSoFar: d.text,
        done: true,
        policy: d.policy,
        macroId: d.macroId,
        ...(d.incomplete ? { incomplete: true } : {}),
      });
    }
    const latencyMs = this.now() - started;
    const firstTokenMs = run.firstToken === null ? null : run.firstToken - started;
    Object.assign(record, { state: 'done', latencyMs, firstTokenMs });
    this.active = null;
    this.emitFinish({
      requestKey,
      ok: true,
      usage: outcome.usage ?? undefined,
      latencyMs,
      firstTokenMs,
      model: endpoint.model,
    });
    return {
      ok: true,
      requestKey,
      drafts,
      usage: outcome.usage,
      latencyMs,
      firstTokenMs,
      model: endpoint.model,
    };
  }

  private cancelled(requestKey: string, started: number, model: string): LlmRunResult {
    return {
      ok: false,
      requestKey,
      reason: 'cancelled',
      message: 'The request was cancelled.',
      drafts: [],
      usage: null,
      latencyMs: this.now() - started,
      firstTokenMs: null,
      model,
    };
  }

  private fail(
    requestKey: string,
    f: LlmFailure,
    started: number,
    run: ActiveRun | null,
    model: string,
    drafts: LlmDraft[],
    outcome: StreamRunOutcome | null,
  ): LlmRunResult {
    const latencyMs = this.now() - started;
    const firstTokenMs = run?.firstToken != null ? run.firstToken - started : null;
    const error = { code: f.code, message: f.message };
    if (run) {
      Object.assign(run.record, { state: 'failed', latencyMs, firstTokenMs, error });
      if (this.active === run) this.active = null;
    }
    const cut = drafts.map((d) => ({ ...d, incomplete: true }));
    for (const d of cut) {
      this.emitStream({
        requestKey,
        index: d.index,
        textSoFar: d.text,
        done: true,
        incomplete: true,
        policy: d.policy,
      });
    }
    const usage = outcome?.usage ?? null;
    this.emitFinish({
      requestKey,
      ok: false,
      error,
      usage: usage ?? undefined,
      latencyMs,
      firstTokenMs,
      model,
    });
    return {
      ok: false,
      requestKey,
      reason: f.code,
      message: f.message,
      drafts: cut,
      usage,
      latencyMs,
      firstTokenMs,
      model,
    };
  }

  private emitStream(event: SuggestionStreamEvent): void {
    for (const listener of [...this.streamListeners]) safely(() => listener(event));
  }

  private emitFinish(event: LlmFinishEvent): void {
    for (const listener of [...this.finishListeners]) safely(() => listener(event));
  }
}
