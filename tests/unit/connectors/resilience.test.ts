import { afterEach, describe, expect, it } from 'vitest';
import { FreshdeskConnector } from '../../../src/main/connectors/freshdesk';
import { GorgiasConnector } from '../../../src/main/connectors/gorgias';
import { HelpScoutConnector } from '../../../src/main/connectors/helpscout';
import type { ConnectorCommonOptions } from '../../../src/main/connectors/schemas';
import { ShopifyConnector } from '../../../src/main/connectors/shopify';
import { ZendeskConnector } from '../../../src/main/connectors/zendesk';
import {
  basic,
  fakeTiming,
  HTML_ERROR_PAGE,
  secrets,
  startServer,
  type FakeServer,
  type Handler,
  type Reply,
} from './fake-server';

/**
 * The same failure matrix against every connector's main read, so no vendor is left with a gap:
 * the first matching request gets the failure, later ones succeed (or keep failing for "always" cases).
 */
interface Subject {
  name: string;
  target: RegExp;
  auth: string;
  ok: Handler;
  call: (common: ConnectorCommonOptions) => Promise<unknown>;
}

const SECRETS = secrets({
  E: 'dana@acme.com',
  T: 'SECRET-t',
  K: 'SECRET-k',
  ID: 'id',
  S: 'SECRET-s',
  SHOP: 'SECRET-shop',
});
const SUBJECTS: Subject[] = [
  {
    name: 'zendesk',
    target: /^\/api\/v2\/tickets\/7\.json$/,
    auth: basic('dana@acme.com/token', 'SECRET-t'),
    ok: (r) =>
      r.path.includes('comments')
        ? { json: { comments: [], meta: { has_more: false } } }
        : {
            json: {
              ticket: {
                id: 7,
                subject: 's',
                status: 'open',
                requester_id: 1,
                tags: [],
                updated_at: '2026-11-23T00:00:00Z',
              },
            },
          },
    call: (c) =>
      new ZendeskConnector(c, { type: 'token', emailSecret: 'E', tokenSecret: 'T' }).getTicket('7'),
  },
  {
    name: 'freshdesk',
    target: /^\/api\/v2\/tickets\/7$/,
    auth: basic('SECRET-k', 'X'),
    ok: (r) =>
      r.path.endsWith('conversations')
        ? { json: [] }
        : {
            json: {
              id: 7,
              subject: 's',
              status: 2,
              description_text: 'd',
              created_at: '2026-11-23T00:00:00Z',
              updated_at: '2026-11-23T00:00:00Z',
            },
          },
    call: (c) => new FreshdeskConnector(c, 'K').getTicket('7'),
  },
  {
    name: 'gorgias',
    target: /^\/api\/tickets\/7$/,
    auth: basic('dana@acme.com', 'SECRET-k'),
    ok: (r) =>
      r.path.endsWith('messages')
        ? { json: { data: [], meta: { next_cursor: null } } }
        : { json: { id: 7, subject: 's', status: 'open', updated_datetime: '2026-11-23T00:00:00Z' } },
    call: (c) => new GorgiasConnector(c, { emailSecret: 'E', apiKeySecret: 'K' }).getTicket('7'),
  },
  {
    name: 'helpscout',
    target: /^\/v2\/conversations\/7$/,
    auth: 'Bearer hs-token',
    ok: (r) =>
      r.path.endsWith('threads')
        ? { json: { _embedded: { threads: [] }, page: { number: 1, totalPages: 1, totalElements: 0 } } }
        : { json: { id: 7, subject: 's', status: 'active', createdAt: '2026-11-23T00:00:00Z' } },
    call: (c) => new HelpScoutConnector(c, { clientIdSecret: 'ID', clientSecretSecret: 'S' }).getTicket('7'),
  },
  {
    name: 'shopify',
    target: /graphql\.json$/,
    auth: 'SECRET-shop',
    ok: () => ({ json: { data: { customers: { nodes: [] } } } }),
    call: (c) => new ShopifyConnector(c, 'SHOP').findCustomerByEmail('jo@example.com'),
  },
];

