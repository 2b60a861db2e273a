import { describe, expect, it } from 'vitest';
import { createRedactor, restorePlaceholders } from '../../../src/main/engine';
import { cardBrand, ibanValid, luhnValid } from '../../../src/main/engine/redact/checksums';

const redactor = createRedactor();

describe('checksums', () => {
  it('validates Luhn, issuer prefixes and IBAN mod 97', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('1234567812345670')).toBeUndefined();
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false); // wrong length for DE
  });
});

describe('redact', () => {
  it('gives repeats the same placeholder and distinct values distinct ones', () => {
    const r = redactor.redactText('mail a@example.com or A@example.com, else b@example.com');
    expect(r.text).toBe('mail [EMAIL_1] or [EMAIL_1], else [EMAIL_2]');
    expect(r.entities.map((e) => e.placeholder)).toEqual(['[EMAIL_1]', '[EMAIL_1]', '[EMAIL_2]']);
  });

  it('reports spans in the input and in the redacted text', () => {
    const input = 'card 4111 1111 1111 1111 thanks';
    const r = redactor.redactText(input);
    const [e] = r.entities;
    expect(input.slice(...e!.span)).toBe('4111 1111 1111 1111');
    expect(r.text.slice(...e!.redactedSpan)).toBe('[CARD_1]');
  });

  it('keeps restorable values only, and restores only those', () => {
    const r = redactor.redactText(
      'I am Dana Reyes, card 4111111111111111, password: hunter2, mail dana@example.com',
      {
        customer: { name: 'Dana Reyes' },
      },
    );
    expect(r.restore['[CARD_1]']).toEqual({ type: 'CARD', allowRestore: false });
    expect(r.restore['[PASSWORD_1]']).toEqual({ type: 'PASSWORD', allowRestore: false });
    expect(JSON.stringify(r.restore)).not.toContain('4111');
    expect(JSON.stringify(r.restore)).not.toContain('hunter2');
    expect(r.restore['[EMAIL_1]']).toMatchObject({ allowRestore: true, value: 'dana@example.com' });
    const draft = 'Hi [NAME_1], we will never ask for [CARD_1] or [PASSWORD_1]; we wrote to [EMAIL_1].';
    expect(restorePlaceholders(draft, r.restore)).toBe(
      'Hi Dana Reyes, we will never ask for [CARD_1] or [PASSWORD_1]; we wrote to dana@example.com.',
    );
  });

  it('does not treat order numbers, tracking numbers, amounts and dates as phones', () => {
    const text = 'Order #4155552671 (order 4155552671), UPS 1Z999AA10123456784, $4,155.55, 2024-03-15';
    expect(redactor.redactText(text).text).toBe(text);
  });

  it('does not mask words after "password is" that are not passwords', () => {
    expect(redactor.redactText('my password is not working').text).toBe('my password is not working');
  });

  it.each([
    ['100k digits', '4'.repeat(100_000)],
    ['100k chars without spaces', 'ab1@x.'.repeat(16_667)],
    ['100k letters', 'a'.repeat(100_000)],
    ['50k one-digit groups', '1 '.repeat(50_000)],
    ['many e-mails', 'x@y.co '.repeat(14_000)],
    ['many phone-like numbers', '(415) 555-2671 '.repeat(6_000)],
    ['IBAN prefixes', 'DE89'.repeat(25_000)],
    ['street-like', '12 Main '.repeat(12_000)],
    ['password cues', 'password is '.repeat(8_000)],
  ])('finishes on hostile input: %s', (_name, text) => {
    const t = performance.now();
    const r = redactor.redactText(text);
    // Catastrophic-backtracking guard only; the < 50 ms budget is measured by `cli bench`.
    expect(performance.now() - t).toBeLessThan(1500);
    expect(typeof r.text).toBe('string');
  });
});
