import type { OpenTicketInput, OpenTicketResult } from '../../shared/contract/connectors';
import type { CustomerContext, HistoryMessage, OrderContext } from '../../shared/domain/context';
import { AppError } from '../../shared/ipc/result';
import type { ConnectionService } from './connection-service';

/** What the assist runtime takes from a ticket; kept structural so connectors do not depend on the panel. */
export interface TicketMessageForPanel {
  text: string;
  source: 'ticket';
  ticketId: string;
  customer?: CustomerContext;
  order?: OrderContext;
  history: HistoryMessage[];
  newThread: boolean;
}

export interface TicketOpenerOptions {
  connections: ConnectionService;
  /** The assist runtime's receive; bound late because the runtime is built after the opener. */
  receive: (message: TicketMessageForPanel) => unknown;
  /** A copied URL failed to load: there is no caller to return the error to, so the panel is told. */
  onDidFail?: (message: string) => void;
}

const URL_RE = /^https?:\/\/\S+$/i;

/**
 * Loads helpdesk tickets into the assist panel (from the picker, a pasted link or a copied URL) and
 * remembers which connection each shown ticket came from, so Accept posts back to the same helpdesk.
 */
export class TicketOpener {
  private readonly owners = new Map<string, string>();

  constructor(private readonly options: TicketOpenerOptions) {}

  async open(input: OpenTicketInput): Promise<OpenTicketResult> {
    const target = 'url' in input ? this.options.connections.resolveTicketUrl(input.url.trim()) : input;
    if (!target)
      throw new AppError(
        'not_found',
        'That link is not a ticket of a connected helpdesk. Check Settings → Connections.',
      );
    const { ticket, context } = await this.options.connections.loadTicket(
      target.connectionId,
      target.ticketId,
    );
    this.owners.set(ticket.id, target.connectionId);
    this.options.receive({
      text: context.input.text,
      source: 'ticket',
      ticketId: ticket.id,
      ...(context.input.customer ? { customer: context.input.customer } : {}),
      ...(context.input.order ? { order: context.input.order } : {}),
      history: context.input.history ?? [],
      newThread: true,
    });
    return {
      connectionId: target.connectionId,
      ticketId: ticket.id,
      subject: ticket.subject,
      ...(context.storeError ? { storeError: context.storeError } : {}),
    };
  }

  /**
   * The clipboard hook: true when the copied text is a ticket URL of a connected helpdesk, in which
   * case the ticket loads in the background and the URL itself is not analysed as a customer message.
   */
  handleCopiedText(text: string): boolean {
    const url = text.trim();
    if (!URL_RE.test(url)) return false;
    const target = this.options.connections.resolveTicketUrl(url);
    if (!target) return false;
    this.open(target).catch((error: unknown) =>
      this.options.onDidFail?.((error as Error)?.message ?? 'The ticket could not be loaded.'),
    );
    return true;
  }

  /** AssistService's postToTicket: the connection that loaded the ticket receives the reply or note. */
  async post(ticketId: string, text: string, asInternalNote: boolean): Promise<void> {
    const connectionId = this.owners.get(ticketId);
    if (!connectionId)
      throw new AppError(
        'invalid_state',
        'Tandem no longer knows which helpdesk this ticket came from: open it again.',
      );
    await this.options.connections.post(connectionId, ticketId, text, asInternalNote);
  }
}
