import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  test('Settings adds a connection with password fields, tests it in plain words and never shows the token', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Connections' });
    await section.getByRole('button', { name: 'Add connection' }).click();
    await section.getByRole('textbox', { name: 'Or base URL' }).fill(zendesk.url);
    await section.getByRole('textbox', { name: 'Agent e-mail' }).fill('dana@acme.com');
    const token = section.getByRole('textbox', { name: 'API token' });
    await expect(token).toHaveAttribute('type', 'password');
    await token.fill('zd-token');
    await section.getByRole('button', { name: 'Save connection' }).click();
    await expect(section.getByTestId('connections-list')).toContainText('credentials set');
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect(section.getByTestId('connection-test-result')).toContainText('Dana Agent');
    expect(zendesk.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v2/users/me.json' });

    const saved = await readFile(join(harness.userDataDir, 'connections.json'), 'utf8');
    expect(saved).not.toContain('zd-token');
    expect(await page.content()).not.toContain('zd-token');
    const [summary] = harness.core.connectors.connections.list();
    expect(await harness.secrets.get(`connection.${summary!.id}.token`)).toBe('zd-token');

    // Editing shows empty credential fields; saving without them keeps the stored token.
    await section.getByRole('button', { name: 'Edit' }).click();
    await expect(section.getByRole('textbox', { name: 'API token' })).toHaveValue('');
    await section.getByRole('button', { name: 'Save connection' }).click();
    await expect(section.getByRole('button', { name: 'Add connection' })).toBeVisible();
    expect(await harness.secrets.get(`connection.${summary!.id}.token`)).toBe('zd-token');
    await page.screenshot({ path: 'test-results/connectors-settings.png' });

    await section.getByRole('button', { name: 'Remove' }).click();
    await expect(section.getByTestId('connections-list')).not.toContainText('Zendesk');
    expect(await harness.secrets.get(`connection.${summary!.id}.token`)).toBeNull();
  });
});
