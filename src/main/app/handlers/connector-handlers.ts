import type { connectorCalls } from '../../../shared/contract/connectors';
import type { ConnectionService } from '../../connectors/connection-service';
import type { TicketOpener } from '../../connectors/ticket-opener';
import type { FeatureHandlers } from './types';

/** Helpdesk and store connection calls. Credentials go in once and never come back out. */
export function createConnectorHandlers(
  connections: ConnectionService,
  opener: TicketOpener,
): FeatureHandlers<typeof connectorCalls> {
  return {
    listConnections: () => connections.list(),
    saveConnection: (input) => connections.save(input),
    removeConnection: ({ id }) => connections.remove(id),
    testConnection: ({ id }) => connections.test(id),
    listMyOpenTickets: ({ id }) => connections.listMyOpenTickets(id),
    openTicket: (input) => opener.open(input),
  };
}
