import { describe, expect, it } from 'vitest';
import { compileOrderPatterns, extractEntities } from '../../../src/main/engine/entities';

const now = new Date('2026-03-10T00:00:00Z');
const extract = (text: string, extra: Partial<Parameters<typeof extractEntities>[1]> = {}) =>
  extractEntities(text, { orderPatterns: compileOrderPatterns(), now, ...extra });
const of = (text: string, type: string, extra = {}) => extract(text, extra).filter((e) => e.type === type);

describe('entities', () => {
  it.each([
    ['Where is #1001?', '1001'],
    ['order 1234 is late', '1234'],
    ['Order no. 55871 never came', '55871'],
    ['order number: LL-20431', 'LL-20431'],
    ['my order #A1B2C3', 'A1B2C3'],
    ['pedido 99812 no ha llegado', '99812'],
  ])('finds the order number in %j', (text, value) => {
    expect(of(text, 'order_number').map((e) => e.value)).toEqual([value]);
  });

  it('does not read ordinary words or years after "order" as order numbers', () => {
    expect(of('I want to order something', 'order_number')).toEqual([]);
    expect(of('my order from 2024 was fine', 'order_number')).toEqual([]);
  });

  it('accepts a store-specific order pattern', () => {
    const patterns = compileOrderPatterns([String.raw`\b(LL\d{6})\b`]);
    expect(
      of('ref LL123456 please', 'order_number', { orderPatterns: patterns }).map((e) => e.value),
    ).toEqual(['LL123456']);
    expect(() => compileOrderPatterns(['(unclosed'])).toThrow(/Invalid order number pattern/);
  });

  it.each([
    ['UPS 1Z999AA10123456784', 'UPS', '1Z999AA10123456784', 'ups.com'],
    ['tracking 9400 1000 0000 0000 0000 00', 'USPS', '9400100000000000000000', 'usps.com'],
    ['EA123456789US is stuck', 'USPS', 'EA123456789US', 'usps.com'],
    ['Royal Mail AB123456789GB', 'Royal Mail', 'AB123456789GB', 'royalmail.com'],
    ['DHL JJD000390007827418120', 'DHL', 'JJD000390007827418120', 'dhl.com'],
    ['DHL says 1234567890', 'DHL', '1234567890', 'dhl.com'],
    ['FedEx 123456789012', 'FedEx', '123456789012', 'fedex.com'],
  ])('finds the tracking number in %j', (text, carrier, value, host) => {
    const [t] = of(text, 'tracking_number');
    expect(t?.value).toBe(value);
    expect(t?.meta?.carrier).toBe(carrier);
    expect(t?.meta?.url).toContain(host);
    expect(t?.meta?.url).toContain(value);
  });

  it('needs the carrier named for bare digit formats', () => {
    expect(of('my number 123456789012', 'tracking_number')).toEqual([]);
    expect(of('number 123456789012', 'tracking_number', { order: { carrier: 'FedEx' } })).toHaveLength(1);
  });

  it('finds money with its currency', () => {
    const m = of('I paid $1,249.99, €45,50, £12 and 30 dollars, CAD 20', 'money');
    expect(m.map((e) => [e.meta?.currency, e.meta?.amount])).toEqual([
      ['USD', '1249.99'],
      ['EUR', '45.50'],
      ['GBP', '12'],
      ['USD', '30'],
      ['CAD', '20'],
    ]);
  });

  it('finds dates and resolves them', () => {
    const d = of('promised March 3, shipped 03/15/2026, due 2026-04-01, sent 2 weeks ago', 'date');
    expect(d.map((e) => e.meta?.iso ?? e.value)).toEqual([
      '2026-03-03',
      '2026-03-15',
      '2026-04-01',
      '2 weeks ago',
    ]);
    expect(of('size 3/4 sleeve', 'date')).toEqual([]);
  });

  it('finds SKUs and product titles from the catalogue and the order', () => {
    const e = extract('The ll-2041-oat throw and the Merino Cardigan are wrong', {
      catalogue: [{ sku: 'LL-2041-OAT', title: 'Oat Throw' }],
      order: { items: [{ sku: 'LL-3000', title: 'Merino Cardigan' }] },
    });
    expect(e.filter((x) => x.type === 'sku').map((x) => x.value)).toEqual(['LL-2041-OAT']);
    expect(e.filter((x) => x.type === 'product').map((x) => x.meta?.sku)).toEqual(['LL-3000']);
  });
});
