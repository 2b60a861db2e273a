import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONNECTIONS_FILE,
  ConnectionService,
  secretNameFor,
} from '../../../src/main/connectors/connection-service';
import { TicketOpener, type TicketMessageForPanel } from '../../../src/main/connectors/ticket-opener';
import { MemorySecretStore } from '../../../src/main/ports/secret-store';
import { AppError } from '../../../src/shared/ipc/result';
import { shopifyHandler, zendeskHandler } from './connection-fixtures';
import { basic, fakeTiming, startServer, type FakeServer } from './fake-server';

let dir: string;
let secrets: MemorySecretStore;
const servers: FakeServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-connections-'));
  secrets = new MemorySecretStore();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

function service(onError?: (message: string) => void): ConnectionService {
  return new ConnectionService({
    userDataDir: dir,
    secrets,
    runtime: { timing: fakeTiming(), random: () => 0.5, timeoutMs: 5000, maxRetries: 1 },
    ...(onError ? { onError } : {}),
  });
}

describe('ConnectionService', () => {
  it('keeps credentials in the SecretStore only: the saved file and the summary hold none', async () => {
    const connections = service();
    const saved = await connections.save({
      kind: 'zendesk',
      subdomain: 'acme',
      credentials: { email: 'dana@acme.com', token: 'zd-secret-token' },
    });
    const file = await readFile(join(dir, CONNECTIONS_FILE), 'utf8');
    expect(file).not.toContain('zd-secret-token');
    expect(file).not.toContain('dana@acme.com');
    expect(JSON.stringify(saved)).not.toContain('zd-secret-token');
    expect(await secrets.get(secretNameFor(saved.id, 'token'))).toBe('zd-secret-token');
    expect(await secrets.get(secretNameFor(saved.id, 'email'))).toBe('dana@acme.com');
    expect(saved).toMatchObject({
      kind: 'zendesk',
      subdomain: 'acme',
      zendeskAuth: 'token',
      credentials: [
        { field: 'email', isSet: true },
        { field: 'token', isSet: true },
      ],
    });

    // An edit without credentials keeps the stored ones; a reload reads the same list back.
    await connections.save({ id: saved.id, kind: 'zendesk', subdomain: 'acme2', name: 'Support' });
    expect(await secrets.get(secretNameFor(saved.id, 'token'))).toBe('zd-secret-token');
    const reloaded = service();
    await reloaded.load();
    await reloaded.refreshSecretStatus();
    expect(reloaded.list()).toEqual([
      expect.objectContaining({ id: saved.id, name: 'Support', subdomain: 'acme2' }),
    ]);
    expect(reloaded.list()[0]!.credentials.every((c) => c.isSet)).toBe(true);

    // Removing a connection removes its secrets too.
    expect(await reloaded.remove(saved.id)).toEqual([]);
    expect(await secrets.get(secretNameFor(saved.id, 'token'))).toBeNull();
    expect(JSON.parse(await readFile(join(dir, CONNECTIONS_FILE), 'utf8'))).toEqual({
      version: 1,
      connections: [],
    });
  });

  it('rejects a connection without a subdomain or base URL with a plain reason', async () => {
    await expect(service().save({ kind: 'freshdesk', credentials: { apiKey: 'k' } })).rejects.toThrow(
      /subdomain or base URL/,
    );
    await expect(service().save({ kind: 'zendesk', subdomain: 'acme.zendesk.com' })).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it('reports a corrupt file and starts with no connections', async () => {
    await writeFile(join(dir, CONNECTIONS_FILE), '{"version":1,"connections":[{"id":');
    const errors: string[] = [];
    const connections = service((m) => errors.push(m));
    await connections.load();
    expect(connections.list()).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/could not be read/)]);
  });

  it('finds the ticket id of a copied URL across the four helpdesks', async () => {
    const connections = service();
    const zd = await connections.save({ kind: 'zendesk', subdomain: 'acme' });
    const fd = await connections.save({ kind: 'freshdesk', subdomain: 'acme' });
    const gg = await connections.save({ kind: 'gorgias', subdomain: 'acme' });
    const hs = await connections.save({ kind: 'helpscout' });
    await connections.save({ kind: 'shopify', subdomain: 'acme-store' });
    expect(connections.resolveTicketUrl('https://acme.zendesk.com/agent/tickets/35436')).toEqual({
      connectionId: zd.id,
      ticketId: '35436',
    });
    expect(connections.resolveTicketUrl('https://acme.freshdesk.com/a/tickets/20')).toEqual({
      connectionId: fd.id,
      ticketId: '20',
    });
    expect(connections.resolveTicketUrl('https://acme.gorgias.com/app/ticket/4242')).toEqual({
      connectionId: gg.id,
      ticketId: '4242',
    });
    expect(
      connections.resolveTicketUrl('https://secure.helpscout.net/conversation/1200/349?folderId=1'),
    ).toEqual({ connectionId: hs.id, ticketId: '1200' });
    expect(connections.resolveTicketUrl('https://example.com/agent/tickets/1')).toBeNull();
    expect(connections.resolveTicketUrl('https://acme.gorgias.com/app/views/1')).toBeNull();
  });

  it('opens a copied ticket URL with its Shopify context and posts the accepted note back', async () => {
    const zendesk = await startServer(zendeskHandler);
    const shopify = await startServer(shopifyHandler);
    servers.push(zendesk, shopify);
    const connections = service();
    const zd = await connections.save({
      kind: 'zendesk',
      baseUrl: zendesk.url,
      credentials: { email: 'dana@acme.com', token: 'zd-token' },
    });
    await connections.save({
      kind: 'shopify',
      baseUrl: shopify.url,
      credentials: { accessToken: 'shpat_x' },
    });
    const received: TicketMessageForPanel[] = [];
    const failures: string[] = [];
    const opener = new TicketOpener({
      connections,
      receive: (m) => received.push(m),
      onDidFail: (m) => failures.push(m),
    });

    expect(opener.handleCopiedText('Hello, where is my parcel?')).toBe(false);
    expect(opener.handleCopiedText('https://example.com/agent/tickets/35436')).toBe(false);
    const result = await opener.open({ url: `${zendesk.url}/agent/tickets/35436` });
    expect(result).toEqual({ connectionId: zd.id, ticketId: '35436', subject: 'Where is my order #1002?' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      source: 'ticket',
      ticketId: '35436',
      text: 'Still nothing. Order #1002 was promised for last week!',
      customer: { name: 'Jo Customer', email: 'jo@example.com', ordersCount: 14 },
      order: { number: '#1002' },
      newThread: true,
    });
    expect(received[0]!.history.length).toBeGreaterThan(0);
    expect(shopify.requests[0]!.headers['x-shopify-access-token']).toBe('shpat_x');

    await opener.post('35436', 'We are checking with the carrier.', true);
    const put = zendesk.requests.find((r) => r.method === 'PUT');
    expect(put).toMatchObject({
      path: '/api/v2/tickets/35436.json',
      json: { ticket: { comment: { body: 'We are checking with the carrier.', public: false } } },
    });
    expect(put!.headers.authorization).toBe(basic('dana@acme.com/token', 'zd-token'));
    expect(failures).toEqual([]);
    await expect(opener.post('999', 'x', false)).rejects.toThrow(/open it again/);
  });

  it('turns a refused post into a plain-words failure and a missing ticket into a clear message', async () => {
    const zendesk = await startServer((req) =>
      req.method === 'PUT'
        ? { status: 403, json: { error: 'Forbidden', description: 'You do not have access' } }
        : { status: 404, json: { error: 'RecordNotFound' } },
    );
    servers.push(zendesk);
    const connections = service();
    const zd = await connections.save({
      kind: 'zendesk',
      baseUrl: zendesk.url,
      credentials: { email: 'dana@acme.com', token: 'zd-token' },
    });
    await expect(connections.loadTicket(zd.id, '77')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/#77 was not found/),
    });
    await expect(connections.post(zd.id, '77', 'hi', false)).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringMatching(/^Not posted: /),
    });
  });
});
