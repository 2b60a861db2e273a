import { describe, expect, it } from 'vitest';
import { ConnectionConfigSchema } from '../../../src/shared/domain/connectors';
import {
  createHelpdeskConnector,
  createStoreConnector,
  matchTicketUrl,
  resolveBaseUrl,
} from '../../../src/main/connectors/create-connector';

const runtime = { getSecret: async () => null };

describe('connection config', () => {
  it('names secrets, never holds their values, and validates the subdomain', () => {
    const ok = ConnectionConfigSchema.safeParse({
      kind: 'freshdesk',
      subdomain: 'acme',
      apiKeySecret: 'connections.freshdesk.key',
    });
    expect(ok.success).toBe(true);
    expect(
      ConnectionConfigSchema.safeParse({
        kind: 'freshdesk',
        subdomain: 'acme.freshdesk.com',
        apiKeySecret: 'x',
      }).success,
    ).toBe(false);
    expect(
      ConnectionConfigSchema.safeParse({
        kind: 'zendesk',
        baseUrl: 'not a url',
        auth: { type: 'oauth', tokenSecret: 'x' },
      }).success,
    ).toBe(false);
  });

  it('resolves vendor hosts from a subdomain or a base URL', () => {
    expect(
      resolveBaseUrl({ kind: 'zendesk', subdomain: 'acme', auth: { type: 'oauth', tokenSecret: 't' } }),
    ).toBe('https://acme.zendesk.com');
    expect(resolveBaseUrl({ kind: 'gorgias', subdomain: 'acme', emailSecret: 'e', apiKeySecret: 'k' })).toBe(
      'https://acme.gorgias.com',
    );
    expect(resolveBaseUrl({ kind: 'shopify', subdomain: 'acme', accessTokenSecret: 't' })).toBe(
      'https://acme.myshopify.com',
    );
    expect(resolveBaseUrl({ kind: 'helpscout', clientIdSecret: 'i', clientSecretSecret: 's' })).toBe(
      'https://api.helpscout.net',
    );
    expect(resolveBaseUrl({ kind: 'freshdesk', baseUrl: 'http://127.0.0.1:8080/', apiKeySecret: 'k' })).toBe(
      'http://127.0.0.1:8080',
    );
    expect(() => resolveBaseUrl({ kind: 'freshdesk', apiKeySecret: 'k' })).toThrow(/subdomain or base URL/);
  });

  it('routes a copied ticket URL to the helpdesk that owns it', () => {
    const connectors = [
      createHelpdeskConnector(
        { kind: 'zendesk', subdomain: 'acme', auth: { type: 'oauth', tokenSecret: 't' } },
        runtime,
      ),
      createHelpdeskConnector({ kind: 'helpscout', clientIdSecret: 'i', clientSecretSecret: 's' }, runtime),
    ];
    expect(matchTicketUrl(connectors, 'https://secure.helpscout.net/conversation/88/3')).toMatchObject({
      kind: 'helpscout',
      id: '88',
    });
    expect(matchTicketUrl(connectors, 'https://acme.zendesk.com/agent/tickets/5')).toMatchObject({
      kind: 'zendesk',
      id: '5',
    });
    expect(matchTicketUrl(connectors, 'https://example.com/tickets/5')).toBeNull();
  });

  it('keeps stores and helpdesks apart', () => {
    expect(() =>
      createStoreConnector({ kind: 'freshdesk', subdomain: 'a', apiKeySecret: 'k' }, runtime),
    ).toThrow(/helpdesk, not a store/);
    expect(() =>
      createHelpdeskConnector({ kind: 'shopify', subdomain: 'a', accessTokenSecret: 't' }, runtime),
    ).toThrow(/store, not a helpdesk/);
  });
});
