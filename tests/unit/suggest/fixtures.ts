import { join } from 'node:path';
import type { Analysis } from '../../../src/shared/domain/analysis';
import type { MessageInput } from '../../../src/shared/domain/context';
import { findResourcesDir } from '../../../src/main/knowledge/loader';

/** The repository's resources folder, as the app and CLI find it. */
export const RESOURCES = findResourcesDir();
export const PACK_FILE = join(RESOURCES, 'policies', 'lumen-and-loom.yaml');
export const MACROS_DIR = join(RESOURCES, 'macros');
export const NOW = '2026-11-24T12:00:00Z';

/** A hand-built analysis, so suggestion tests do not depend on the classifier's current weights. */
export function analysis(
  text: string,
  label: string,
  opts: { confidence?: number; secondary?: { label: string; confidence: number }[]; language?: string } = {},
): Analysis {
  return {
    language: opts.language ?? 'en',
    isCustomerMessage: true,
    truncated: false,
    intent: { label, confidence: opts.confidence ?? 0.8, secondary: opts.secondary ?? [] },
    sentiment: { label: 'neutral', score: 0, markers: [] },
    churnRisk: { score: 10, level: 'low', reasons: [] },
    escalation: { recommended: false, reasons: [], path: null },
    entities: [],
    redactedText: text,
  };
}

/** An order that shipped and is still on its way (no delivery date yet). */
export function shippedContext(language = 'en'): MessageInput {
  const ctx = fullContext(language);
  const { deliveredAt: _delivered, ...order } = ctx.order!;
  return { ...ctx, order };
}

/** A context with every field a macro can use, for "every macro fills and passes" checks. */
export function fullContext(language = 'en'): MessageInput {
  return {
    text: 'Where is my order?',
    now: NOW,
    customer: { name: 'Maya Lopez', firstName: 'Maya', marketingConsent: false, language },
    order: {
      number: '#4821',
      status: 'shipped',
      placedAt: '2026-11-10T09:00:00Z',
      shippedAt: '2026-11-12T09:00:00Z',
      promisedBy: '2026-11-26',
      deliveredAt: '2026-11-20T15:00:00Z',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      total: 84.5,
      currency: 'USD',
      items: [{ title: 'Linen duvet cover', quantity: 1, price: 84.5 }],
      paymentStatus: 'paid',
    },
  };
}
