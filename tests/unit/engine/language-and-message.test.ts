import { describe, expect, it } from 'vitest';
import { classifyCustomerMessage, ownWriteHash } from '../../../src/main/engine/customer-message';
import { detectLanguage, englishShare } from '../../../src/main/engine/language';

describe('detectLanguage', () => {
  it('settles plain English on the function-word path even with a stray foreign word in it', () => {
    // "IL" (a US state) is also Italian "il": one such word must not send English text to the detector.
    const text =
      'Hiya, can I change the shipping address on order #26875? I moved last week. The new address is 42 Oak Street, Springfield, IL 62704.';
    expect(englishShare(text)).toBeGreaterThan(0.3);
    expect(detectLanguage(text)).toMatchObject({ language: 'en', source: 'detected' });
    // Real French or Spanish still goes to the detector.
    expect(
      englishShare("Bonjour, je n'ai pas reçu ma commande de la semaine dernière, et le colis est perdu."),
    ).toBe(undefined);
    expect(englishShare('Hola, el pedido que hice la semana pasada no ha llegado y es para un regalo.')).toBe(
      undefined,
    );
  });

  it.each([
    ['Hi, my package never arrived and I would like to know where it is.', 'en'],
    ['Hola, mi pedido todavía no ha llegado y ya pasaron dos semanas.', 'es'],
    ["Bonjour, je n'ai toujours pas reçu ma commande, pouvez-vous m'aider ?", 'fr'],
    ['Hallo, meine Bestellung ist noch nicht angekommen, können Sie helfen?', 'de'],
    ['Olá, o meu pedido ainda não chegou, já faz duas semanas.', 'pt'],
    ['Где мой заказ? Прошло уже две недели.', 'ru'],
    ['注文した商品がまだ届きません', 'ja'],
  ])('detects %s as %s', (text, lang) => {
    const r = detectLanguage(text);
    expect(r.language).toBe(lang);
    expect(r.source).toBe('detected');
  });

  it('falls back to the hint, then the store language, on short text', () => {
    expect(detectLanguage('ok')).toEqual({ language: 'en', source: 'fallback', confidence: 0 });
    expect(detectLanguage('ok', { hint: 'de-AT' })).toMatchObject({ language: 'de', source: 'hint' });
    expect(detectLanguage('ok', { fallback: 'fr' })).toMatchObject({ language: 'fr', source: 'fallback' });
    expect(detectLanguage('')).toMatchObject({ language: 'en', source: 'fallback' });
  });

  it('ignores URLs, e-mails and numbers when judging', () => {
    expect(detectLanguage('https://example.com/a/b/c 123456 jane@example.com').source).toBe('fallback');
  });
});

describe('classifyCustomerMessage', () => {
  const verdict = (text: string, own?: Parameters<typeof classifyCustomerMessage>[2]) =>
    classifyCustomerMessage(text, text.trim(), own);

  it('accepts ordinary messages, including short ones with two words', () => {
    expect(verdict('Where is my order #1234?')).toEqual({ isCustomerMessage: true });
    expect(verdict('cancel pls')).toEqual({ isCustomerMessage: true });
    expect(verdict('注文した商品がまだ届きません')).toEqual({ isCustomerMessage: true });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://lumenandloom.com/orders/1234?ref=mail', 'url'],
    ['www.example.com/track', 'url'],
    ['1Z999AA10123456784', 'number'],
    ['#10023', 'number'],
    ['+1 (415) 555-2671', 'number'],
    ['$45.99', 'number'],
    ['hello', 'too_short'],
    ['const x = await fetch(url);\nif (!x.ok) { throw new Error(x.status); }', 'code'],
    ['{"id": 1, "text": "hi"}', 'code'],
    ['SELECT * FROM orders WHERE id = 5;\nDELETE FROM carts;', 'code'],
  ])('rejects %j as %s', (text, reason) => {
    const v = verdict(text);
    expect(v.isCustomerMessage).toBe(false);
    expect(v.reason).toBe(reason);
    expect(v.message).toBeTruthy();
  });

  it('rejects text Tandem itself just wrote, by hash set or predicate', () => {
    const reply = 'Hi Maria, your order shipped today. — The Lumen & Loom team';
    expect(verdict(reply, new Set([ownWriteHash(reply)])).reason).toBe('own_write');
    expect(verdict(`  ${reply}\n`, new Set([ownWriteHash(reply)])).reason).toBe('own_write');
    expect(verdict(reply, (t) => t === reply).reason).toBe('own_write');
    expect(verdict(reply, new Set([ownWriteHash('something else')])).isCustomerMessage).toBe(true);
  });
});
