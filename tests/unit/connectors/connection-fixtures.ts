import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOPIFY_API_VERSION } from '../../../src/main/connectors/shopify';
import type { Handler } from './fake-server';

const FIXTURES = join(__dirname, '../../fixtures/connectors');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** Zendesk ticket 35436 (Jo Customer, order #1002) across two comment pages; PUT accepts a comment. */
export const zendeskHandler: Handler = (req) => {
  if (req.method === 'PUT' && req.path === '/api/v2/tickets/35436.json')
    return { json: { ticket: { id: 35436 }, audit: { id: 9, events: [{ id: 5551, type: 'Comment' }] } } };
  if (req.path === '/api/v2/tickets/35436.json') return { json: fixture('zendesk-ticket.json') };
  if (req.path === '/api/v2/tickets/35436/comments.json')
    return {
      json: fixture(
        req.query['page[after]'] === 'xxx-page-2'
          ? 'zendesk-comments-page2.json'
          : 'zendesk-comments-page1.json',
      ),
    };
  if (req.path === '/api/v2/users/me.json')
    return { json: { user: { id: 235323, name: 'Dana Agent', email: 'dana@acme.com', role: 'agent' } } };
  return { status: 404, json: { error: 'InvalidEndpoint' } };
};

/** The Shopify customer Jo (1,843.20 EUR over 14 orders) and her recent orders. */
export const SHOPIFY_CUSTOMERS = {
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
};

export const SHOPIFY_PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;

export const shopifyHandler: Handler = (req) => {
  if (req.method !== 'POST' || req.path !== SHOPIFY_PATH)
    return { status: 404, json: { errors: 'Not Found' } };
  const query = (req.json as { query?: string } | undefined)?.query ?? '';
  return { json: /customers\(/.test(query) ? SHOPIFY_CUSTOMERS : fixture('shopify-orders.json') };
};
