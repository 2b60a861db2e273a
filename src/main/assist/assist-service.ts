import { randomUUID } from 'node:crypto';
import { distance } from 'fastest-levenshtein';
import type { Analysis } from '../../shared/domain/analysis';
import type { CustomerContext, HistoryMessage, OrderContext } from '../../shared/domain/context';
import type { PolicyResult } from '../../shared/domain/policy';
import type { Suggestion } from '../../shared/domain/suggestion';
import type { AssistSource, AssistState, Delivery, LlmStatus } from '../../shared/contract/assist';
import { AppError } from '../../shared/ipc/result';
import type { Unsubscribe } from '../../shared/ipc/define';
import { buildEscalationNote } from './escalation-note';
import { ThreadTracker, threadKeysFrom } from './thread-tracker';
import type {
  AnalyzeFn,
  CheckFn,
  LlmDraftSource,
  PostToTicketFn,
  RecordContext,
  RecordFn,
  RedactFn,
  SuggestFn,
} from './types';

export interface AssistServiceDeps {
  analyze: AnalyzeFn;
  suggest: SuggestFn;
  check: CheckFn;
  redact: RedactFn;
  record: RecordFn;
  writeClipboard(text: string): void;
  postToTicket?: PostToTicketFn;
  llm?: LlmDraftSource;
  now?: () => number;
}

export interface IncomingMessage {
  text: string;
  source: AssistSource;
  ticketId?: string;
  customer?: CustomerContext;
  order?: OrderContext;
  /** A ticket brings its own thread; clipboard and paste use the tracked one. */
  history?: HistoryMessage[];
  newThread?: boolean;
  /** The source already cut the text (the panel caps huge pastes before IPC). */
  truncated?: boolean;
}

export type IncomingResult = { kind: 'analyzed'; state: AssistState } | { kind: 'ignored'; reason: string };

interface Current {
  state: AssistState;
  shownAt: Map<string, number>;
  record: RecordContext;
}

/** Normalized edit distance in 0..1, the figure supervisors compare across agents. */
export function normalizedEditDistance(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  return max === 0 ? 0 : Math.min(1, distance(a, b) / max);
}

const worst = (result: PolicyResult): string[] =>
  result.findings.filter((f) => f.severity === 'block').map((f) => f.rule);

/**
 * The agent's assist session: turns an incoming customer message into the panel's state (analysis,
 * offline suggestions, streamed LLM drafts), and carries out the agent's decisions — accept, reject,
 * override, escalate — recording each one. AI output only ever leaves through an agent's accept.
 */
export class AssistService {
  private current: Current | null = null;
  private readonly threads: ThreadTracker;
  private readonly listeners = new Set<(state: AssistState) => void>();
  private readonly now: () => number;

  constructor(private readonly deps: AssistServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.threads = new ThreadTracker(this.now);
  }

  get state(): AssistState | null {
    return this.current?.state ?? null;
  }

