import type {
  ConnectionConfig,
  HelpdeskConnector,
  HelpdeskKind,
  StoreConnector,
} from '../../shared/domain/connectors';
import { FreshdeskConnector } from './freshdesk';
import { GorgiasConnector } from './gorgias';
import { HelpScoutConnector } from './helpscout';
import { ConnectorError } from './http/errors';
import type { ConnectorCommonOptions } from './schemas';
import { ShopifyConnector } from './shopify';
import { ZendeskConnector } from './zendesk';

const VENDOR_DOMAIN: Record<ConnectionConfig['kind'], string | null> = {
  zendesk: 'zendesk.com',
  freshdesk: 'freshdesk.com',
  gorgias: 'gorgias.com',
  helpscout: null,
  shopify: 'myshopify.com',
};

/** Settings accept either a subdomain ("acme") or a full base URL (self-hosted proxies, test servers). */
export function resolveBaseUrl(config: ConnectionConfig): string {
  if (config.baseUrl) return config.baseUrl.replace(/\/+$/, '');
  if (config.kind === 'helpscout') return 'https://api.helpscout.net';
  const domain = VENDOR_DOMAIN[config.kind];
  if ('subdomain' in config && config.subdomain && domain) return `https://${config.subdomain}.${domain}`;
  throw new ConnectorError('config', `Enter the ${config.kind} subdomain or base URL in Settings.`);
}

/** Everything but the base URL, which comes from the saved connection. */
export type ConnectorRuntimeOptions = Omit<ConnectorCommonOptions, 'baseUrl'>;

/**
 * One place that turns a saved connection into a connector. Credentials are read through `getSecret`
 * (the SecretStore in the app, environment variables in the CLI) at request time, never stored here.
 */
export function createHelpdeskConnector(
  config: ConnectionConfig,
  runtime: ConnectorRuntimeOptions,
): HelpdeskConnector {
  const common: ConnectorCommonOptions = { ...runtime, baseUrl: resolveBaseUrl(config) };
  switch (config.kind) {
    case 'zendesk':
      return new ZendeskConnector(common, config.auth);
    case 'freshdesk':
      return new FreshdeskConnector(common, config.apiKeySecret);
    case 'gorgias':
      return new GorgiasConnector(common, {
        emailSecret: config.emailSecret,
        apiKeySecret: config.apiKeySecret,
      });
    case 'helpscout':
      return new HelpScoutConnector(common, {
        clientIdSecret: config.clientIdSecret,
        clientSecretSecret: config.clientSecretSecret,
      });
    case 'shopify':
      throw new ConnectorError('config', 'Shopify is a store, not a helpdesk.');
  }
}

/** The store counterpart of createHelpdeskConnector. */
export function createStoreConnector(
  config: ConnectionConfig,
  runtime: ConnectorRuntimeOptions,
): StoreConnector {
  if (config.kind !== 'shopify')
    throw new ConnectorError('config', `${config.kind} is a helpdesk, not a store.`);
  return new ShopifyConnector({ ...runtime, baseUrl: resolveBaseUrl(config) }, config.accessTokenSecret, {
    apiVersion: config.apiVersion,
  });
}

/** Tries each connected helpdesk on a copied URL; the first that recognises it owns the ticket. */
export function matchTicketUrl(
  connectors: HelpdeskConnector[],
  url: string,
): { kind: HelpdeskKind; connector: HelpdeskConnector; id: string } | null {
  for (const connector of connectors) {
    const id = connector.ticketIdFromUrl(url);
    if (id) return { kind: connector.kind, connector, id };
  }
  return null;
}
