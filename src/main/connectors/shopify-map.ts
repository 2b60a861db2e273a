import type { OrderContext, OrderStatus } from '../../shared/domain/context';
import type { OrderNode } from './shopify-queries';

type Payment = NonNullable<OrderContext['paymentStatus']>;

/** EXPIRED and VOIDED mean the money was never taken, which support treats as a failed payment. */
const PAYMENT: Record<string, Payment> = {
  PAID: 'paid',
  PENDING: 'pending',
  AUTHORIZED: 'pending',
  PARTIALLY_PAID: 'pending',
  EXPIRED: 'failed',
  VOIDED: 'failed',
  REFUNDED: 'refunded',
  PARTIALLY_REFUNDED: 'partially_refunded',
};

const FULFILMENT: Record<string, OrderStatus> = {
  FULFILLED: 'shipped',
  PARTIALLY_FULFILLED: 'partially_fulfilled',
  UNFULFILLED: 'unfulfilled',
  IN_PROGRESS: 'processing',
  ON_HOLD: 'processing',
  PENDING_FULFILLMENT: 'processing',
  OPEN: 'processing',
  SCHEDULED: 'pending',
  RESTOCKED: 'returned',
  REQUEST_DECLINED: 'unfulfilled',
};

/**
 * Shopify order → the engine's OrderContext: the most advanced carrier status wins over the order-level
 * fulfilment status (a fulfilled order may already be delivered), cancellation wins over both.
 */
export function mapShopifyOrder(order: OrderNode): OrderContext {
  const fulfillments = order.fulfillments ?? [];
  const tracking = fulfillments.flatMap((f) => f.trackingInfo ?? []).find((t) => t.number || t.url);
  const delivered = fulfillments.find((f) => f.deliveredAt || f.displayStatus === 'DELIVERED');
  const shipped = fulfillments.find((f) => f.createdAt);
  const money = order.totalPriceSet?.shopMoney;
  return {
    number: order.name,
    status: orderStatus(order),
    placedAt: order.processedAt ?? order.createdAt,
    shippedAt: shipped?.inTransitAt ?? shipped?.createdAt,
    promisedBy: fulfillments.find((f) => f.estimatedDeliveryAt)?.estimatedDeliveryAt,
    deliveredAt: delivered?.deliveredAt,
    carrier: tracking?.company,
    trackingNumber: tracking?.number,
    trackingUrl: tracking?.url,
    total: money && Number.isFinite(money.amount) ? money.amount : undefined,
    currency: money?.currencyCode,
    items: (order.lineItems?.nodes ?? []).map((i) => ({
      title: i.title,
      quantity: i.quantity ?? undefined,
      sku: i.sku,
    })),
    paymentStatus: order.displayFinancialStatus ? PAYMENT[order.displayFinancialStatus] : undefined,
  };
}

function orderStatus(order: OrderNode): OrderStatus | undefined {
  if (order.cancelledAt) return 'cancelled';
  const statuses = (order.fulfillments ?? []).map((f) => f.displayStatus);
  if (statuses.includes('DELIVERED') || (order.fulfillments ?? []).some((f) => f.deliveredAt))
    return 'delivered';
  if (statuses.includes('OUT_FOR_DELIVERY')) return 'out_for_delivery';
  if (statuses.includes('IN_TRANSIT')) return 'in_transit';
  if (order.displayFinancialStatus === 'REFUNDED' && order.displayFulfillmentStatus !== 'FULFILLED')
    return 'refunded';
  return order.displayFulfillmentStatus ? FULFILMENT[order.displayFulfillmentStatus] : undefined;
}
