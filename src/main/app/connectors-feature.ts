import { ConnectionService } from '../connectors/connection-service';
import { TicketOpener, type TicketMessageForPanel } from '../connectors/ticket-opener';
import type { CoreContext } from './core-context';
import { createConnectorHandlers } from './handlers/connector-handlers';

/** What the assist feature needs from the connectors: the clipboard hook and the post-back. */
export interface TicketBridge {
  handleCopiedText(text: string): boolean;
  post(ticketId: string, text: string, asInternalNote: boolean): Promise<void>;
}

export interface ConnectorsFeature {
  connections: ConnectionService;
  opener: TicketOpener;
  bridge: TicketBridge;
  /** Binds the assist runtime once it exists (it is built after this feature). */
  attach(receive: (message: TicketMessageForPanel) => unknown): void;
  handlers: ReturnType<typeof createConnectorHandlers>;
  dispose(): void;
}

/**
 * Saved helpdesk/store connections, the ticket opener and their IPC handlers. Connected hosts join
 * the external-link allow-list so "open in helpdesk" links work without widening it for everyone.
 */
export async function createConnectorsFeature(context: CoreContext): Promise<ConnectorsFeature> {
  const notify = (message: string) => context.ports.notifications.notify('Tandem', message);
  const connections = new ConnectionService({
    userDataDir: context.ports.userDataDir,
    secrets: context.ports.secrets,
    onError: notify,
  });
  await connections.load();
  await connections.refreshSecretStatus();
  let receive: ((message: TicketMessageForPanel) => unknown) | null = null;
  const opener = new TicketOpener({
    connections,
    receive: (message) => {
      if (!receive) throw new Error('The assist panel is not ready yet.');
      return receive(message);
    },
    onDidFail: (message) => context.bus.emit('onDidFailTicketLoad', { message }),
  });
  const disposers = [
    context.externalLinks.addHostProvider(() => connections.hosts()),
    connections.onDidChange((list) => context.bus.emit('onDidChangeConnections', list)),
  ];
  return {
    connections,
    opener,
    bridge: {
      handleCopiedText: (text) => opener.handleCopiedText(text),
      post: (ticketId, text, asInternalNote) => opener.post(ticketId, text, asInternalNote),
    },
    attach(fn) {
      receive = fn;
    },
    handlers: createConnectorHandlers(connections, opener),
    dispose() {
      for (const d of disposers) d();
    },
  };
}
