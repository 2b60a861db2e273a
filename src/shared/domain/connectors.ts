import { z } from 'zod';
import type { CustomerContext, OrderContext } from './context';

/** The helpdesks Tandem reads tickets from; the store is separate because a team may have one without the other. */
export const HelpdeskKindSchema = z.enum(['zendesk', 'freshdesk', 'gorgias', 'helpscout']);
export type HelpdeskKind = z.infer<typeof HelpdeskKindSchema>;

/** Stores that provide customer value and order context. */
export const StoreKindSchema = z.enum(['shopify']);
export type StoreKind = z.infer<typeof StoreKindSchema>;

/** Who wrote a message, in the three roles the engine and the panel distinguish. */
export const TicketRoleSchema = z.enum(['customer', 'agent', 'note']);
export type TicketRole = z.infer<typeof TicketRoleSchema>;

/**
 * Ids are strings everywhere: helpdesk ids can exceed 2^53 and would silently change as JS numbers.
 * Text is plain text (HTML bodies are converted in main), so the renderer never receives vendor HTML.
 */
export const TicketMessageSchema = z.object({
  id: z.string(),
  role: TicketRoleSchema,
  authorName: z.string().optional(),
  text: z.string(),
  createdAt: z.string(),
  /** File names only: the panel shows that a photo was sent, it never downloads it. */
  attachments: z.array(z.string()),
});
export type TicketMessage = z.infer<typeof TicketMessageSchema>;

export const TicketSchema = z.object({
  kind: HelpdeskKindSchema,
  id: z.string(),
  subject: z.string(),
  status: z.string(),
  requester: z.object({ name: z.string().optional(), email: z.string().optional() }),
  tags: z.array(z.string()),
  /** Oldest first, at most the latest N turns of the thread. */
  messages: z.array(TicketMessageSchema),
  /**
   * How many older messages were left out to keep the thread readable and the request count bounded.
   * A lower bound when the helpdesk does not report a total.
   */
  truncatedCount: z.number().int().nonnegative(),
  url: z.string().optional(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** One row of "My open tickets": enough to pick from without loading every thread. */
export const TicketSummarySchema = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.string(),
  requesterName: z.string().optional(),
  updatedAt: z.string(),
  url: z.string().optional(),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

/** What the agent sees after Accept posts to the helpdesk: posted, or failed with a reason in plain words. */
export const PostResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), messageId: z.string().optional(), asInternalNote: z.boolean() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type PostResult = z.infer<typeof PostResultSchema>;

/**
 * Failure kinds the UI reacts to differently: re-authenticate, wait, check the URL, or report a bug.
 * Messages are plain words and never contain tokens or customer data.
 */
export const ConnectorErrorCodeSchema = z.enum([
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'timeout',
  'network',
  'server_error',
  'bad_request',
  'bad_response',
  'cancelled',
  'config',
]);
export type ConnectorErrorCode = z.infer<typeof ConnectorErrorCodeSchema>;

/** The Settings page's "Test connection" answer. */
export const TestConnectionResultSchema = z.object({
  ok: z.boolean(),
  /** Plain words for the Settings page, e.g. "Connected as Dana (dana@acme.com)". */
  message: z.string(),
  code: ConnectorErrorCodeSchema.optional(),
});
export type TestConnectionResult = z.infer<typeof TestConnectionResultSchema>;

/** Reply or internal note is the agent's choice at Accept time. */
export interface PostOptions {
  asInternalNote: boolean;
  /** Help Scout only: create the reply as a draft the agent sends from the helpdesk. */
  draft?: boolean;
  signal?: AbortSignal;
}

/** Every helpdesk looks the same to the panel; the differences (paths, auth, paging) stay in main. */
export interface HelpdeskConnector {
  readonly kind: HelpdeskKind;
  testConnection(signal?: AbortSignal): Promise<TestConnectionResult>;
  getTicket(id: string, signal?: AbortSignal): Promise<Ticket>;
  /** Assigned to the connected agent, most recently updated first. */
  listMyOpenTickets(signal?: AbortSignal): Promise<TicketSummary[]>;
  postReply(ticketId: string, text: string, options: PostOptions): Promise<PostResult>;
  /** Null when the URL is not a ticket of this helpdesk, so the clipboard watcher can try the next one. */
  ticketIdFromUrl(url: string): string | null;
}

/** The store's id is kept to fetch orders; the context is what the engine reads. */
export interface StoreCustomer {
  id: string;
  customer: CustomerContext;
}

/** The store side: who the customer is worth and what happened to their orders. */
export interface StoreConnector {
  readonly kind: StoreKind;
  testConnection(signal?: AbortSignal): Promise<TestConnectionResult>;
  findCustomerByEmail(email: string, signal?: AbortSignal): Promise<StoreCustomer | null>;
  /** Most recent first. */
  getRecentOrders(customerId: string, signal?: AbortSignal): Promise<OrderContext[]>;
}

const SecretName = z.string().trim().min(1).max(200);
const BaseUrl = z.string().trim().url().max(2000);
const Subdomain = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'Use the subdomain only, e.g. "acme" for acme.zendesk.com');

/**
 * A saved connection. It names the secrets (keychain entries) that hold credentials and never holds
 * their values, so settings files and IPC payloads stay free of tokens.
 */
export const ConnectionConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('zendesk'),
    baseUrl: BaseUrl.optional(),
    subdomain: Subdomain.optional(),
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('token'), emailSecret: SecretName, tokenSecret: SecretName }),
      z.object({ type: z.literal('oauth'), tokenSecret: SecretName }),
    ]),
  }),
  z.object({
    kind: z.literal('freshdesk'),
    baseUrl: BaseUrl.optional(),
    subdomain: Subdomain.optional(),
    apiKeySecret: SecretName,
  }),
  z.object({
    kind: z.literal('gorgias'),
    baseUrl: BaseUrl.optional(),
    subdomain: Subdomain.optional(),
    emailSecret: SecretName,
    apiKeySecret: SecretName,
  }),
  z.object({
    kind: z.literal('helpscout'),
    baseUrl: BaseUrl.optional(),
    clientIdSecret: SecretName,
    clientSecretSecret: SecretName,
  }),
  z.object({
    kind: z.literal('shopify'),
    baseUrl: BaseUrl.optional(),
    subdomain: Subdomain.optional(),
    accessTokenSecret: SecretName,
    apiVersion: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .optional(),
  }),
]);
export type ConnectionConfig = z.infer<typeof ConnectionConfigSchema>;
