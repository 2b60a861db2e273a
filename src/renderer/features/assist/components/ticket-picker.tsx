import { useEffect, useState } from 'react';
import { errorMessage, tandem } from '../../../lib/ipc';
import { useConnectionList, useMyOpenTickets, useOpenTicket } from '../hooks/use-tickets';

/**
 * "My open tickets": the agent's assigned tickets across connected helpdesks, most recently updated
 * first; picking one loads it (with the store context) into the panel. Hidden until a helpdesk is connected.
 */
export function TicketPicker() {
  const connections = useConnectionList();
  const [open, setOpen] = useState(false);
  const tickets = useMyOpenTickets(open);
  const openTicket = useOpenTicket();
  const [copyFailure, setCopyFailure] = useState<string | null>(null);
  // A copied ticket URL loads in main; when it fails there is no call to answer, so the reason arrives here.
  useEffect(() => tandem().onDidFailTicketLoad(({ message }) => setCopyFailure(message)), []);
  const helpdesks = (connections.data ?? []).filter((c) => c.kind !== 'shopify');
  if (helpdesks.length === 0) return null;
  return (
    <section className="ticket-picker" aria-label="My open tickets" data-testid="ticket-picker">
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        My open tickets
      </button>
      {open ? (
        <div className="ticket-picker__list">
          {tickets.isPending ? <p role="status">Loading tickets…</p> : null}
          {tickets.isError ? <p role="alert">{errorMessage(tickets.error)}</p> : null}
          {tickets.data?.errors.map((e) => (
            <p key={e.connectionId} role="alert" className="ticket-picker__error">
              {e.message}
            </p>
          ))}
          {tickets.data && tickets.data.tickets.length === 0 && tickets.data.errors.length === 0 ? (
            <p>No open tickets are assigned to you.</p>
          ) : null}
          <ul>
            {tickets.data?.tickets.map((t) => (
              <li key={`${t.connectionId}:${t.id}`}>
                <button
                  type="button"
                  className="button button--link"
                  disabled={openTicket.isPending}
                  onClick={() =>
                    openTicket.mutate(
                      { connectionId: t.connectionId, ticketId: t.id },
                      { onSuccess: () => setOpen(false) },
                    )
                  }
                >
                  #{t.id} {t.subject}
                </button>{' '}
                <span className="ticket-picker__meta">
                  {t.requesterName ? `${t.requesterName} · ` : ''}
                  {t.connectionName} · {t.status}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {copyFailure ? (
        <p role="alert" className="ticket-picker__error" data-testid="ticket-load-failure">
          {copyFailure}{' '}
          <button type="button" className="button button--link" onClick={() => setCopyFailure(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      {openTicket.isError ? (
        <p role="alert" className="ticket-picker__error">
          {errorMessage(openTicket.error)}
        </p>
      ) : null}
      {openTicket.data?.storeError ? (
        <p role="status" className="ticket-picker__error">
          Loaded without store context: {openTicket.data.storeError}
        </p>
      ) : null}
    </section>
  );
}
