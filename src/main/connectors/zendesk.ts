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
import { ConnectorError } from './http/errors';
import { IdSchema, NullableString, type ConnectorCommonOptions } from './schemas';
import { bodyText } from './text';
import { collectPages, DEFAULT_THREAD_LIMITS, summariseThread } from './thread';

const VENDOR = 'Zendesk';

const User = z.object({
  id: IdSchema.nullable(),
  name: NullableString,
  email: NullableString,
  role: NullableString,
});
const TicketBody = z.object({
  id: IdSchema,
  subject: NullableString,
  status: z.string(),
  requester_id: IdSchema.nullish(),
  tags: z.array(z.string()).nullish(),
  updated_at: z.string(),
});
const Comment = z.object({
  id: IdSchema,
  author_id: IdSchema.nullish(),
  body: NullableString,
  html_body: NullableString,
  plain_body: NullableString,
  public: z.boolean().default(true),
  attachments: z.array(z.object({ file_name: z.string() })).nullish(),
  created_at: z.string(),
});
const ShowTicket = z.object({ ticket: TicketBody, users: z.array(User).nullish() });
const CommentPage = z.object({
  comments: z.array(Comment),
  users: z.array(User).nullish(),
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullish() }).nullish(),
});
const Search = z.object({
  results: z.array(TicketBody.extend({ requester_id: IdSchema.nullish() })),
  users: z.array(User).nullish(),
});

/** API token (email/token basic auth) or OAuth bearer; both name secrets, never hold them. */
export type ZendeskAuth =
  { type: 'token'; emailSecret: string; tokenSecret: string } | { type: 'oauth'; tokenSecret: string };

/**
 * Zendesk Support API: ticket + sideloaded users, comments newest-first with cursor pagination
 * (`page[size]`, `page[after]`, `meta.has_more`), replies and internal notes through a ticket update
 * with a `comment` (`public: false` for notes). Auth: `{email}/token:{token}` basic, or an OAuth bearer.
 */
export class ZendeskConnector implements HelpdeskConnector {
  readonly kind = 'zendesk' as const;
  private readonly http: HttpClient;
  private readonly cache: TtlCache<Ticket>;
  private readonly keepLatest: number;
  private readonly maxPages: number;

  constructor(
    private readonly common: ConnectorCommonOptions,
    auth: ZendeskAuth,
  ) {
    this.http = createHttpClient(common, VENDOR, async () => {
      if (auth.type === 'oauth') {
        return {
          authorization: `Bearer ${await requireSecret(common.getSecret, auth.tokenSecret, VENDOR, 'OAuth token')}`,
        };
      }
      const email = await requireSecret(common.getSecret, auth.emailSecret, VENDOR, 'agent e-mail');
      const token = await requireSecret(common.getSecret, auth.tokenSecret, VENDOR, 'API token');
      return { authorization: basicAuth(`${email}/token`, token) };
    });
    this.cache = new TtlCache(common.cacheTtlMs ?? 30_000, common.timing?.now);
    this.keepLatest = common.keepLatest ?? DEFAULT_THREAD_LIMITS.keepLatest;
    this.maxPages = common.maxPages ?? DEFAULT_THREAD_LIMITS.maxPages;
  }

  testConnection(signal?: AbortSignal) {
    return toTestResult(VENDOR, async () => {
      const { data } = await this.http.request({
        path: '/api/v2/users/me.json',
        schema: z.object({ user: User }),
        signal,
      });
      if (data.user.id === null) {
        throw new ConnectorError(
          'unauthorized',
          'Zendesk treated the request as anonymous. Re-authenticate the connection in Settings.',
        );
      }
      return connectedAs(VENDOR, data.user.name, data.user.email);
    });
  }

