import { matchAll } from '../redact/patterns';
import { SpanMask } from '../span-mask';

/** A parcel tracking number with its carrier and the carrier's public tracking page. */
export interface TrackingMatch {
  start: number;
  end: number;
  value: string;
  carrier: 'UPS' | 'USPS' | 'FedEx' | 'DHL' | 'Royal Mail';
  url: string;
}

const URLS: Record<TrackingMatch['carrier'], (n: string) => string> = {
  UPS: (n) => `https://www.ups.com/track?tracknum=${n}`,
  USPS: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  FedEx: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  DHL: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`,
  'Royal Mail': (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
};

/**
 * Carrier formats. UPS and the UPU S10 formats (USPS / Royal Mail "AB123456789US|GB") are
 * self-identifying; bare digit formats (FedEx 12/15, DHL 10) are only taken when the carrier is named
 * near them, because otherwise they are indistinguishable from order or phone numbers.
 */
const PATTERNS: readonly { carrier: TrackingMatch['carrier']; re: RegExp; needsName?: RegExp }[] = [
  {
    carrier: 'UPS',
    re: /(?<![A-Za-z0-9])1Z[ ]?[0-9A-Z]{3}[ ]?[0-9A-Z]{3}[ ]?[0-9A-Z]{2}[ ]?[0-9A-Z]{4}[ ]?[0-9A-Z]{3}[ ]?[0-9A-Z](?![A-Za-z0-9])/gi,
  },
  {
    carrier: 'USPS',
    re: /(?<![A-Za-z0-9])(?:9[1-5]\d{2}[ ]?\d{4}[ ]?\d{4}[ ]?\d{4}[ ]?\d{4}[ ]?\d{2,4}|82\d{8})(?![A-Za-z0-9])/g,
  },
  { carrier: 'USPS', re: /(?<![A-Za-z0-9])[A-Z]{2}\d{9}US(?![A-Za-z0-9])/g },
  { carrier: 'Royal Mail', re: /(?<![A-Za-z0-9])[A-Z]{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}[ ]?GB(?![A-Za-z0-9])/g },
  { carrier: 'DHL', re: /(?<![A-Za-z0-9])(?:JJD\d{18}|JVGL\d{16}|GM\d{16,18}|LX\d{9}DE)(?![A-Za-z0-9])/g },
  { carrier: 'DHL', re: /(?<![A-Za-z0-9#])\d{10}(?![A-Za-z0-9])/g, needsName: /\bdhl\b/i },
  {
    carrier: 'FedEx',
    re: /(?<![A-Za-z0-9#])(?:\d{12}|\d{15}|\d{20}|\d{4}[ ]\d{4}[ ]\d{4})(?![A-Za-z0-9])/g,
    needsName: /\bfed[ -]?ex\b/i,
  },
];

/** Finds tracking numbers in the text; `contextCarrier` (from the order) also unlocks bare digit formats. */
export function findTrackingNumbers(text: string, contextCarrier?: string): TrackingMatch[] {
  const out: TrackingMatch[] = [];
  const taken = new SpanMask(text.length);
  for (const { carrier, re, needsName } of PATTERNS) {
    if (needsName && !needsName.test(text) && !(contextCarrier && needsName.test(contextCarrier))) continue;
    for (const m of matchAll(re, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!taken.tryClaim(start, end)) continue;
      const value = m[0].replace(/\s/g, '').toUpperCase();
      out.push({ start, end, value, carrier, url: URLS[carrier](encodeURIComponent(value)) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
