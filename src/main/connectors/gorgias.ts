import { z } from 'zod';
import type {
  HelpdeskConnector,
  PostOptions,
  PostResult,
  Ticket,
  TicketMessage,
  TicketSummary,
} from '../../shared/domain/connectors';
import {
  basicAuth,
  connectedAs,
  createHttpClient,
  numericId,
  requireSecret,
  toPostResult,
  toTestResult,
  requireText,
} from './base';
import { TtlCache } from './cache';
import type { HttpClient } from './http/client';
import { IdSchema, NullableString, type ConnectorCommonOptions } from './schemas';
import { bodyText, textToHtml } from './text';
import { collectPages, DEFAULT_THREAD_LIMITS, summariseThread } from './thread';
import { safeHost } from './zendesk';

const VENDOR = 'Gorgias';

const Person = z.object({ id: IdSchema.nullish(), name: NullableString, email: NullableString }).nullish();
const TicketBody = z.object({
  id: IdSchema,
  subject: NullableString,
  status: z.string(),
  channel: NullableString,
  customer: Person,
  assignee_user: Person,
  tags: z.array(z.object({ name: z.string() })).nullish(),
  updated_datetime: z.string(),
});
const Message = z.object({
  id: IdSchema,
  channel: NullableString,
  from_agent: z.boolean(),
  public: z.boolean().default(true),
  sender: Person,
  body_text: NullableString,
  body_html: NullableString,
  stripped_text: NullableString,
  attachments: z.array(z.object({ name: z.string() })).nullish(),
  created_datetime: z.string(),
});
const Page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), meta: z.object({ next_cursor: z.string().nullish() }).nullish() });

/**
 * Gorgias REST API: ticket, its messages with cursor pagination (`cursor`, `meta.next_cursor`), and a
 * new message to post (channel `internal-note` for notes, the ticket's channel for replies, from the
 * connected agent). Basic auth e-mail:API key; the API-key budget is 40 requests per 20 s, kept client-side.
 */
export class GorgiasConnector implements HelpdeskConnector {
  readonly kind = 'gorgias' as const;
  private readonly http: HttpClient;
  private readonly cache: TtlCache<Ticket>;
  private readonly keepLatest: number;
  private readonly maxPages: number;

  constructor(
    private readonly common: ConnectorCommonOptions,
    private readonly secrets: { emailSecret: string; apiKeySecret: string },
  ) {
    this.http = createHttpClient(
      common,
      VENDOR,
      async () => ({
        authorization: basicAuth(
          await this.agentEmail(),
          await requireSecret(common.getSecret, secrets.apiKeySecret, VENDOR, 'API key'),
        ),
      }),
      { budget: { limit: 40, windowMs: 20_000 } },
    );
    this.cache = new TtlCache(common.cacheTtlMs ?? 30_000, common.timing?.now);
    this.keepLatest = common.keepLatest ?? DEFAULT_THREAD_LIMITS.keepLatest;
    this.maxPages = common.maxPages ?? DEFAULT_THREAD_LIMITS.maxPages;
  }

  private agentEmail(): Promise<string> {
    return requireSecret(this.common.getSecret, this.secrets.emailSecret, VENDOR, 'agent e-mail');
  }

  testConnection(signal?: AbortSignal) {
    return toTestResult(VENDOR, async () => {
      await this.http.request({
        path: '/api/tickets',
        query: { limit: 1 },
        schema: Page(z.unknown()),
        signal,
      });
      return connectedAs(VENDOR, undefined, await this.agentEmail());
    });
  }

