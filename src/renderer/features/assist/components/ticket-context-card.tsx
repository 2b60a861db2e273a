import type { AssistState } from '../../../../shared/contract/assist';

const money = (value: number, currency?: string): string => {
  try {
    return currency
      ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value)
      : value.toFixed(2);
  } catch {
    return `${value.toFixed(2)} ${currency ?? ''}`.trim();
  }
};

/**
 * Who the customer is and which order the ticket is about, from the helpdesk and the store, so the agent
 * sees why churn and escalation read as they do without switching to the store admin.
 */
export function TicketContextCard({ state }: { state: AssistState }) {
  const { customer, order } = state;
  if (!customer && !order) return null;
  return (
    <section className="ticket-context" aria-label="Customer and order" data-testid="ticket-context">
      {customer ? (
        <p className="ticket-context__customer">
          <strong data-testid="ticket-customer">{customer.name ?? customer.email ?? 'Customer'}</strong>
          {customer.ordersCount !== undefined ? ` · ${customer.ordersCount} orders` : ''}
          {customer.lifetimeValue !== undefined
            ? ` · ${money(customer.lifetimeValue, order?.currency)} spent`
            : ''}
          {customer.tags && customer.tags.length > 0 ? ` · ${customer.tags.join(', ')}` : ''}
        </p>
      ) : null}
      {order ? (
        <p className="ticket-context__order" data-testid="ticket-order">
          Order {order.number ?? '(no number)'}
          {order.status ? ` · ${order.status.replace(/_/g, ' ')}` : ''}
          {order.paymentStatus ? ` · payment ${order.paymentStatus.replace(/_/g, ' ')}` : ''}
          {order.carrier || order.trackingNumber
            ? ` · ${[order.carrier, order.trackingNumber].filter(Boolean).join(' ')}`
            : ''}
          {order.total !== undefined ? ` · ${money(order.total, order.currency)}` : ''}
        </p>
      ) : null}
    </section>
  );
}
