import { parseArgs } from 'node:util';
import { AnalysisSchema, type Analysis } from '../../../shared/domain/analysis';
import type { ConnectionConfig, HelpdeskKind, Ticket } from '../../../shared/domain/connectors';
import type { MessageInput } from '../../../shared/domain/context';
import {
  createHelpdeskConnector,
  createStoreConnector,
  type ConnectorRuntimeOptions,
} from '../../connectors/create-connector';
import { isConnectorError, toConnectorError } from '../../connectors/http/errors';
import { buildTicketContext } from '../../connectors/ticket-context';
import type { CliCommand, CliIo } from '../io';
import { writeLine } from '../io';

const USAGE = `Usage: npm run -s cli -- ticket --connector zendesk|freshdesk|gorgias|helpscout --base-url URL --id ID [--analyze] [--store-url URL]

Credentials come from the environment:
  zendesk   TANDEM_ZENDESK_EMAIL + TANDEM_ZENDESK_TOKEN
  freshdesk TANDEM_FRESHDESK_KEY
  gorgias   TANDEM_GORGIAS_EMAIL + TANDEM_GORGIAS_KEY
  helpscout TANDEM_HELPSCOUT_ID + TANDEM_HELPSCOUT_SECRET
  shopify   TANDEM_SHOPIFY_TOKEN (with --store-url, the shop's base URL)
`;

/** Environment variable names double as secret names, so the CLI uses the same connectors as the app. */
function helpdeskConfig(kind: HelpdeskKind, baseUrl: string): ConnectionConfig {
  switch (kind) {
    case 'zendesk':
      return {
        kind,
        baseUrl,
        auth: { type: 'token', emailSecret: 'TANDEM_ZENDESK_EMAIL', tokenSecret: 'TANDEM_ZENDESK_TOKEN' },
      };
    case 'freshdesk':
      return { kind, baseUrl, apiKeySecret: 'TANDEM_FRESHDESK_KEY' };
    case 'gorgias':
      return { kind, baseUrl, emailSecret: 'TANDEM_GORGIAS_EMAIL', apiKeySecret: 'TANDEM_GORGIAS_KEY' };
    case 'helpscout':
      return {
        kind,
        baseUrl,
        clientIdSecret: 'TANDEM_HELPSCOUT_ID',
        clientSecretSecret: 'TANDEM_HELPSCOUT_SECRET',
      };
  }
}

const KINDS: readonly HelpdeskKind[] = ['zendesk', 'freshdesk', 'gorgias', 'helpscout'];

/** Test seam: in-process tests shrink timeouts and retries; the real CLI uses the defaults. */
export interface TicketCommandOverrides {
  runtime?: Partial<ConnectorRuntimeOptions>;
}

/** Builds the command; the exported `ticketCommand` is the default instance the dispatcher loads. */
export function createTicketCommand(overrides: TicketCommandOverrides = {}): CliCommand {
  return async (args, io) => {
    let values: {
      connector?: string;
      'base-url'?: string;
      id?: string;
      analyze?: boolean;
      'store-url'?: string;
      help?: boolean;
    };
    try {
      values = parseArgs({
        args,
        options: {
          connector: { type: 'string' },
          'base-url': { type: 'string' },
          id: { type: 'string' },
          analyze: { type: 'boolean' },
          'store-url': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }).values;
    } catch (error) {
      io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      return 2;
    }
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const kind = values.connector as HelpdeskKind | undefined;
    if (!kind || !KINDS.includes(kind) || !values['base-url'] || !values.id) {
      io.stderr.write(
        `Missing or unknown option: --connector, --base-url and --id are required.\n\n${USAGE}`,
      );
      return 2;
    }
    return run(
      io,
      kind,
      values['base-url'],
      values.id,
      values['store-url'],
      values.analyze === true,
      overrides,
    );
  };
}

async function run(
  io: CliIo,
  kind: HelpdeskKind,
  baseUrl: string,
  id: string,
  storeUrl: string | undefined,
  analyze: boolean,
  overrides: TicketCommandOverrides,
): Promise<number> {
  const runtime: ConnectorRuntimeOptions = {
    getSecret: async (name) => io.env[name] ?? null,
    ...overrides.runtime,
  };
  try {
    const helpdesk = createHelpdeskConnector(helpdeskConfig(kind, baseUrl), runtime);
    const ticket = await helpdesk.getTicket(id);
    const store = storeUrl
      ? createStoreConnector(
          { kind: 'shopify', baseUrl: storeUrl, accessTokenSecret: 'TANDEM_SHOPIFY_TOKEN' },
          runtime,
        )
      : null;
    const context = await buildTicketContext(ticket, store);
    if (context.storeError) throw new Error(context.storeError);
    const out: Record<string, unknown> = { ticket: publicTicket(ticket) };
    if (store) out.context = { customer: context.input.customer ?? null, orders: context.orders };
    if (analyze) out.analysis = await analyzeInput(context.input);
    if (ticket.truncatedCount > 0) {
      io.stderr.write(
        `Showing the latest ${ticket.messages.length} messages; ${ticket.truncatedCount} older ones were left out.\n`,
      );
    }
    await writeLine(io.stdout, JSON.stringify(out));
    return 0;
  } catch (error) {
    io.stderr.write(`${cliMessage(error, kind)}\n`);
    return 1;
  }
}

/** Plain reason for stderr; a missing credential points at the environment variable, not Settings. */
function cliMessage(error: unknown, kind: HelpdeskKind): string {
  if (isConnectorError(error) && error.code === 'config') {
    return error.message.replace(' Add it in Settings.', ' Set that environment variable and try again.');
  }
  return isConnectorError(error) || !(error instanceof Error)
    ? toConnectorError(error, kind).message
    : error.message;
}

/** The documented CLI shape: only what a support engineer needs to check a connection. */
function publicTicket(ticket: Ticket) {
  return {
    id: ticket.id,
    subject: ticket.subject,
    status: ticket.status,
    requester: { name: ticket.requester.name ?? null, email: ticket.requester.email ?? null },
    tags: ticket.tags,
    messages: ticket.messages.map((m) => ({ role: m.role, text: m.text, createdAt: m.createdAt })),
  };
}

/**
 * The engine loads lazily (it trains the intent model on creation) so plain ticket loads stay fast. The
 * output is the shared Analysis shape: the local-only restore map and normalized text are left out.
 */
async function analyzeInput(input: MessageInput): Promise<Analysis> {
  const { createEngine } = await import('../../engine/index');
  return AnalysisSchema.parse(createEngine().analyze(input));
}

/** Loaded by the CLI dispatcher for `npm run -s cli -- ticket`. */
export const ticketCommand: CliCommand = createTicketCommand();