  async getTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
    const ticketId = numericId(id, VENDOR);
    return this.cache.get(ticketId, () => this.load(ticketId, signal));
  }

  private async load(ticketId: string, signal?: AbortSignal): Promise<Ticket> {
    const notFoundMessage = `Zendesk ticket #${ticketId} was not found. It may have been deleted or merged.`;
    const { data } = await this.http.request({
      path: `/api/v2/tickets/${ticketId}.json`,
      query: { include: 'users' },
      schema: ShowTicket,
      signal,
      notFoundMessage,
    });
    const users = new Map((data.users ?? []).map((u) => [u.id ?? '', u]));
    const pages = await collectPages(
      async (cursor) => {
        const page = await this.http.request({
          path: `/api/v2/tickets/${ticketId}/comments.json`,
          query: {
            'page[size]': 100,
            sort: '-created_at',
            include: 'users',
            'page[after]': cursor ?? undefined,
          },
          schema: CommentPage,
          signal,
          notFoundMessage,
        });
        for (const u of page.data.users ?? []) users.set(u.id ?? '', u);
        const meta = page.data.meta;
        return { items: page.data.comments, next: meta?.has_more ? (meta.after_cursor ?? null) : null };
      },
      { maxPages: this.maxPages, maxItems: this.keepLatest },
    );
    const requesterId = data.ticket.requester_id ?? undefined;
    const messages = pages.items.map((c): TicketMessage => {
      const author = c.author_id ? users.get(c.author_id) : undefined;
      const isCustomer = c.author_id === requesterId || author?.role === 'end-user';
      return {
        id: c.id,
        role: !c.public ? 'note' : isCustomer ? 'customer' : 'agent',
        authorName: author?.name,
        text: bodyText(c.plain_body ?? c.body, c.html_body),
        createdAt: c.created_at,
        attachments: (c.attachments ?? []).map((a) => a.file_name),
      };
    });
    const total = pages.complete ? undefined : await this.countComments(ticketId, signal);
    const thread = summariseThread(messages, this.keepLatest, total);
    const requester = requesterId ? users.get(requesterId) : undefined;
    return {
      kind: 'zendesk',
      id: data.ticket.id,
      subject: data.ticket.subject ?? '',
      status: data.ticket.status,
      requester: { name: requester?.name, email: requester?.email },
      tags: data.ticket.tags ?? [],
      ...thread,
      url: `${this.common.baseUrl.replace(/\/+$/, '')}/agent/tickets/${data.ticket.id}`,
      updatedAt: data.ticket.updated_at,
    };
  }

  private async countComments(ticketId: string, signal?: AbortSignal): Promise<number | undefined> {
    try {
      const { data } = await this.http.request({
        path: `/api/v2/tickets/${ticketId}/comments/count.json`,
        schema: z.object({ count: z.object({ value: z.number() }) }),
        signal,
      });
      return data.count.value;
    } catch {
      return undefined;
    }
  }

  async listMyOpenTickets(signal?: AbortSignal): Promise<TicketSummary[]> {
    const { data } = await this.http.request({
      path: '/api/v2/search.json',
      query: {
        query: 'type:ticket assignee:me status<solved',
        sort_by: 'updated_at',
        sort_order: 'desc',
        include: 'users',
      },
      schema: Search,
      signal,
    });
    const users = new Map((data.users ?? []).map((u) => [u.id ?? '', u]));
    return data.results.map((t) => ({
      id: t.id,
      subject: t.subject ?? '',
      status: t.status,
      requesterName: t.requester_id ? users.get(t.requester_id)?.name : undefined,
      updatedAt: t.updated_at,
      url: `${this.common.baseUrl.replace(/\/+$/, '')}/agent/tickets/${t.id}`,
    }));
  }

  postReply(ticketId: string, text: string, options: PostOptions): Promise<PostResult> {
    return toPostResult(VENDOR, async () => {
      const id = numericId(ticketId, VENDOR);
      requireText(text, VENDOR);
      const { data } = await this.http.request({
        method: 'PUT',
        path: `/api/v2/tickets/${id}.json`,
        json: { ticket: { comment: { body: text, public: !options.asInternalNote } } },
        schema: z.object({
          audit: z.object({ events: z.array(z.object({ id: IdSchema, type: z.string() })) }).nullish(),
        }),
        signal: options.signal,
        notFoundMessage: `Zendesk ticket #${id} was not found. It may have been deleted or merged.`,
      });
      this.cache.invalidate(id);
      const messageId = data.audit?.events.find((e) => e.type === 'Comment')?.id;
      return { ok: true, messageId, asInternalNote: options.asInternalNote };
    });
  }

  ticketIdFromUrl(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      return null;
    }
    const ours = parsed.host === safeHost(this.common.baseUrl) || parsed.hostname.endsWith('.zendesk.com');
    if (!ours) return null;
    const match = parsed.pathname.match(
      /^\/(?:agent\/tickets|tickets|hc\/[a-z-]*\/?requests|hc\/requests)\/(\d+)/i,
    );
    return match?.[1] ?? null;
  }
}

/** Host of a configured base URL, or '' when it does not parse (then only vendor domains match). */
export function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return '';
  }
}
