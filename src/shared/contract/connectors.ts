import { z } from 'zod';
import { HelpdeskKindSchema, TestConnectionResultSchema, TicketSummarySchema } from '../domain/connectors';
import { defineCall, defineEvent } from '../ipc/define';

/** Helpdesks and the store share one list in Settings; the kind decides which fields apply. */
export const ConnectionKindSchema = z.enum(['zendesk', 'freshdesk', 'gorgias', 'helpscout', 'shopify']);
export type ConnectionKind = z.infer<typeof ConnectionKindSchema>;

/** Credential fields each kind needs; the renderer draws one password field per entry. */
export const CredentialFieldSchema = z.enum([
  'email',
  'token',
  'apiKey',
  'clientId',
  'clientSecret',
  'accessToken',
]);
export type CredentialField = z.infer<typeof CredentialFieldSchema>;

const Id = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/i)
  .describe('connection id');

/**
 * What Settings sends to save a connection. Credentials travel once, renderer → main, and are stored in
 * the SecretStore; they are never part of the saved file nor of anything main sends back.
 * Leaving a credential out (or empty) on an edit keeps the stored one.
 */
export const ConnectionInputSchema = z
  .object({
    id: Id.optional(),
    name: z.string().trim().max(80).optional(),
    kind: ConnectionKindSchema,
    baseUrl: z.string().trim().max(2000).optional(),
    subdomain: z.string().trim().max(63).optional(),
    /** Zendesk only: e-mail + API token, or an OAuth bearer token. */
    zendeskAuth: z.enum(['token', 'oauth']).optional(),
    /** Shopify only: Admin API version such as 2025-01. */
    apiVersion: z.string().trim().max(10).optional(),
    credentials: z.partialRecord(CredentialFieldSchema, z.string().max(16_384)).optional(),
  })
  .strict();
export type ConnectionInput = z.infer<typeof ConnectionInputSchema>;

/** A saved connection as the renderer sees it: which credentials are set, never their values. */
export const ConnectionSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ConnectionKindSchema,
  baseUrl: z.string().optional(),
  subdomain: z.string().optional(),
  zendeskAuth: z.enum(['token', 'oauth']).optional(),
  apiVersion: z.string().optional(),
  credentials: z.array(z.object({ field: CredentialFieldSchema, isSet: z.boolean() })),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummarySchema>;

/** One row of "My open tickets", tagged with the connection that owns it. */
export const OpenTicketRowSchema = TicketSummarySchema.extend({
  connectionId: z.string(),
  connectionName: z.string(),
  kind: HelpdeskKindSchema,
});
export type OpenTicketRow = z.infer<typeof OpenTicketRowSchema>;

export const OpenTicketsResultSchema = z.object({
  tickets: z.array(OpenTicketRowSchema),
  /** Plain-words failures per connection; other connections' tickets still show. */
  errors: z.array(z.object({ connectionId: z.string(), message: z.string() })),
});
export type OpenTicketsResult = z.infer<typeof OpenTicketsResultSchema>;

export const OpenTicketInputSchema = z.union([
  z.object({ connectionId: z.string().min(1).max(64), ticketId: z.string().min(1).max(64) }).strict(),
  z.object({ url: z.string().min(1).max(2000) }).strict(),
]);
export type OpenTicketInput = z.infer<typeof OpenTicketInputSchema>;

/** What the panel learns after a ticket loaded: the analysis itself arrives through onDidUpdateAssist. */
export const OpenTicketResultSchema = z.object({
  connectionId: z.string(),
  ticketId: z.string(),
  subject: z.string(),
  /** Plain words when the store could not be read; the ticket loaded without its order context. */
  storeError: z.string().optional(),
});
export type OpenTicketResult = z.infer<typeof OpenTicketResultSchema>;

export const connectorCalls = {
  listConnections: defineCall(z.void(), z.array(ConnectionSummarySchema)),
  saveConnection: defineCall(ConnectionInputSchema, ConnectionSummarySchema),
  removeConnection: defineCall(z.object({ id: Id }).strict(), z.array(ConnectionSummarySchema)),
  testConnection: defineCall(z.object({ id: Id }).strict(), TestConnectionResultSchema),
  listMyOpenTickets: defineCall(z.object({ id: Id.optional() }).strict(), OpenTicketsResultSchema),
  openTicket: defineCall(OpenTicketInputSchema, OpenTicketResultSchema),
};

export const connectorEvents = {
  onDidChangeConnections: defineEvent(z.array(ConnectionSummarySchema)),
  /** A copied ticket URL could not be loaded: the panel says why instead of staying silent. */
  onDidFailTicketLoad: defineEvent(z.object({ message: z.string() })),
};
