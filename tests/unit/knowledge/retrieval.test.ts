import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeFacts,
  createMacroIndex,
  evaluateConditions,
  loadMacroLibrary,
} from '../../../src/main/knowledge';
import type { MacroIndex } from '../../../src/main/knowledge';
import type { OrderContext } from '../../../src/shared/domain/context';
import { MACROS_DIR, NOW } from '../suggest/fixtures';

let index: MacroIndex;
beforeAll(async () => {
  index = createMacroIndex((await loadMacroLibrary([MACROS_DIR])).macros);
});

function top(
  text: string,
  label: string,
  order?: OrderContext,
  language = 'en',
  secondary: { label: string; confidence: number }[] = [],
) {
  const facts = computeFacts({ text, order, now: NOW }, 30, Date.parse(NOW));
  return index
    .rank({ text, intent: { label, confidence: 0.8, secondary }, facts, language, defaultLanguage: 'en' })
    .map((r) => r.macro.id);
}

describe('retrieval ranking', () => {
  it.each([
    [
      'where is my order? tracking says shipped',
      'order_status',
      { status: 'shipped' },
      'order-status-shipped',
    ],
    [
      'where is my order, it has not shipped',
      'order_status',
      { status: 'processing' },
      'order-status-processing',
    ],
    [
      'my parcel is late, it should have come last week',
      'delivery_problem',
      { status: 'in_transit', promisedBy: '2026-11-18' },
      'delivery-late',
    ],
    [
      'it says delivered but nothing at my door',
      'delivery_problem',
      { status: 'delivered', deliveredAt: '2026-11-22' },
      'delivery-marked-not-received',
    ],
    ['the vase arrived cracked', 'damaged_or_defective', undefined, 'damaged-on-arrival'],
    ['you sent me the wrong colour', 'wrong_or_missing_item', undefined, 'wrong-item'],
    ['I was charged twice for one order', 'payment_issue', undefined, 'payment-double-charge'],
    ['how much is shipping, is it free?', 'shipping_info', undefined, 'shipping-costs'],
    ['please cancel my order', 'cancel_order', { status: 'processing' }, 'cancel-not-shipped'],
    ['cancel it please', 'cancel_order', { status: 'in_transit' }, 'cancel-already-shipped'],
    [
      'I want to swap for a bigger size',
      'return_or_exchange',
      { status: 'delivered', deliveredAt: '2026-11-20' },
      'exchange-size',
    ],
    ['can I speak to a real person', 'talk_to_human', undefined, 'human-handoff'],
  ] as [string, string, OrderContext | undefined, string][])('%s → %s', (text, label, order, expected) => {
    expect(top(text, label, order)[0]).toBe(expected);
  });

  it('uses days since delivery against the return window', () => {
    const text = 'I would like to return the sweater, it does not fit';
    expect(top(text, 'return_or_exchange', { status: 'delivered', deliveredAt: '2026-11-10' })[0]).toBe(
      'return-within-window',
    );
    expect(top(text, 'return_or_exchange', { status: 'delivered', deliveredAt: '2026-09-01' })[0]).toBe(
      'return-outside-window',
    );
    expect(top(text, 'return_or_exchange', { status: 'delivered', deliveredAt: '2026-09-01' })).not.toContain(
      'return-within-window',
    );
  });

  it('never offers a macro whose conditions contradict the order', () => {
    const ids = top('where is my order', 'order_status', { status: 'delivered', deliveredAt: '2026-11-22' });
    expect(ids).not.toContain('order-status-shipped');
    expect(ids).not.toContain('order-status-processing');
    expect(ids[0]).toBe('order-status-delivered');
  });

  it('falls back to text and secondary intents when the primary is off', () => {
    const ids = top('my refund has not shown up on my bank statement', 'other', undefined, 'en', [
      { label: 'refund', confidence: 0.4 },
    ]);
    expect(ids[0]).toMatch(/^refund-/);
  });

  it('prefers the customer language variant of a macro', () => {
    const ids = top('¿Dónde está mi pedido?', 'order_status', { status: 'shipped' }, 'es');
    expect(ids[0]).toBe('order-status-shipped.es');
    expect(top('Wo ist meine Bestellung?', 'order_status', { status: 'processing' }, 'de')[0]).toBe(
      'order-status-processing.de',
    );
  });
});

describe('context facts', () => {
  it('derives delivered, window and lateness, and treats unknowns as neutral', () => {
    const now = Date.parse(NOW);
    const facts = computeFacts(
      { text: '', order: { status: 'in_transit', promisedBy: '2026-11-20' } },
      30,
      now,
    );
    expect(facts).toMatchObject({ delivered: false, late: true, withinReturnWindow: true });
    const delivered = computeFacts({ text: '', order: { deliveredAt: '2026-10-20' } }, 30, now);
    expect(delivered).toMatchObject({ delivered: true, daysSinceDelivery: 35, withinReturnWindow: false });
    expect(evaluateConditions({ delivered: false }, delivered)).toEqual({ ok: false });
    expect(evaluateConditions({ delivered: true, finalSale: true }, delivered)).toEqual({
      ok: true,
      matched: 1,
      unknown: 1,
    });
    expect(computeFacts({ text: '' }, 30, now)).toEqual({
      orderKnown: false,
      statusKnown: false,
      returnWindowKnown: false,
    });
    expect(computeFacts({ text: '', order: { number: '1001' } }, 30, now)).toMatchObject({
      orderKnown: true,
      statusKnown: false,
    });
    expect(computeFacts({ text: '', order: { trackingNumber: '1Z999' } }, 30, now).statusKnown).toBe(true);
  });
});

describe('replies never guess the order status', () => {
  it('with an order number but no status, the top reply checks instead of saying it has not shipped', () => {
    for (const text of [
      'Where is my order #1234? It has been a week.',
      'any update on order 55821? no tracking yet',
    ]) {
      const ids = top(text, 'order_status', { number: '1234' });
      expect(ids[0], text).toBe('order-status-checking');
    }
    expect(top('My order #1001 still hasnt arrived', 'delivery_problem', { number: '1001' })[0]).toBe(
      'delivery-checking',
    );
  });

  it('offers the checking replies only while the status is unknown', () => {
    for (const status of ['processing', 'shipped', 'in_transit', 'delivered'] as const) {
      const ids = top('where is my order #1234', 'order_status', { number: '1234', status });
      expect(ids, status).not.toContain('order-status-checking');
      expect(ids, status).not.toContain('delivery-checking');
    }
    expect(top('Wo ist meine Bestellung #1234?', 'order_status', { number: '1234' }, 'de')[0]).toBe(
      'order-status-checking.de',
    );
  });

  it('explains returns in general until the delivery date is known, then gives the deadline', () => {
    expect(top('The towels are the wrong colour. How do I return them?', 'return_or_exchange')[0]).toBe(
      'return-how-to',
    );
    const ids = top('How do I return the towels?', 'return_or_exchange', {
      number: '1234',
      status: 'delivered',
      deliveredAt: '2026-11-20',
    });
    expect(ids[0]).toBe('return-within-window');
    expect(ids).not.toContain('return-how-to');
  });
});
