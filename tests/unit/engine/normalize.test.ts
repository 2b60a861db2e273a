import { describe, expect, it } from 'vitest';
import { graphemeSafeCut, looksLikeHtml, normalize, toSourceSpan } from '../../../src/main/engine/normalize';

/** No lone surrogate halves (String#isWellFormed without needing the ES2024 lib). */
const wellFormed = (s: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('normalize', () => {
  it('converts HTML to text and drops scripts, styles and quoted blocks', () => {
    const n = normalize(
      '<html><head><style>p{color:red}</style></head><body><p>Where is <b>my</b> order?</p><script>alert("x")</script><blockquote>old thread</blockquote><img src=x onerror=alert(1)></body></html>',
    );
    expect(n.wasHtml).toBe(true);
    expect(n.text).toBe('Where is my order?');
    expect(n.text).not.toMatch(/alert|color|old thread/);
  });

  it('leaves plain text with angle brackets alone', () => {
    expect(looksLikeHtml('I <3 your shop, 2 < 3')).toBe(false);
    expect(normalize('I <3 your shop').text).toBe('I <3 your shop');
  });

  it('applies NFKC so full-width digits and letters become ASCII', () => {
    expect(normalize('ｏｒｄｅｒ　＃１２３４').text).toBe('order #1234');
  });

  it('strips zero-width and bidi controls and maps spans back to the source', () => {
    const source = 'card 41\u200B11 and \u202Eevil\u202C text';
    const n = normalize(source);
    expect(n.text).toBe('card 4111 and evil text');
    expect(n.invisibleRemoved).toBe(3);
    const start = n.text.indexOf('4111');
    const [s, e] = toSourceSpan(n, [start, start + 4]);
    expect(n.source.slice(s, e)).toBe('41\u200B11');
    const evil = n.text.indexOf('evil');
    const [es, ee] = toSourceSpan(n, [evil, evil + 4]);
    expect(n.source.slice(es, ee)).toBe('evil');
  });

  it('removes "On … wrote:" chains, Outlook headers, > quotes and signatures', () => {
    expect(
      normalize(
        'Still no parcel!\n\nOn Mon, 3 Jun 2024 at 10:02, Support <help@shop.com> wrote:\n> We shipped it',
      ).text,
    ).toBe('Still no parcel!');
    expect(
      normalize('Any update?\nOn Tue, Jun 4, 2024 at 9:00 AM Lumen Support <s@x.com>\nwrote:\nold').text,
    ).toBe('Any update?');
    expect(normalize('Refund please\n-----Original Message-----\nFrom: shop\nold text').text).toBe(
      'Refund please',
    );
    expect(normalize('Hi\nFrom: Support <s@shop.com>\nSent: Monday\nSubject: Re: order\nold').text).toBe(
      'Hi',
    );
    expect(normalize('> quoted line\nmy actual question\n> more quote').text).toBe('my actual question');
    expect(normalize('Where is it?\n\nSent from my iPhone').text).toBe('Where is it?');
    expect(normalize('Where is it?\n-- \nJane Doe | ACME').text).toBe('Where is it?');
  });

  it('keeps a message that is only a quote rather than emptying it', () => {
    expect(normalize('> please cancel my order').text).toBe('> please cancel my order');
  });

  it('collapses whitespace but keeps paragraph breaks', () => {
    expect(normalize('  a \t\t b  \r\n\r\n\r\n\r\n c \n d  ').text).toBe('a b\n\nc\nd');
  });

  it('caps long input at a grapheme boundary and flags it', () => {
    const family = '👨‍👩‍👧';
    const text = 'a'.repeat(99) + '🇫🇷' + 'b'.repeat(50);
    const n = normalize(text, { maxChars: 100 });
    expect(n.truncated).toBe(true);
    expect(n.text).toBe('a'.repeat(99)); // the flag (2 code points) does not fit
    expect(graphemeSafeCut('x' + family, 3)).toBe(1);
    const cut = normalize('é'.normalize('NFD').repeat(30), { maxChars: 11 });
    expect(cut.text.length).toBeLessThanOrEqual(11);
    expect(cut.text.normalize('NFC')).toBe('é'.repeat(cut.text.length));
  });

  it('handles empty, NUL bytes, binary noise and lone surrogates', () => {
    expect(normalize('').text).toBe('');
    expect(normalize('where\u0000is\u0000my order').text).toBe('where is my order');
    const binary = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => i % 256));
    expect(() => normalize(binary)).not.toThrow();
    // eslint-disable-next-line no-control-regex -- asserting that control characters are gone
    expect(normalize(binary).text).not.toMatch(new RegExp('[\\u0000-\\u0008\\u000E-\\u001F]'));
    const n = normalize('bad \uD800 half \uDC00 end');
    expect(n.text).toBe('bad \uFFFD half \uFFFD end');
    expect(wellFormed(n.text)).toBe(true);
  });

  it('keeps right-to-left text intact', () => {
    const n = normalize('\u202Bطلبي لم يصل\u202C رقم #1234');
    expect(n.text).toBe('طلبي لم يصل رقم #1234');
  });

  it('analyses the head of a 10 MB paste quickly', () => {
    const big = 'Where is my order? '.repeat(550_000);
    const t = performance.now();
    const n = normalize(big);
    expect(performance.now() - t).toBeLessThan(1000); // catastrophic-slowness guard only; budgets live in the bench
    expect(n.truncated).toBe(true);
    expect(n.text.length).toBeLessThanOrEqual(20_000);
  });
});
