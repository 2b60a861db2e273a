import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type {
  ConnectionInput,
  ConnectionSummary,
  CredentialField,
  OpenTicketsResult,
} from '../../shared/contract/connectors';
import {
  ConnectionConfigSchema,
  type ConnectionConfig,
  type HelpdeskConnector,
  type StoreConnector,
  type TestConnectionResult,
  type Ticket,
} from '../../shared/domain/connectors';
import { AppError, type ErrorCode } from '../../shared/ipc/result';
import type { SecretStore } from '../ports/secret-store';
import { readFileIfExists, writeFileAtomic } from '../settings/atomic-file';
import {
  createHelpdeskConnector,
  createStoreConnector,
  resolveBaseUrl,
  type ConnectorRuntimeOptions,
} from './create-connector';
import { toConnectorError } from './http/errors';
import { buildTicketContext, type TicketContext } from './ticket-context';

const StoredConnectionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/i),
  name: z.string(),
  config: ConnectionConfigSchema,
});
type StoredConnection = z.infer<typeof StoredConnectionSchema>;

const FileSchema = z.object({ version: z.literal(1), connections: z.array(StoredConnectionSchema) });

/** The file in the user-data folder; it names keychain entries and never holds a credential. */
export const CONNECTIONS_FILE = 'connections.json';

/** Credential fields per kind, in the order Settings shows them. */
export function credentialFields(
  kind: ConnectionInput['kind'],
  zendeskAuth?: 'token' | 'oauth',
): CredentialField[] {
  switch (kind) {
    case 'zendesk':
      return zendeskAuth === 'oauth' ? ['token'] : ['email', 'token'];
    case 'freshdesk':
      return ['apiKey'];
    case 'gorgias':
      return ['email', 'apiKey'];
    case 'helpscout':
      return ['clientId', 'clientSecret'];
    case 'shopify':
      return ['accessToken'];
  }
}

/** Keychain entry name for one credential of one connection. */
export const secretNameFor = (id: string, field: CredentialField): string => `connection.${id}.${field}`;

function configFor(input: ConnectionInput, id: string): ConnectionConfig {
  const s = (field: CredentialField) => secretNameFor(id, field);
  const location = {
    ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
    ...(input.subdomain && input.kind !== 'helpscout' ? { subdomain: input.subdomain } : {}),
  };
  const raw: unknown = (() => {
    switch (input.kind) {
      case 'zendesk':
        return {
          kind: 'zendesk',
          ...location,
          auth:
            input.zendeskAuth === 'oauth'
              ? { type: 'oauth', tokenSecret: s('token') }
              : { type: 'token', emailSecret: s('email'), tokenSecret: s('token') },
        };
      case 'freshdesk':
        return { kind: 'freshdesk', ...location, apiKeySecret: s('apiKey') };
      case 'gorgias':
        return { kind: 'gorgias', ...location, emailSecret: s('email'), apiKeySecret: s('apiKey') };
      case 'helpscout':
        return {
          kind: 'helpscout',
          ...location,
          clientIdSecret: s('clientId'),
          clientSecretSecret: s('clientSecret'),
        };
      case 'shopify':
        return {
          kind: 'shopify',
          ...location,
          accessTokenSecret: s('accessToken'),
          ...(input.apiVersion ? { apiVersion: input.apiVersion } : {}),
        };
    }
  })();
  const parsed = ConnectionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid_payload',
      `Check the ${issue?.path.join('.') || 'connection'}: ${issue?.message}`,
    );
  }
  // Fails early with the plain-words reason when neither a subdomain nor a base URL was given.
  try {
    resolveBaseUrl(parsed.data);
  } catch (error) {
    throw new AppError('invalid_payload', toConnectorError(error, 'The connection').message);
  }
  return parsed.data;
}

export interface ConnectionServiceOptions {
  userDataDir: string;
  secrets: SecretStore;
  /** Timeouts, fetch and timing for the connectors (tests shrink them). */
  runtime?: Omit<ConnectorRuntimeOptions, 'getSecret'>;
  onError?: (message: string) => void;
}

/**
 * The saved helpdesk and store connections: a small JSON file written atomically (so a crash never
 * leaves half a list) plus one keychain entry per credential. Builds connectors on demand so a
 * changed credential is used by the next request.
 */
