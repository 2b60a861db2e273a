import type { TandemEvent } from '../../src/shared/domain/events';
import { shopifyHandler, zendeskHandler } from '../unit/connectors/connection-fixtures';
import { startServer, type FakeServer } from '../unit/connectors/fake-server';
import { expect, test, type Harness } from './harness/fixtures';

let zendesk: FakeServer;
let shopify: FakeServer;

test.beforeEach(async () => {
  zendesk = await startServer(zendeskHandler);
  shopify = await startServer(shopifyHandler);
});
test.afterEach(async () => {
  await Promise.all([zendesk.close(), shopify.close()]);
});

async function recorded(harness: Harness, type: TandemEvent['type']): Promise<TandemEvent[]> {
  return (await harness.core.events.listEvents({}, { types: [type], limit: 50 })).events;
}

test.describe('helpdesk connectors', () => {
  test('a copied Zendesk ticket URL loads the ticket with its Shopify context; Accept posts an internal note', async ({
    page,
    harness,
  }) => {
    const connections = harness.core.connectors.connections;
    await connections.save({
      kind: 'zendesk',
      name: 'Acme Zendesk',
      baseUrl: zendesk.url,
      credentials: { email: 'dana@acme.com', token: 'zd-token' },
    });
    await connections.save({
      kind: 'shopify',
      baseUrl: shopify.url,
      credentials: { accessToken: 'shpat_x' },
    });
    await harness.open();

    harness.clipboard.writeText(`${zendesk.url}/agent/tickets/35436`);
    await expect(page.getByTestId('source-badge')).toHaveText(/^Ticket\b/);
    await expect(page.getByTestId('customer-text')).toContainText('Order #1002 was promised for last week');
    await expect(page.getByTestId('ticket-customer')).toHaveText('Jo Customer');
    await expect(page.getByTestId('ticket-context')).toContainText('14 orders');
    await expect(page.getByTestId('ticket-order')).toContainText('Order #1002');
    // The URL itself was never analysed as a customer message.
    expect(harness.core.assist.runtime.service.state?.text).not.toContain('/agent/tickets/');

    await expect(page.getByTestId('suggestion-1')).toBeVisible();
    await page.getByRole('radio', { name: 'Post note' }).check();
    const state = harness.core.assist.runtime.service.state!;
    const index = state.suggestions.findIndex((s) => s.policy.verdict !== 'block' && !s.incomplete);
    expect(index).toBeGreaterThanOrEqual(0);
    const chosen = state.suggestions[index]!;
    await page
      .getByTestId(`suggestion-${index + 1}`)
      .getByRole('button', { name: /^Accept/ })
      .click();
    await expect(page.getByTestId('assist-status')).toContainText('Posted as an internal note');
    await page.screenshot({ path: 'test-results/connectors-ticket.png' });

    const put = zendesk.requests.find((r) => r.method === 'PUT');
    expect(put).toMatchObject({
      path: '/api/v2/tickets/35436.json',
      json: { ticket: { comment: { body: chosen.text, public: false } } },
    });
    await expect.poll(async () => (await recorded(harness, 'suggestion_accepted')).length).toBe(1);
    expect((await recorded(harness, 'suggestion_accepted'))[0]).toMatchObject({
      delivery: 'internal_note',
      source: 'ticket',
    });
    // The clipboard still holds the URL: posting to the ticket does not copy.
    expect(harness.clipboard.readText()).toBe(`${zendesk.url}/agent/tickets/35436`);
  });

  test('a refused post shows the helpdesk reason and keeps the message on screen', async ({
    page,
    harness,
  }) => {
    await zendesk.close();
    zendesk = await startServer((req) =>
      req.method === 'PUT'
        ? { status: 403, json: { error: 'Forbidden', description: 'You do not have access to this ticket' } }
        : zendeskHandler(req),
    );
    await harness.core.connectors.connections.save({
      kind: 'zendesk',
      baseUrl: zendesk.url,
      credentials: { email: 'dana@acme.com', token: 'zd-token' },
    });
    await harness.core.connectors.connections.save({
      kind: 'shopify',
      baseUrl: shopify.url,
      credentials: { accessToken: 'shpat_x' },
    });
    await harness.open();
    harness.clipboard.writeText(`${zendesk.url}/agent/tickets/35436`);
    await expect(page.getByTestId('source-badge')).toHaveText(/^Ticket\b/);
    await expect(page.getByTestId('suggestion-1')).toBeVisible();
    await page.getByRole('radio', { name: 'Post reply' }).check();
    const state = harness.core.assist.runtime.service.state!;
    const index = state.suggestions.findIndex((s) => s.policy.verdict !== 'block' && !s.incomplete);
    expect(index).toBeGreaterThanOrEqual(0);
    await page
      .getByTestId(`suggestion-${index + 1}`)
      .getByRole('button', { name: /^Accept/ })
      .click();
    await expect(page.getByTestId('assist-status')).toContainText('Not posted');
    await expect(page.getByTestId('customer-text')).toBeVisible();
  });
});
