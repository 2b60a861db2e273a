import { z } from 'zod';
import type {
  HelpdeskConnector,
  PostOptions,
  PostResult,
  Ticket,
  TicketMessage,
  TicketSummary,
} from '../../shared/domain/connectors';
import { connectedAs, createHttpClient, numericId, toPostResult, toTestResult, requireText } from './base';
import { TtlCache } from './cache';
import { HelpScoutTokens } from './helpscout-auth';
import type { HttpClient } from './http/client';
import { IdSchema, NullableString, type ConnectorCommonOptions } from './schemas';
import { bodyText } from './text';
import { collectPages, DEFAULT_THREAD_LIMITS, summariseThread } from './thread';
import { safeHost } from './zendesk';

const VENDOR = 'Help Scout';

const Person = z
  .object({
    id: IdSchema.nullish(),
    first: NullableString,
    last: NullableString,
    email: NullableString,
    type: NullableString,
  })
  .nullish();
const Conversation = z.object({
  id: IdSchema,
  number: IdSchema.nullish(),
  subject: NullableString,
  status: z.string(),
  primaryCustomer: Person,
  tags: z.array(z.object({ tag: z.string() })).nullish(),
  userUpdatedAt: NullableString,
  createdAt: z.string(),
});
const Thread = z.object({
  id: IdSchema,
  type: z.string(),
  state: NullableString,
  body: NullableString,
  createdBy: Person,
  createdAt: z.string(),
  _embedded: z.object({ attachments: z.array(z.object({ filename: z.string() })).nullish() }).nullish(),
});
const ThreadPage = z.object({
  _embedded: z.object({ threads: z.array(Thread) }).nullish(),
  page: z.object({ number: z.number(), totalPages: z.number(), totalElements: z.number() }).nullish(),
});
const ConversationPage = z.object({
  _embedded: z.object({ conversations: z.array(Conversation) }).nullish(),
});
const Me = z.object({
  id: IdSchema,
  firstName: NullableString,
  lastName: NullableString,
  email: NullableString,
});

/** Thread types that are conversation turns; line items (assignments, status changes) are not. */
const TURN_TYPES = new Set(['customer', 'message', 'reply', 'note', 'chat', 'phone']);

/**
 * Help Scout Mailbox API 2.0: conversation + threads (HAL `_embedded.threads`, newest first, paged with
 * `page` and `page.totalElements`), `/reply` (optionally `draft: true`) and `/notes`. OAuth2 client
 * credentials with refresh; writes count double against the account's per-minute limit.
 */
export class HelpScoutConnector implements HelpdeskConnector {
  readonly kind = 'helpscout' as const;
  private readonly http: HttpClient;
  private readonly tokens: HelpScoutTokens;
  private readonly cache: TtlCache<Ticket>;
  private readonly keepLatest: number;
  private readonly maxPages: number;

  constructor(
    private readonly common: ConnectorCommonOptions,
    secrets: { clientIdSecret: string; clientSecretSecret: string },
  ) {
    this.tokens = new HelpScoutTokens(common, secrets);
    this.http = createHttpClient(
      common,
      VENDOR,
      async (signal) => ({ authorization: `Bearer ${await this.tokens.get(signal)}` }),
      {
        budget: { limit: 200, windowMs: 60_000 },
        onUnauthorized: async () => {
          this.tokens.invalidate();
          return true;
        },
      },
    );
    this.cache = new TtlCache(common.cacheTtlMs ?? 30_000, common.timing?.now);
    this.keepLatest = common.keepLatest ?? DEFAULT_THREAD_LIMITS.keepLatest;
    this.maxPages = common.maxPages ?? DEFAULT_THREAD_LIMITS.maxPages;
  }

  testConnection(signal?: AbortSignal) {
    return toTestResult(VENDOR, async () => {
      const { data } = await this.http.request({ path: '/v2/users/me', schema: Me, signal });
      return connectedAs(
        VENDOR,
        [data.firstName, data.lastName].filter(Boolean).join(' ') || undefined,
        data.email,
      );
    });
  }