  onDidUpdate(listener: (state: AssistState) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  handleIncoming(message: IncomingMessage): IncomingResult {
    if (message.newThread) this.threads.reset();
    const started = performance.now();
    const tracked = this.threads.thread;
    const baseInput = { text: message.text, customer: message.customer, order: message.order };
    let history = message.history ?? tracked?.turns ?? [];
    let analysis = this.deps.analyze({ ...baseInput, history });
    if (message.source === 'clipboard' && !analysis.isCustomerMessage) {
      return { kind: 'ignored', reason: analysis.notCustomerReason ?? 'not a customer message' };
    }
    const keys = threadKeysFrom(analysis.entities, () => null);
    const thread = this.threads.resolve(
      { ...keys, ticketId: message.ticketId },
      { customer: message.customer, order: message.order },
    );
    if (!message.history && thread !== tracked && history.length > 0) {
      history = [];
      analysis = this.deps.analyze({ ...baseInput, history });
    }
    const customer = message.customer ?? thread.customer;
    const order = message.order ?? thread.order;
    // Suggestions and drafts work from the normalized text: a 5 MB paste is already cut to its head.
    const input = { text: analysis.normalizedText, customer, order, history };
    const analyzeMs = performance.now() - started;
    const suggestStarted = performance.now();
    const suggestions = this.deps.suggest(input, analysis);
    const suggestMs = performance.now() - suggestStarted;

    this.deps.llm?.cancel('a new customer message arrived');
    const messageId = randomUUID();
    const state: AssistState = {
      messageId,
      threadId: thread.id,
      source: message.source,
      ticketId: message.ticketId,
      receivedAt: new Date(this.now()).toISOString(),
      text: analysis.normalizedText,
      customer,
      order,
      historyCount: history.length,
      analysis: { ...stripInternals(analysis), truncated: analysis.truncated || message.truncated === true },
      suggestions,
      llm: { state: this.deps.llm?.enabled ? 'streaming' : 'off' },
      timings: { analyzeMs, suggestMs },
    };
    this.threads.addTurn(thread, { author: 'customer', text: analysis.redactedText, at: state.receivedAt });
    const record: RecordContext = {
      source: message.source,
      threadId: thread.id,
      ticketId: message.ticketId,
      messageId,
      intent: analysis.intent.label,
      suggestionSource: 'offline',
    };
    this.current = { state, shownAt: new Map(), record };
    this.deps.record(
      {
        type: 'message_analyzed',
        analyzeMs,
        escalationRecommended: analysis.escalation.recommended,
        churnLevel: analysis.churnRisk.level,
        language: analysis.language,
      },
      record,
    );
    this.markShown(suggestions);
    this.publish();
    if (this.deps.llm?.enabled) {
      this.deps.llm.start(messageId, { input, analysis }, (drafts, status) =>
        this.onDrafts(messageId, drafts, status),
      );
    }
    return { kind: 'analyzed', state };
  }

  checkDraft(draft: string): PolicyResult {
    const cur = this.current;
    const result = this.deps.check(draft, {
      customer: cur?.state.customer,
      order: cur?.state.order,
      customerText: cur?.state.analysis.redactedText,
      customerLanguage: cur?.state.analysis.language,
    });
    return result;
  }

  /** Records the verdict of a finished edit (not every keystroke, which would flood the record). */
  recordDraftChecked(result: PolicyResult): void {
    if (!this.current) return;
    this.deps.record(
      { type: 'draft_checked', verdict: result.verdict, ruleIds: result.findings.map((f) => f.rule) },
      this.current.record,
    );
  }

  async accept(request: {
    messageId: string;
    suggestionId: string;
    text: string;
    delivery: Delivery;
    override?: { ruleIds: string[]; reason: string };
  }): Promise<{ delivered: Delivery; verdict: PolicyResult['verdict']; detail: string }> {
    const cur = this.requireCurrent(request.messageId);
    const suggestion = cur.state.suggestions.find((s) => s.id === request.suggestionId);
    if (!suggestion)
      throw new AppError('not_found', 'That suggestion is no longer shown. Pick one from the panel.');
    // The renderer's verdict is not trusted: the sent text is checked again here.
    const policy = this.checkDraft(request.text);
    const blocking = worst(policy);
    if (blocking.length > 0) {
      const covered = request.override && blocking.every((r) => request.override?.ruleIds.includes(r));
      if (!covered) {
        throw new AppError(
          'invalid_state',
          `The policy check blocks this reply (${[...new Set(blocking)].join(', ')}). Fix it or override with a reason.`,
        );
      }
    }
    const detail = await this.deliver(cur, request.text, request.delivery);
    const record = { ...cur.record, suggestionSource: suggestion.source, model: suggestion.model };
    if (request.override && blocking.length > 0) {
      this.deps.record(
        {
          type: 'policy_override',
          suggestionId: suggestion.id,
          ruleIds: [...new Set(blocking)],
          reason: request.override.reason,
        },
        record,
      );
    }
    const edited = request.text !== suggestion.text;
    this.deps.record(
      {
        type: 'suggestion_accepted',
        suggestionId: suggestion.id,
        edited,
        editDistance: normalizedEditDistance(suggestion.text, request.text),
        msToAccept: Math.max(0, this.now() - (cur.shownAt.get(suggestion.id) ?? this.now())),
        delivery: request.delivery,
        verdict: policy.verdict,
        suggestionTextRedacted: this.deps.redact(suggestion.text).slice(0, 4000),
        sentTextRedacted: this.deps.redact(request.text).slice(0, 4000),
      },
      record,
    );
    const thread = this.threads.thread;
    if (thread && thread.id === cur.state.threadId) {
      this.threads.addTurn(thread, { author: 'agent', text: this.deps.redact(request.text) });
    }
    return { delivered: request.delivery, verdict: policy.verdict, detail };
  }

  reject(request: { messageId: string; suggestionId: string; reason?: string }): void {
    const cur = this.requireCurrent(request.messageId);
    const suggestion = cur.state.suggestions.find((s) => s.id === request.suggestionId);
    if (!suggestion) throw new AppError('not_found', 'That suggestion is no longer shown.');
    this.deps.record(
      { type: 'suggestion_rejected', suggestionId: suggestion.id, reason: request.reason },
      { ...cur.record, suggestionSource: suggestion.source, model: suggestion.model },
    );
  }

  async escalate(request: {
    messageId: string;
    note?: string;
    delivery: 'clipboard' | 'internal_note';
  }): Promise<{ note: string; delivered: 'clipboard' | 'internal_note'; path: string }> {
    const cur = this.requireCurrent(request.messageId);
    const analysis = cur.state.analysis;
    const path = analysis.escalation.path ?? 'Supervisor';
    const note = buildEscalationNote(cur.state, request.note);
    await this.deliver(cur, note, request.delivery);
    this.deps.record(
      {
        type: 'escalated',
        reasonCodes: analysis.escalation.reasons.map((r) => r.code),
        path,
        delivery: request.delivery,
      },
      cur.record,
    );
    return { note, delivered: request.delivery, path };
  }

  resetThread(): void {
    this.threads.reset();
  }

  cancelDrafts(reason: string): void {
    this.deps.llm?.cancel(reason);
    const cur = this.current;
    if (cur && cur.state.llm.state === 'streaming') {
      cur.state = { ...cur.state, llm: { state: 'fallback', reason: `Drafts stopped: ${reason}.` } };
      this.publish();
    }
  }

  private onDrafts(messageId: string, drafts: Suggestion[], status: LlmStatus): void {
    const cur = this.current;
    if (!cur || cur.state.messageId !== messageId) return; // a late answer for an old message
    const offline = cur.state.suggestions.filter((s) => s.source === 'offline');
    const finished = drafts.filter((d) => !d.incomplete);
    this.markShown(finished.filter((d) => !cur.shownAt.has(d.id)));
    cur.state = { ...cur.state, suggestions: [...drafts, ...offline], llm: status };
    this.publish();
  }

  private markShown(suggestions: Suggestion[]): void {
    const cur = this.current;
    if (!cur) return;
    for (const s of suggestions) {
      cur.shownAt.set(s.id, this.now());
      this.deps.record(
        { type: 'suggestion_shown', suggestionId: s.id, verdict: s.policy.verdict, confidence: s.confidence },
        { ...cur.record, suggestionSource: s.source, model: s.model },
      );
    }
  }

  private async deliver(cur: Current, text: string, delivery: Delivery): Promise<string> {
    if (delivery === 'clipboard') {
      this.deps.writeClipboard(text);
      return 'Copied to the clipboard.';
    }
    const ticketId = cur.state.ticketId;
    if (!ticketId || !this.deps.postToTicket) {
      throw new AppError(
        'invalid_state',
        'This message did not come from a connected helpdesk ticket: copy it instead.',
      );
    }
    await this.deps.postToTicket(ticketId, text, delivery === 'internal_note');
    return delivery === 'internal_note' ? 'Posted as an internal note.' : 'Posted as a reply.';
  }

  private requireCurrent(messageId: string): Current {
    const cur = this.current;
    if (!cur || cur.state.messageId !== messageId) {
      throw new AppError(
        'invalid_state',
        'A newer customer message replaced this one. Review the panel again.',
      );
    }
    return cur;
  }

  private publish(): void {
    const state = this.current?.state;
    if (!state) return;
    for (const listener of [...this.listeners]) listener(state);
  }
}

function stripInternals(analysis: Analysis & Record<string, unknown>): Analysis {
  return {
    language: analysis.language,
    isCustomerMessage: analysis.isCustomerMessage,
    notCustomerReason: analysis.notCustomerReason,
    truncated: analysis.truncated,
    intent: analysis.intent,
    sentiment: analysis.sentiment,
    churnRisk: analysis.churnRisk,
    escalation: analysis.escalation,
    entities: analysis.entities,
    redactedText: analysis.redactedText,
  };
}