interface Case {
  name: string;
  failure: Reply | 'hang';
  always: boolean;
  expectCode?: string;
  expectMessage?: RegExp;
  expectSleep?: number;
  targetRequests: number;
}

const CASES: Case[] = [
  {
    name: '429 with Retry-After seconds',
    failure: { status: 429, headers: { 'retry-after': '4' } },
    always: false,
    expectSleep: 4000,
    targetRequests: 2,
  },
  {
    name: '429 with Retry-After as an HTTP date',
    failure: { status: 429, headers: { 'retry-after': 'Tue, 24 Nov 2026 12:00:09 GMT' } },
    always: false,
    expectSleep: 9000,
    targetRequests: 2,
  },
  {
    name: '429 without Retry-After (backoff with jitter)',
    failure: { status: 429 },
    always: false,
    expectSleep: 375,
    targetRequests: 2,
  },
  {
    name: '500 with an HTML page, then recovery',
    failure: { status: 500, text: HTML_ERROR_PAGE, headers: { 'content-type': 'text/html' } },
    always: false,
    targetRequests: 2,
  },
  {
    name: '401',
    failure: { status: 401, json: { error: 'Unauthorized' } },
    always: true,
    expectCode: 'unauthorized',
    expectMessage: /Re-authenticate/,
    targetRequests: 1,
  },
  {
    name: '403 naming a scope',
    failure: { status: 403, json: { error: 'Forbidden', required_scope: 'read:tickets' } },
    always: true,
    expectCode: 'forbidden',
    expectMessage: /"read:tickets" permission/,
    targetRequests: 1,
  },
  {
    name: '404',
    failure: { status: 404, json: { error: 'not found' } },
    always: true,
    expectCode: 'not_found',
    expectMessage: /not (be )?found|could not find/i,
    targetRequests: 1,
  },
  {
    name: '500 every time',
    failure: { status: 500, text: HTML_ERROR_PAGE, headers: { 'content-type': 'text/html' } },
    always: true,
    expectCode: 'server_error',
    targetRequests: 3,
  },
  {
    name: '200 with truncated JSON',
    failure: { text: '{"ticket": {"id": 7, "subj', headers: { 'content-type': 'application/json' } },
    always: true,
    expectCode: 'bad_response',
    expectMessage: /incomplete or malformed/,
    targetRequests: 1,
  },
  {
    name: 'a hang',
    failure: 'hang',
    always: true,
    expectCode: 'timeout',
    expectMessage: /did not answer in time/,
    targetRequests: 3,
  },
];

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(SUBJECTS)('$name resilience', (subject) => {
  it.each(CASES)('$name', async (testCase) => {
    let failed = 0;
    server = await startServer((req) => {
      if (req.path === '/v2/oauth2/token')
        return { json: { token_type: 'bearer', access_token: 'hs-token', expires_in: 7200 } };
      if (subject.target.test(req.path) && (testCase.always || failed === 0)) {
        failed++;
        return testCase.failure;
      }
      return subject.ok(req);
    });
    const timing = fakeTiming();
    const common: ConnectorCommonOptions = {
      baseUrl: server.url,
      getSecret: SECRETS,
      timing,
      random: () => 0.5,
      timeoutMs: testCase.failure === 'hang' ? 250 : 5000,
      maxRetries: 2,
    };
    const outcome = await subject.call(common).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    const targets = server.requests.filter((r) => subject.target.test(r.path));
    const expectedTargets =
      subject.name === 'helpscout' && testCase.name === '401' ? 2 : testCase.targetRequests;
    expect(targets).toHaveLength(expectedTargets);
    const authHeader =
      subject.name === 'shopify'
        ? targets[0]!.headers['x-shopify-access-token']
        : targets[0]!.headers.authorization;
    expect(authHeader).toBe(subject.auth);
    if (testCase.expectCode) {
      expect(outcome).toMatchObject({ code: testCase.expectCode });
      if (testCase.expectMessage) expect(outcome!.message).toMatch(testCase.expectMessage);
      expect(outcome!.message).not.toMatch(/SECRET|hs-token/);
    } else {
      expect(outcome).toBeNull();
    }
    if (testCase.expectSleep !== undefined) expect(timing.sleeps).toContain(testCase.expectSleep);
  });
});