  async getTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
    const ticketId = numericId(id, VENDOR);
    return this.cache.get(ticketId, () => this.load(ticketId, signal));
  }

  private notFound(id: string): string {
    return `Gorgias ticket #${id} was not found. It may have been deleted or merged.`;
  }

  private async load(ticketId: string, signal?: AbortSignal): Promise<Ticket> {
    const { data: t } = await this.http.request({
      path: `/api/tickets/${ticketId}`,
      schema: TicketBody,
      signal,
      notFoundMessage: this.notFound(ticketId),
    });
    const pages = await collectPages(
      async (cursor) => {
        const { data } = await this.http.request({
          path: `/api/tickets/${ticketId}/messages`,
          query: { limit: 100, order_by: 'created_datetime:desc', cursor: cursor ?? undefined },
          schema: Page(Message),
          signal,
          notFoundMessage: this.notFound(ticketId),
        });
        return { items: data.data, next: data.meta?.next_cursor ?? null };
      },
      { maxPages: this.maxPages, maxItems: this.keepLatest },
    );
    const messages = pages.items.map((m): TicketMessage => ({
      id: m.id,
      role: !m.public || m.channel === 'internal-note' ? 'note' : m.from_agent ? 'agent' : 'customer',
      authorName: m.sender?.name,
      text: bodyText(m.body_text ?? m.stripped_text, m.body_html),
      createdAt: m.created_datetime,
      attachments: (m.attachments ?? []).map((a) => a.name),
    }));
    const thread = summariseThread(messages, this.keepLatest);
    return {
      kind: 'gorgias',
      id: t.id,
      subject: t.subject ?? '',
      status: t.status,
      requester: { name: t.customer?.name, email: t.customer?.email },
      tags: (t.tags ?? []).map((tag) => tag.name),
      ...thread,
      url: `${this.common.baseUrl.replace(/\/+$/, '')}/app/ticket/${t.id}`,
      updatedAt: t.updated_datetime,
    };
  }

  /** Gorgias has no "assigned to me" filter on the list endpoint, so a bounded, newest-first scan is filtered. */
  async listMyOpenTickets(signal?: AbortSignal): Promise<TicketSummary[]> {
    const me = (await this.agentEmail()).toLowerCase();
    const { items } = await collectPages(
      async (cursor) => {
        const { data } = await this.http.request({
          path: '/api/tickets',
          query: { limit: 100, order_by: 'updated_datetime:desc', cursor: cursor ?? undefined },
          schema: Page(TicketBody),
          signal,
        });
        return { items: data.data, next: data.meta?.next_cursor ?? null };
      },
      { maxPages: 3 },
    );
    return items
      .filter((t) => t.status === 'open' && t.assignee_user?.email?.toLowerCase() === me)
      .map((t) => ({
        id: t.id,
        subject: t.subject ?? '',
        status: t.status,
        requesterName: t.customer?.name,
        updatedAt: t.updated_datetime,
        url: `${this.common.baseUrl.replace(/\/+$/, '')}/app/ticket/${t.id}`,
      }));
  }

  postReply(ticketId: string, text: string, options: PostOptions): Promise<PostResult> {
    return toPostResult(VENDOR, async () => {
      const id = numericId(ticketId, VENDOR);
      requireText(text, VENDOR);
      const sender = { email: await this.agentEmail() };
      const body = { body_text: text, body_html: textToHtml(text), via: 'api', from_agent: true, sender };
      let json: Record<string, unknown>;
      if (options.asInternalNote) {
        json = { ...body, channel: 'internal-note', public: false };
      } else {
        const { data: t } = await this.http.request({
          path: `/api/tickets/${id}`,
          schema: TicketBody,
          signal: options.signal,
          notFoundMessage: this.notFound(id),
        });
        json = {
          ...body,
          channel: t.channel ?? 'email',
          public: true,
          receiver: { id: t.customer?.id ?? undefined },
        };
      }
      const { data } = await this.http.request({
        method: 'POST',
        path: `/api/tickets/${id}/messages`,
        json,
        schema: z.object({ id: IdSchema }),
        signal: options.signal,
        notFoundMessage: this.notFound(id),
      });
      this.cache.invalidate(id);
      return { ok: true, messageId: data.id, asInternalNote: options.asInternalNote };
    });
  }

  ticketIdFromUrl(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      return null;
    }
    if (parsed.host !== safeHost(this.common.baseUrl) && !parsed.hostname.endsWith('.gorgias.com'))
      return null;
    return parsed.pathname.match(/^\/app\/tickets?\/(\d+)/i)?.[1] ?? null;
  }
}
