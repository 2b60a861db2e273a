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
import { DEFAULT_THREAD_LIMITS, readLatestPages, summariseThread } from './thread';
import { safeHost } from './zendesk';

const VENDOR = 'Freshdesk';
const PER_PAGE = 100;

const Attachment = z.object({ name: z.string() });
const Requester = z.object({ name: NullableString, email: NullableString }).nullish();
const TicketBody = z.object({
  id: IdSchema,
  subject: NullableString,
  status: z.number(),
  requester_id: IdSchema.nullish(),
  requester: Requester,
  tags: z.array(z.string()).nullish(),
  description: NullableString,
  description_text: NullableString,
  attachments: z.array(Attachment).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
});
const Conversation = z.object({
  id: IdSchema,
  body: NullableString,
  body_text: NullableString,
  incoming: z.boolean().default(false),
  private: z.boolean().default(false),
  user_id: IdSchema.nullish(),
  attachments: z.array(Attachment).nullish(),
  created_at: z.string(),
});

/** Freshdesk's documented ticket statuses; custom statuses (6+) are shown by number. */
const STATUS: Record<number, string> = { 2: 'open', 3: 'pending', 4: 'resolved', 5: 'closed' };

/**
 * Freshdesk API v2: the ticket (its description is the first customer message), its conversations
 * paged with `page`/`per_page` and a `Link: rel="next"` header, `/reply` for replies and `/notes` with
 * `private: true` for internal notes. Auth: API key as the basic-auth user with password "X".
 */
export class FreshdeskConnector implements HelpdeskConnector {
  readonly kind = 'freshdesk' as const;
  private readonly http: HttpClient;
  private readonly cache: TtlCache<Ticket>;
  private readonly keepLatest: number;
  private readonly maxPages: number;

  constructor(
    private readonly common: ConnectorCommonOptions,
    apiKeySecret: string,
  ) {
    this.http = createHttpClient(common, VENDOR, async () => ({
      authorization: basicAuth(await requireSecret(common.getSecret, apiKeySecret, VENDOR, 'API key'), 'X'),
    }));
    this.cache = new TtlCache(common.cacheTtlMs ?? 30_000, common.timing?.now);
    this.keepLatest = common.keepLatest ?? DEFAULT_THREAD_LIMITS.keepLatest;
    this.maxPages = common.maxPages ?? DEFAULT_THREAD_LIMITS.maxPages;
  }

  testConnection(signal?: AbortSignal) {
    return toTestResult(VENDOR, async () => {
      const { data } = await this.http.request({
        path: '/api/v2/agents/me',
        schema: z.object({ contact: z.object({ name: NullableString, email: NullableString }) }),
        signal,
      });
      return connectedAs(VENDOR, data.contact.name, data.contact.email);
    });
  }

  async getTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
    const ticketId = numericId(id, VENDOR);
    return this.cache.get(ticketId, () => this.load(ticketId, signal));
  }

  private async load(ticketId: string, signal?: AbortSignal): Promise<Ticket> {
    const notFoundMessage = `Freshdesk ticket #${ticketId} was not found. It may have been deleted.`;
    const { data: t } = await this.http.request({
      path: `/api/v2/tickets/${ticketId}`,
      query: { include: 'requester' },
      schema: TicketBody,
      signal,
      notFoundMessage,
    });
    const pages = await readLatestPages(
      async (page) => {
        const res = await this.http.request({
          path: `/api/v2/tickets/${ticketId}/conversations`,
          query: { page, per_page: PER_PAGE },
          schema: z.array(Conversation),
          signal,
          notFoundMessage,
        });
        return { items: res.data, hasNext: /rel="?next"?/i.test(res.headers.get('link') ?? '') };
      },
      { keep: this.keepLatest, maxRequests: this.maxPages },
    );
    const first: TicketMessage = {
      id: `${t.id}-description`,
      role: 'customer',
      authorName: t.requester?.name,
      text: bodyText(t.description_text, t.description),
      createdAt: t.created_at,
      attachments: (t.attachments ?? []).map((a) => a.name),
    };
    const rest = pages.items.map((c): TicketMessage => ({
      id: c.id,
      role: c.private
        ? 'note'
        : c.incoming || (c.user_id !== undefined && c.user_id === t.requester_id)
          ? 'customer'
          : 'agent',
      text: bodyText(c.body_text, c.body),
      createdAt: c.created_at,
      attachments: (c.attachments ?? []).map((a) => a.name),
    }));
    const thread = summariseThread(
      [first, ...rest],
      this.keepLatest,
      pages.total !== undefined ? pages.total + 1 : undefined,
    );
    return {
      kind: 'freshdesk',
      id: t.id,
      subject: t.subject ?? '',
      status: STATUS[t.status] ?? String(t.status),
      requester: { name: t.requester?.name, email: t.requester?.email },
      tags: t.tags ?? [],
      ...thread,
      url: `${this.common.baseUrl.replace(/\/+$/, '')}/a/tickets/${t.id}`,
      updatedAt: t.updated_at,
    };
  }

  async listMyOpenTickets(signal?: AbortSignal): Promise<TicketSummary[]> {
    const { data } = await this.http.request({
      path: '/api/v2/tickets',
      query: {
        filter: 'new_and_my_open',
        order_by: 'updated_at',
        order_type: 'desc',
        per_page: PER_PAGE,
        include: 'requester',
      },
      schema: z.array(TicketBody.partial({ created_at: true, description: true, description_text: true })),
      signal,
    });
    return data.map((t) => ({
      id: t.id,
      subject: t.subject ?? '',
      status: STATUS[t.status] ?? String(t.status),
      requesterName: t.requester?.name,
      updatedAt: t.updated_at,
      url: `${this.common.baseUrl.replace(/\/+$/, '')}/a/tickets/${t.id}`,
    }));
  }

  postReply(ticketId: string, text: string, options: PostOptions): Promise<PostResult> {
    return toPostResult(VENDOR, async () => {
      const id = numericId(ticketId, VENDOR);
      requireText(text, VENDOR);
      const note = options.asInternalNote;
      const { data } = await this.http.request({
        method: 'POST',
        path: `/api/v2/tickets/${id}/${note ? 'notes' : 'reply'}`,
        json: note ? { body: textToHtml(text), private: true } : { body: textToHtml(text) },
        schema: z.object({ id: IdSchema }),
        signal: options.signal,
        notFoundMessage: `Freshdesk ticket #${id} was not found. It may have been deleted.`,
      });
      this.cache.invalidate(id);
      return { ok: true, messageId: data.id, asInternalNote: note };
    });
  }

  ticketIdFromUrl(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      return null;
    }
    if (parsed.host !== safeHost(this.common.baseUrl) && !parsed.hostname.endsWith('.freshdesk.com'))
      return null;
    return parsed.pathname.match(/^\/(?:a\/tickets|helpdesk\/tickets|support\/tickets)\/(\d+)/i)?.[1] ?? null;
  }
}
