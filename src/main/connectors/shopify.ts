import type { z } from 'zod';
import type { OrderContext } from '../../shared/domain/context';
import type { StoreConnector, StoreCustomer } from '../../shared/domain/connectors';
import { createHttpClient, requireSecret, toTestResult } from './base';
import type { HttpClient } from './http/client';
import { ConnectorError } from './http/errors';
import { realTiming, type Timing } from './http/rate-budget';
import type { ConnectorCommonOptions } from './schemas';
import { mapShopifyOrder } from './shopify-map';
import {
  CUSTOMER_BY_EMAIL_QUERY,
  CustomersData,
  GraphQlEnvelope,
  OrdersData,
  RECENT_ORDERS_QUERY,
  SHOP_QUERY,
} from './shopify-queries';

const VENDOR = 'Shopify';
/** A stable, dated Admin API version; settings can override it per connection when Shopify retires it. */
export const SHOPIFY_API_VERSION = '2025-10';

/**
 * Shopify Admin GraphQL API: customer by e-mail and their recent orders. Auth with the
 * `X-Shopify-Access-Token` header. Throttling is cost-based: a THROTTLED error is retried after the time
 * the bucket needs to refill (`extensions.cost.throttleStatus`), and ACCESS_DENIED names the missing scope.
 */
export class ShopifyConnector implements StoreConnector {
  readonly kind = 'shopify' as const;
  private readonly http: HttpClient;
  private readonly timing: Timing;

  constructor(
    private readonly common: ConnectorCommonOptions,
    accessTokenSecret: string,
    private readonly options: { apiVersion?: string; ordersCount?: number } = {},
  ) {
    this.timing = common.timing ?? realTiming;
    this.http = createHttpClient(common, VENDOR, async () => ({
      'x-shopify-access-token': await requireSecret(
        common.getSecret,
        accessTokenSecret,
        VENDOR,
        'Admin API access token',
      ),
    }));
  }

  testConnection(signal?: AbortSignal) {
    return toTestResult(VENDOR, async () => {
      const data = await this.query(SHOP_QUERY, {}, (d) => d as { shop?: { name?: string } }, signal);
      return `Connected to the Shopify store ${data.shop?.name ?? ''}`.trim() + '.';
    });
  }

  async findCustomerByEmail(email: string, signal?: AbortSignal): Promise<StoreCustomer | null> {
    const wanted = email.trim().toLowerCase();
    if (!/^[^\s@"\\]+@[^\s@"\\]+$/.test(wanted)) return null;
    const data = await this.query(
      CUSTOMER_BY_EMAIL_QUERY,
      { query: `email:"${wanted}"` },
      (d) => parse(CustomersData, d),
      signal,
    );
    const node = data.customers.nodes.find((n) => n.email?.toLowerCase() === wanted);
    if (!node) return null;
    return {
      id: node.id,
      customer: {
        name: node.displayName,
        firstName: node.firstName,
        email: node.email,
        lifetimeValue:
          node.amountSpent && Number.isFinite(node.amountSpent.amount)
            ? Math.max(0, node.amountSpent.amount)
            : undefined,
        ordersCount:
          node.numberOfOrders !== undefined &&
          node.numberOfOrders !== null &&
          Number.isFinite(node.numberOfOrders)
            ? node.numberOfOrders
            : undefined,
        tags: node.tags ?? undefined,
        marketingConsent: node.emailMarketingConsent
          ? node.emailMarketingConsent.marketingState === 'SUBSCRIBED'
          : undefined,
      },
    };
  }

  async getRecentOrders(customerId: string, signal?: AbortSignal): Promise<OrderContext[]> {
    const first = this.options.ordersCount ?? 10;
    const data = await this.query(
      RECENT_ORDERS_QUERY,
      { id: customerId, first },
      (d) => parse(OrdersData, d),
      signal,
    );
    if (!data.customer)
      throw new ConnectorError(
        'not_found',
        'Shopify could not find this customer. They may have been deleted.',
      );
    return data.customer.orders.nodes.map(mapShopifyOrder);
  }

  private get path(): string {
    return `/admin/api/${this.options.apiVersion ?? SHOPIFY_API_VERSION}/graphql.json`;
  }

  private async query<T>(
    query: string,
    variables: Record<string, unknown>,
    read: (data: unknown) => T,
    signal?: AbortSignal,
  ): Promise<T> {
    const maxRetries = this.common.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const { data: envelope } = await this.http.request({
        method: 'POST',
        path: this.path,
        json: { query, variables },
        schema: GraphQlEnvelope,
        idempotent: true,
        signal,
      });
      const errors = envelope.errors ?? [];
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        if (attempt >= maxRetries)
          throw new ConnectorError(
            'rate_limited',
            'Shopify is limiting requests right now. Try again in a few seconds.',
          );
        await this.timing.sleep(throttleWaitMs(envelope), signal).catch(() => {
          throw new ConnectorError('cancelled', 'The request was cancelled.');
        });
        continue;
      }
      const denied = errors.find((e) => e.extensions?.code === 'ACCESS_DENIED');
      if (denied) {
        const scope = `${denied.extensions?.requiredAccess ?? ''} ${denied.message}`.match(
          /\b((?:read|write)_[a-z_]+)/,
        )?.[1];
        const why = scope ? ` It needs the "${scope}" permission (scope).` : '';
        throw new ConnectorError(
          'forbidden',
          `Shopify refused access.${why} Re-authenticate with a token that has it.`,
          { scope },
        );
      }
      if (errors.length > 0 && (envelope.data === null || envelope.data === undefined)) {
        throw new ConnectorError(
          'bad_request',
          `Shopify did not accept the query: ${errors[0]!.message.slice(0, 200)}`,
        );
      }
      return read(envelope.data);
    }
  }
}

/** Seconds until the bucket holds the requested cost again, from Shopify's throttle status. */
export function throttleWaitMs(envelope: GraphQlEnvelope): number {
  const cost = envelope.extensions?.cost;
  const status = cost?.throttleStatus;
  if (!status || status.restoreRate <= 0) return 1000;
  const needed = Math.max(0, (cost?.requestedQueryCost ?? 50) - status.currentlyAvailable);
  return Math.min(30_000, Math.max(250, Math.ceil((needed / status.restoreRate) * 1000)));
}

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConnectorError(
      'bad_response',
      `Shopify sent data in an unexpected shape${issue ? ` (at ${issue.path.join('.')})` : ''}.`,
    );
  }
  return result.data;
}
