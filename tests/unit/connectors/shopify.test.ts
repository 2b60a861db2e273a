import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SHOPIFY_API_VERSION, ShopifyConnector } from '../../../src/main/connectors/shopify';
import { fakeTiming, secrets, startServer, type FakeServer, type Handler } from './fake-server';

const ORDERS = JSON.parse(readFileSync('tests/fixtures/connectors/shopify-orders.json', 'utf8')) as unknown;
const PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
const CUSTOMERS = {
  data: {
    customers: {
      nodes: [
        {
          id: 'gid://shopify/Customer/207119551',
          displayName: 'Jo Customer',
          firstName: 'Jo',
          email: 'jo@example.com',
          amountSpent: { amount: '1843.20', currencyCode: 'EUR' },
          numberOfOrders: '14',
          tags: ['vip', 'newsletter'],
          emailMarketingConsent: { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' },
        },
      ],
    },
  },
  extensions: {
    cost: {
      requestedQueryCost: 7,
      actualQueryCost: 3,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1997, restoreRate: 100 },
    },
  },
};

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connector(handler: Handler) {
  server = await startServer(handler);
  const timing = fakeTiming();
  const shopify = new ShopifyConnector(
    {
      baseUrl: server.url,
      getSecret: secrets({ SHOP_TOKEN: 'shpat_secret' }),
      timing,
      random: () => 0.5,
      maxRetries: 2,
      timeoutMs: 5000,
    },
    'SHOP_TOKEN',
  );
  return { shopify, server, timing };
}

describe('Shopify connector', () => {
  it('finds a customer by e-mail with lifetime value, orders count, tags and consent', async () => {
    const { shopify, server } = await connector(() => ({ json: CUSTOMERS }));
    const found = await shopify.findCustomerByEmail(' Jo@Example.com ');
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: PATH });
    expect(req!.headers['x-shopify-access-token']).toBe('shpat_secret');
    expect((req!.json as { variables: unknown }).variables).toEqual({ query: 'email:"jo@example.com"' });
    expect((req!.json as { query: string }).query).toMatch(
      /customers\(first: 5, query: \$query\)[\s\S]*amountSpent[\s\S]*numberOfOrders[\s\S]*emailMarketingConsent/,
    );
    expect(found).toEqual({
      id: 'gid://shopify/Customer/207119551',
      customer: {
        name: 'Jo Customer',
        firstName: 'Jo',
        email: 'jo@example.com',
        lifetimeValue: 1843.2,
        ordersCount: 14,
        tags: ['vip', 'newsletter'],
        marketingConsent: true,
      },
    });
  });

  it('returns null when the store has no exact match', async () => {
    const { shopify } = await connector(() => ({
      json: {
        data: {
          customers: { nodes: [{ ...CUSTOMERS.data.customers.nodes[0], email: 'jo.other@example.com' }] },
        },
      },
    }));
    expect(await shopify.findCustomerByEmail('jo@example.com')).toBeNull();
  });

  it('maps recent orders: status, payment, fulfilment tracking, dates and totals', async () => {
    const { shopify, server } = await connector(() => ({ json: ORDERS }));
    const orders = await shopify.getRecentOrders('gid://shopify/Customer/207119551');
    expect((server.requests[0]!.json as { variables: unknown }).variables).toEqual({
      id: 'gid://shopify/Customer/207119551',
      first: 10,
    });
    expect(orders).toEqual([
      {
        number: '#1003',
        status: 'unfulfilled',
        placedAt: '2026-11-18T09:00:05Z',
        total: 59,
        currency: 'EUR',
        items: [{ title: 'Linen throw', quantity: 1, sku: 'LT-01' }],
        paymentStatus: 'failed',
      },
      {
        number: '#1002',
        status: 'in_transit',
        placedAt: '2026-11-10T09:00:05Z',
        shippedAt: '2026-11-12T08:00:00Z',
        promisedBy: '2026-11-15T18:00:00Z',
        carrier: 'DHL Express',
        trackingNumber: 'JD014600006281230704',
        trackingUrl: 'https://www.dhl.com/track?n=JD014600006281230704',
        total: 129.5,
        currency: 'EUR',
        items: [{ title: 'Stoneware mug', quantity: 2, sku: 'MUG-02' }],
        paymentStatus: 'paid',
      },
    ]);
  });

  it('waits for the cost bucket to refill when THROTTLED, then retries', async () => {
    let calls = 0;
    const { shopify, timing } = await connector(() =>
      ++calls === 1
        ? {
            json: {
              errors: [
                {
                  message: 'Throttled',
                  extensions: {
                    code: 'THROTTLED',
                    documentation: 'https://shopify.dev/api/usage/rate-limits',
                  },
                },
              ],
              extensions: {
                cost: {
                  requestedQueryCost: 752,
                  actualQueryCost: null,
                  throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 666, restoreRate: 50 },
                },
              },
            },
          }
        : { json: CUSTOMERS },
    );
    expect(await shopify.findCustomerByEmail('jo@example.com')).not.toBeNull();
    expect(timing.sleeps).toEqual([1720]);
  });

  it('names the missing access scope on ACCESS_DENIED', async () => {
    const { shopify } = await connector(() => ({
      json: {
        data: { customers: null },
        errors: [
          {
            message: 'Access denied for customers field. Required access: `read_customers` access scope.',
            path: ['customers'],
            extensions: {
              code: 'ACCESS_DENIED',
              documentation: 'https://shopify.dev/api/usage/access-scopes',
              requiredAccess: '`read_customers` access scope.',
            },
          },
        ],
      },
    }));
    await expect(shopify.findCustomerByEmail('jo@example.com')).rejects.toMatchObject({
      code: 'forbidden',
      message:
        'Shopify refused access. It needs the "read_customers" permission (scope). Re-authenticate with a token that has it.',
      details: { scope: 'read_customers' },
    });
  });

  it('treats an invalid token as re-authenticate', async () => {
    const { shopify } = await connector(() => ({
      status: 401,
      json: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
    }));
    expect(await shopify.testConnection()).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('tests the connection with the shop name', async () => {
    const { shopify } = await connector(() => ({ json: { data: { shop: { name: 'Lumen & Loom' } } } }));
    expect(await shopify.testConnection()).toEqual({
      ok: true,
      message: 'Connected to the Shopify store Lumen & Loom.',
    });
  });
});