  async getTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
    const conversationId = numericId(id, VENDOR);
    return this.cache.get(conversationId, () => this.load(conversationId, signal));
  }

  private notFound(id: string): string {
    return `Help Scout conversation ${id} was not found. It may have been deleted, moved or merged.`;
  }

  private conversation(id: string, signal?: AbortSignal) {
    return this.http.request({
      path: `/v2/conversations/${id}`,
      schema: Conversation,
      signal,
      notFoundMessage: this.notFound(id),
    });
  }

  private async load(id: string, signal?: AbortSignal): Promise<Ticket> {
    const { data: c } = await this.conversation(id, signal);
    let total: number | undefined;
    const pages = await collectPages(
      async (cursor) => {
        const page = Number(cursor ?? '1');
        const { data } = await this.http.request({
          path: `/v2/conversations/${id}/threads`,
          query: { page },
          schema: ThreadPage,
          signal,
          notFoundMessage: this.notFound(id),
        });
        const threads = data._embedded?.threads ?? [];
        const info = data.page;
        if (info) total = info.totalElements;
        return { items: threads, next: info && info.number < info.totalPages ? String(page + 1) : null };
      },
      { maxPages: this.maxPages, maxItems: this.keepLatest },
    );
    const turns = pages.items.filter(
      (t) => TURN_TYPES.has(t.type) && (t.state ?? 'published') === 'published',
    );
    const skipped = pages.items.length - turns.length;
    const messages = turns.map((t): TicketMessage => ({
      id: t.id,
      role:
        t.type === 'note'
          ? 'note'
          : t.type === 'customer' || t.createdBy?.type === 'customer'
            ? 'customer'
            : 'agent',
      authorName: [t.createdBy?.first, t.createdBy?.last].filter(Boolean).join(' ') || undefined,
      text: bodyText(undefined, t.body),
      createdAt: t.createdAt,
      attachments: (t._embedded?.attachments ?? []).map((a) => a.filename),
    }));
    const thread = summariseThread(
      messages,
      this.keepLatest,
      total !== undefined ? total - skipped : undefined,
    );
    const customer = c.primaryCustomer;
    return {
      kind: 'helpscout',
      id: c.id,
      subject: c.subject ?? '',
      status: c.status,
      requester: {
        name: [customer?.first, customer?.last].filter(Boolean).join(' ') || undefined,
        email: customer?.email,
      },
      tags: (c.tags ?? []).map((t) => t.tag),
      ...thread,
      url: conversationUrl(c.id, c.number ?? undefined),
      updatedAt: c.userUpdatedAt ?? c.createdAt,
    };
  }

  async listMyOpenTickets(signal?: AbortSignal): Promise<TicketSummary[]> {
    const { data: me } = await this.http.request({ path: '/v2/users/me', schema: Me, signal });
    const { data } = await this.http.request({
      path: '/v2/conversations',
      query: { assigned_to: me.id, status: 'open', sortField: 'modifiedAt', sortOrder: 'desc' },
      schema: ConversationPage,
      signal,
    });
    return (data._embedded?.conversations ?? []).map((c) => ({
      id: c.id,
      subject: c.subject ?? '',
      status: c.status,
      requesterName:
        [c.primaryCustomer?.first, c.primaryCustomer?.last].filter(Boolean).join(' ') || undefined,
      updatedAt: c.userUpdatedAt ?? c.createdAt,
      url: conversationUrl(c.id, c.number ?? undefined),
    }));
  }

  postReply(ticketId: string, text: string, options: PostOptions): Promise<PostResult> {
    return toPostResult(VENDOR, async () => {
      const id = numericId(ticketId, VENDOR);
      requireText(text, VENDOR);
      let json: Record<string, unknown>;
      if (options.asInternalNote) {
        json = { text };
      } else {
        const { data: c } = await this.conversation(id, options.signal);
        json = {
          customer: { id: c.primaryCustomer?.id ?? undefined },
          text,
          ...(options.draft ? { draft: true } : {}),
        };
      }
      const res = await this.http.request({
        method: 'POST',
        path: `/v2/conversations/${id}/${options.asInternalNote ? 'notes' : 'reply'}`,
        json,
        schema: z.unknown(),
        weight: 2,
        signal: options.signal,
        notFoundMessage: this.notFound(id),
      });
      this.cache.invalidate(id);
      return {
        ok: true,
        messageId: res.headers.get('resource-id') ?? undefined,
        asInternalNote: options.asInternalNote,
      };
    });
  }

  ticketIdFromUrl(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      return null;
    }
    if (parsed.host !== safeHost(this.common.baseUrl) && parsed.hostname !== 'secure.helpscout.net')
      return null;
    return parsed.pathname.match(/^\/conversation\/(\d+)/i)?.[1] ?? null;
  }
}

function conversationUrl(id: string, number?: string): string {
  return `https://secure.helpscout.net/conversation/${id}${number ? `/${number}` : ''}`;
}