export class ConnectionService {
  private connections: StoredConnection[] = [];
  private readonly listeners = new Set<(list: ConnectionSummary[]) => void>();
  private readonly path: string;
  private readonly helpdesks = new Map<string, HelpdeskConnector>();
  private store: StoreConnector | null | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConnectionServiceOptions) {
    this.path = join(options.userDataDir, CONNECTIONS_FILE);
  }

  /** Reads the file; a corrupt one is reported and treated as empty rather than stopping the app. */
  async load(): Promise<void> {
    const raw = await readFileIfExists(this.path);
    if (!raw) return;
    try {
      this.connections = FileSchema.parse(JSON.parse(raw.toString('utf8'))).connections;
    } catch {
      this.options.onError?.('The saved helpdesk connections could not be read; add them again in Settings.');
      this.connections = [];
    }
  }

  list(): ConnectionSummary[] {
    return this.connections.map((c) => this.summary(c));
  }

  async save(input: ConnectionInput): Promise<ConnectionSummary> {
    const existing = input.id ? this.connections.find((c) => c.id === input.id) : undefined;
    if (input.id && !existing) throw new AppError('not_found', 'That connection no longer exists.');
    const id = existing?.id ?? randomUUID().slice(0, 8);
    const config = configFor(input, id);
    for (const field of credentialFields(input.kind, input.zendeskAuth)) {
      const value = input.credentials?.[field]?.trim();
      if (value) await this.options.secrets.set(secretNameFor(id, field), value);
    }
    const stored: StoredConnection = { id, name: input.name?.trim() || defaultName(config), config };
    this.connections = existing
      ? this.connections.map((c) => (c.id === id ? stored : c))
      : [...this.connections, stored];
    this.forget(id);
    await this.persist();
    return this.summary(stored);
  }

  async remove(id: string): Promise<ConnectionSummary[]> {
    const existing = this.connections.find((c) => c.id === id);
    if (!existing) return this.list();
    this.connections = this.connections.filter((c) => c.id !== id);
    this.forget(id);
    for (const field of CREDENTIAL_FIELDS) await this.options.secrets.delete(secretNameFor(id, field));
    await this.persist();
    return this.list();
  }

  async test(id: string): Promise<TestConnectionResult> {
    const c = this.require(id);
    try {
      return c.config.kind === 'shopify'
        ? await this.storeFor(c).testConnection()
        : await this.helpdesk(id).testConnection();
    } catch (error) {
      const e = toConnectorError(error, displayKind(c.config.kind));
      return { ok: false, message: e.message, code: e.code };
    }
  }

  async listMyOpenTickets(id?: string): Promise<OpenTicketsResult> {
    const targets = this.connections.filter((c) => c.config.kind !== 'shopify' && (!id || c.id === id));
    if (id && targets.length === 0)
      throw new AppError('not_found', 'That helpdesk connection no longer exists.');
    const result: OpenTicketsResult = { tickets: [], errors: [] };
    await Promise.all(
      targets.map(async (c) => {
        try {
          const connector = this.helpdesk(c.id);
          const tickets = await connector.listMyOpenTickets();
          for (const t of tickets)
            result.tickets.push({ ...t, connectionId: c.id, connectionName: c.name, kind: connector.kind });
        } catch (error) {
          result.errors.push({ connectionId: c.id, message: toConnectorError(error, c.name).message });
        }
      }),
    );
    result.tickets.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    return result;
  }

  /** The connection whose helpdesk recognises this URL as one of its tickets, or null. */
  resolveTicketUrl(url: string): { connectionId: string; ticketId: string } | null {
    for (const c of this.connections) {
      if (c.config.kind === 'shopify') continue;
      const ticketId = this.helpdesk(c.id).ticketIdFromUrl(url);
      if (ticketId) return { connectionId: c.id, ticketId };
    }
    return null;
  }

  /** The ticket and, when a store is connected, the customer's value and orders. */
  async loadTicket(
    connectionId: string,
    ticketId: string,
  ): Promise<{ ticket: Ticket; context: TicketContext }> {
    const c = this.require(connectionId);
    if (c.config.kind === 'shopify')
      throw new AppError('invalid_payload', 'A store connection has no tickets.');
    let ticket: Ticket;
    try {
      ticket = await this.helpdesk(connectionId).getTicket(ticketId);
    } catch (error) {
      throw toAppError(error, c.name);
    }
    const storeConnection = this.connections.find((s) => s.config.kind === 'shopify');
    const store = storeConnection ? this.storeFor(storeConnection) : null;
    return { ticket, context: await buildTicketContext(ticket, store) };
  }

  /** Posts the accepted text; a failure throws with the helpdesk's reason in plain words. */
  async post(connectionId: string, ticketId: string, text: string, asInternalNote: boolean): Promise<void> {
    const c = this.require(connectionId);
    let result;
    try {
      result = await this.helpdesk(connectionId).postReply(ticketId, text, { asInternalNote });
    } catch (error) {
      throw toAppError(error, c.name, 'Not posted: ');
    }
    if (!result.ok) throw new AppError(codeFor(result.code), `Not posted: ${result.message}`);
  }

  onDidChange(listener: (list: ConnectionSummary[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Host names of the connected helpdesks and store, for the external-link allow-list. */
  hosts(): string[] {
    const hosts: string[] = [];
    for (const c of this.connections) {
      try {
        hosts.push(new URL(resolveBaseUrl(c.config)).hostname);
      } catch {
        /* an unusable base URL adds no host */
      }
    }
    return hosts;
  }

  private helpdesk(id: string): HelpdeskConnector {
    let connector = this.helpdesks.get(id);
    if (!connector) {
      connector = createHelpdeskConnector(this.require(id).config, this.runtime());
      this.helpdesks.set(id, connector);
    }
    return connector;
  }

  private storeFor(c: StoredConnection): StoreConnector {
    if (!this.store) this.store = createStoreConnector(c.config, this.runtime());
    return this.store;
  }

  private runtime(): ConnectorRuntimeOptions {
    return { ...this.options.runtime, getSecret: (name) => this.options.secrets.get(name) };
  }

  private forget(id: string): void {
    this.helpdesks.delete(id);
    this.store = undefined;
  }

  private require(id: string): StoredConnection {
    const c = this.connections.find((x) => x.id === id);
    if (!c) throw new AppError('not_found', 'That connection no longer exists.');
    return c;
  }

  private summary(c: StoredConnection): ConnectionSummary {
    const config = c.config;
    const zendeskAuth = config.kind === 'zendesk' ? config.auth.type : undefined;
    return {
      id: c.id,
      name: c.name,
      kind: config.kind,
      ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      ...('subdomain' in config && config.subdomain ? { subdomain: config.subdomain } : {}),
      ...(zendeskAuth ? { zendeskAuth } : {}),
      ...(config.kind === 'shopify' && config.apiVersion ? { apiVersion: config.apiVersion } : {}),
      credentials: credentialFields(config.kind, zendeskAuth).map((field) => ({
        field,
        isSet: this.secretSet.get(secretNameFor(c.id, field)) ?? false,
      })),
    };
  }

  /** Which credentials are set, refreshed after each write so summaries stay synchronous. */
  private readonly secretSet = new Map<string, boolean>();

  /** Call after load so summaries know which credentials exist. */
  async refreshSecretStatus(): Promise<void> {
    this.secretSet.clear();
    for (const c of this.connections)
      for (const field of CREDENTIAL_FIELDS) {
        const name = secretNameFor(c.id, field);
        const value = await this.options.secrets.get(name);
        this.secretSet.set(name, value !== null && value !== '');
      }
  }

  private async persist(): Promise<void> {
    await this.refreshSecretStatus();
    const data = JSON.stringify({ version: 1, connections: this.connections }, null, 2);
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => writeFileAtomic(this.path, data, { mode: 0o600 }));
    await this.writing;
    const list = this.list();
    for (const listener of [...this.listeners]) listener(list);
  }
}

const CREDENTIAL_FIELDS: readonly CredentialField[] = [
  'email',
  'token',
  'apiKey',
  'clientId',
  'clientSecret',
  'accessToken',
];

function displayKind(kind: ConnectionConfig['kind']): string {
  return {
    zendesk: 'Zendesk',
    freshdesk: 'Freshdesk',
    gorgias: 'Gorgias',
    helpscout: 'Help Scout',
    shopify: 'Shopify',
  }[kind];
}

function defaultName(config: ConnectionConfig): string {
  const where = config.baseUrl ?? ('subdomain' in config ? config.subdomain : undefined);
  return where ? `${displayKind(config.kind)} (${where})` : displayKind(config.kind);
}

function codeFor(code: string): ErrorCode {
  if (code === 'unauthorized' || code === 'forbidden') return 'auth_failed';
  if (code === 'rate_limited' || code === 'timeout' || code === 'not_found' || code === 'cancelled')
    return code;
  return 'unavailable';
}

/** Connector failures cross IPC as AppErrors so the panel shows the plain-words reason. */
function toAppError(error: unknown, vendor: string, prefix = ''): AppError {
  if (error instanceof AppError) return error;
  const e = toConnectorError(error, vendor);
  return new AppError(codeFor(e.code), `${prefix}${e.message}`);
}
