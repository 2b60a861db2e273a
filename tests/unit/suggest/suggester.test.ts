import { beforeAll, describe, expect, it } from 'vitest';
import { loadMacroLibrary, parseMacroFile } from '../../../src/main/knowledge';
import type { Macro } from '../../../src/main/knowledge';
import { createPolicyChecker, loadPolicyPack } from '../../../src/main/policy';
import type { PolicyChecker } from '../../../src/main/policy';
import {
  createSuggester,
  fillTemplate,
  formatDate,
  formatMoney,
  resolvePlaceholders,
} from '../../../src/main/suggest';
import type { Suggester } from '../../../src/main/suggest';
import { analysis, fullContext, MACROS_DIR, NOW, PACK_FILE, shippedContext } from './fixtures';

let macros: Macro[];
let checker: PolicyChecker;
let suggester: Suggester;
beforeAll(async () => {
  macros = (await loadMacroLibrary([MACROS_DIR])).macros;
  checker = createPolicyChecker(await loadPolicyPack(PACK_FILE));
  suggester = createSuggester({ macros, policy: checker });
});

describe('every shipped macro', () => {
  it('fills completely from a full context and passes the policy check', () => {
    const failures: string[] = [];
    for (const m of macros) {
      const ctx = fullContext(m.language);
      const values = resolvePlaceholders(
        { input: ctx, entities: [], pack: checker.pack, language: m.language },
        Date.parse(NOW),
      );
      const { text, unfilled } = fillTemplate(m.body, values);
      const result = checker.check(text, {
        customer: ctx.customer,
        order: ctx.order,
        customerLanguage: m.language,
      });
      if (unfilled.length || result.verdict !== 'pass') {
        failures.push(
          `${m.id}: ${unfilled.join(',')} ${result.findings.map((f) => `${f.rule} "${text.slice(...f.span)}"`).join('; ')}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('suggest', () => {
  it('returns up to 3 ranked offline suggestions with filled context', () => {
    const input = shippedContext();
    const out = suggester.suggest(
      input,
      analysis('Where is my order #4821? It shipped days ago.', 'order_status'),
    );
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(3);
    const [first] = out;
    expect(first).toMatchObject({
      macroId: 'order-status-shipped',
      source: 'offline',
      policy: { verdict: 'pass' },
    });
    expect(first!.text).toContain('Hi Maya,');
    expect(first!.text).toContain('#4821');
    expect(first!.text).toContain('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(first!.text).toContain('November 26, 2026');
    for (let i = 1; i < out.length; i++)
      expect(out[i - 1]!.confidence).toBeGreaterThanOrEqual(out[i]!.confidence);
    expect(new Set(out.map((s) => s.macroId)).size).toBe(out.length);
  });

  it('is deterministic: same input, same ids, texts and order', () => {
    const a = suggester.suggest(fullContext(), analysis('where is my order', 'order_status'), { now: NOW });
    const b = suggester.suggest(fullContext(), analysis('where is my order', 'order_status'), { now: NOW });
    expect(b).toEqual(a);
    expect(a[0]!.id).toMatch(/^off_[0-9a-f]{8}$/);
    expect(
      suggester.suggest(fullContext(), analysis('where is my order', 'order_status'), { max: 1 }),
    ).toHaveLength(1);
  });

  it('computes the return deadline from deliveredAt plus the pack window', () => {
    const input = {
      ...fullContext(),
      order: { ...fullContext().order, status: 'delivered' as const, deliveredAt: '2026-11-20' },
    };
    const out = suggester.suggest(input, analysis('I want to return my duvet cover', 'return_or_exchange'));
    const ret = out.find((s) => s.macroId === 'return-within-window');
    expect(ret?.text).toContain('until December 20, 2026');
  });

  it('answers in the customer language when a macro exists in it, with local dates', () => {
    const es = { ...shippedContext('es'), text: '¿Dónde está mi pedido?' };
    const out = suggester.suggest(es, analysis('¿Dónde está mi pedido?', 'order_status', { language: 'es' }));
    expect(out[0]!.macroId).toBe('order-status-shipped.es');
    expect(out[0]!.text).toContain('26 de noviembre de 2026');
    expect(out[0]!.policy.verdict).toBe('pass');
    const de = { ...shippedContext('de'), text: 'Wo ist meine Bestellung?' };
    const outDe = suggester.suggest(
      de,
      analysis('Wo ist meine Bestellung?', 'order_status', { language: 'de' }),
    );
    expect(outDe[0]!.macroId).toBe('order-status-shipped.de');
    expect(outDe[0]!.text).toContain('26. November 2026');
  });

  it('falls back to English when no macro exists in the language, and the check warns', () => {
    const fr = { ...fullContext('fr'), text: 'Je voudrais parler à une personne' };
    const out = suggester.suggest(
      fr,
      analysis('Je voudrais parler à une personne', 'talk_to_human', { language: 'fr' }),
    );
    expect(out[0]!.macroId).toMatch(/^human-/);
    expect(out[0]!.policy.findings.map((f) => f.rule)).toContain('wrong-language');
  });

  it('leaves placeholders it cannot fill visible and blocks them', () => {
    const bare = { text: 'where is my order?', now: NOW, order: { status: 'shipped' as const } };
    const out = suggester.suggest(bare, analysis('where is my order?', 'order_status'));
    const shipped = out.find((s) => s.macroId === 'order-status-shipped')!;
    expect(shipped.text).toContain('{{order.trackingUrl}}');
    expect(shipped.policy.verdict).toBe('block');
    const spans = shipped.policy.findings
      .filter((f) => f.rule === 'unfilled-placeholder')
      .map((f) => shipped.text.slice(...f.span));
    expect(spans).toEqual(expect.arrayContaining(['{{order.number}}', '{{order.trackingUrl}}']));
  });

  it('greets without a name when none is known, in each language', () => {
    expect(fillTemplate('Hi {{customer.firstName}},\n\nThanks!', {}).text).toBe('Hi there,\n\nThanks!');
    expect(fillTemplate('Hola {{customer.firstName}}:\nGracias', {}).text).toBe('Hola:\nGracias');
    expect(fillTemplate('Hallo {{customer.firstName}},\nDanke', {}).text).toBe('Hallo,\nDanke');
    expect(fillTemplate('Hi {{customer.firstName}},', { 'customer.firstName': 'Ana' }).text).toBe('Hi Ana,');
    // Only the opening greeting: a name later in the body stays visible and unfilled.
    const later = fillTemplate('Hi {{customer.firstName}},\nSee you, {{customer.firstName}}.', {});
    expect(later.text).toBe('Hi there,\nSee you, {{customer.firstName}}.');
    expect(later.unfilled).toEqual(['customer.firstName']);
  });

  it('flags a team macro whose placeholder has no value in the context', () => {
    const team = parseMacroFile(
      '---\nid: team-eta\ntitle: ETA\nlanguage: en\nintents: [order_status]\n---\nHi {{customer.firstName}}, your order {{order.number}} is expected {{order.promisedBy}}.\n\n— The Lumen & Loom team\n',
      'team/eta.md',
    ).macro!;
    const s = createSuggester({ macros: [team], policy: checker });
    const [only] = s.suggest(
      { text: 'eta?', now: NOW, customer: { name: 'Ana Ruiz' } },
      analysis('eta?', 'order_status'),
    );
    expect(only!.text).toBe(
      'Hi Ana, your order {{order.number}} is expected {{order.promisedBy}}.\n\n— The Lumen & Loom team',
    );
    expect(only!.policy.findings.filter((f) => f.rule === 'unfilled-placeholder')).toHaveLength(2);
    expect(only!.policy.verdict).toBe('block');
  });

  it('uses the order number and tracking found in the message when the context has none', () => {
    const a = analysis('where is order #5512', 'order_status');
    a.entities = [
      { type: 'order_number', value: '#5512', span: [15, 20] },
      { type: 'tracking_number', value: '9400111899223817465432', span: [0, 1], meta: { carrier: 'USPS' } },
    ];
    const out = suggester.suggest(
      { text: 'where is order #5512', now: NOW, customer: { firstName: 'Li' }, order: { status: 'shipped' } },
      a,
    );
    const shipped = out.find((s) => s.macroId === 'order-status-shipped')!;
    expect(shipped.text).toContain('#5512');
    expect(shipped.text).toContain(
      'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223817465432',
    );
  });

  it('suggests nothing for text that is not a customer message', () => {
    const a = { ...analysis('https://example.com', 'other'), isCustomerMessage: false };
    expect(suggester.suggest({ text: 'https://example.com' }, a)).toEqual([]);
  });
});

describe('formatting', () => {
  it('formats dates and money per language', () => {
    expect(formatDate('2026-12-20', 'en')).toBe('December 20, 2026');
    expect(formatDate('2026-12-20', 'es')).toBe('20 de diciembre de 2026');
    expect(formatDate('2026-12-20', 'de')).toBe('20. Dezember 2026');
    expect(formatDate('not a date', 'en')).toBeUndefined();
    expect(formatMoney(84.5, 'USD', 'en')).toBe('$84.50');
    expect(formatMoney(84.5, 'EUR', 'de')).toMatch(/^84,50\s€$/);
  });
});

describe('analyze line extension', () => {
  it('adds suggestions with id, text, macroId, confidence and policy to an output line', async () => {
    const { createSuggestionsExtension } = await import('../../../src/main/suggest');
    const extend = createSuggestionsExtension(suggester);
    const input = shippedContext();
    const line = extend({ id: 'm1', language: 'en' }, input, analysis('where is my order', 'order_status'));
    expect(line).toMatchObject({ id: 'm1', language: 'en' });
    const suggestions = line.suggestions as Record<string, unknown>[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect(Object.keys(suggestions[0]!).sort()).toEqual(['confidence', 'id', 'macroId', 'policy', 'text']);
    expect(suggestions[0]!.policy).toMatchObject({ verdict: 'pass', findings: [] });
  });
});
