import { z } from 'zod';

/** Query text kept apart from the connector so the shapes requested and the schemas validating them sit together. */
export const SHOP_QUERY = `query TandemShop { shop { name } }`;

/** `customers(query: "email:…")`; up to five nodes because Shopify's search is not exact, the caller picks the exact e-mail. */
export const CUSTOMER_BY_EMAIL_QUERY = `query TandemCustomerByEmail($query: String!) {
  customers(first: 5, query: $query) {
    nodes {
      id
      displayName
      firstName
      email
      amountSpent { amount currencyCode }
      numberOfOrders
      tags
      emailMarketingConsent { marketingState }
    }
  }
}`;

/** Newest orders first with the fields the engine needs: statuses, fulfilments with tracking, dates and totals. */
export const RECENT_ORDERS_QUERY = `query TandemRecentOrders($id: ID!, $first: Int!) {
  customer(id: $id) {
    orders(first: $first, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        createdAt
        processedAt
        cancelledAt
        displayFinancialStatus
        displayFulfillmentStatus
        totalPriceSet { shopMoney { amount currencyCode } }
        fulfillments(first: 5) {
          status
          displayStatus
          createdAt
          inTransitAt
          deliveredAt
          estimatedDeliveryAt
          trackingInfo(first: 3) { company number url }
        }
        lineItems(first: 20) { nodes { title quantity sku } }
      }
    }
  }
}`;

const Str = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
/** Shopify sends Decimal and UnsignedInt64 scalars as strings; numbers are accepted too. */
const Num = z.union([z.string(), z.number()]).transform((v) => Number(v));
const Money = z.object({ amount: Num, currencyCode: z.string() });

/** Only the requested fields are validated; anything Shopify adds later is ignored. */
export const CustomerNode = z.object({
  id: z.string(),
  displayName: Str,
  firstName: Str,
  email: Str,
  amountSpent: Money.nullish(),
  numberOfOrders: Num.nullish(),
  tags: z.array(z.string()).nullish(),
  emailMarketingConsent: z.object({ marketingState: z.string() }).nullish(),
});
/** `data` of the customer query. */
export const CustomersData = z.object({ customers: z.object({ nodes: z.array(CustomerNode) }) });

/** A fulfilment with its carrier tracking (company, number, URL) and carrier dates. */
export const FulfillmentNode = z.object({
  status: Str,
  displayStatus: Str,
  createdAt: Str,
  inTransitAt: Str,
  deliveredAt: Str,
  estimatedDeliveryAt: Str,
  trackingInfo: z.array(z.object({ company: Str, number: Str, url: Str })).nullish(),
});
/** One order as requested by RECENT_ORDERS_QUERY. */
export const OrderNode = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  processedAt: Str,
  cancelledAt: Str,
  displayFinancialStatus: Str,
  displayFulfillmentStatus: Str,
  totalPriceSet: z.object({ shopMoney: Money }).nullish(),
  fulfillments: z.array(FulfillmentNode).nullish(),
  lineItems: z
    .object({ nodes: z.array(z.object({ title: z.string(), quantity: z.number().nullish(), sku: Str })) })
    .nullish(),
});
export type OrderNode = z.infer<typeof OrderNode>;
/** `data` of the orders query; `customer` is null when the id no longer exists. */
export const OrdersData = z.object({
  customer: z.object({ orders: z.object({ nodes: z.array(OrderNode) }) }).nullable(),
});

/** GraphQL envelope: errors (THROTTLED, ACCESS_DENIED) and the cost extension used to wait out throttling. */
export const GraphQlEnvelope = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        extensions: z.object({ code: Str, requiredAccess: Str }).passthrough().nullish(),
      }),
    )
    .nullish(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().nullish(),
          throttleStatus: z.object({ currentlyAvailable: z.number(), restoreRate: z.number() }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type GraphQlEnvelope = z.infer<typeof GraphQlEnvelope>;
