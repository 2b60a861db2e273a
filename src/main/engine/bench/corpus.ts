import type { MessageInput } from '../../../shared/domain/context';

/** Small seeded PRNG (mulberry32) so every bench run measures the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPENERS = [
  'Hi there,',
  'Hello,',
  'Hey',
  'Good morning,',
  'Dear Lumen & Loom team,',
  'hi',
  'HELLO??',
  'To whom it may concern,',
  'Hi Sarah,',
  'Hiya,',
];
const REQUESTS = [
  'I placed order #{order} on {date} and it still has not arrived. The tracking number {tracking} has not updated in a week.',
  'where is my order {order}?? its been 10 days and nothing. i paid {amount} for express shipping',
  'The linen duvet cover I received is torn along the seam and the color is completely different from the photos.',
  'I would like to return the wool sweater from order #{order}, it is too small. Can you send me a return label?',
  'You charged my card twice for the same order ({amount} each time). Please refund the duplicate charge immediately.',
  'Can I change the shipping address on order #{order}? I moved last week. The new address is 42 Oak Street, Springfield, IL 62704.',
  'Do you ship to Canada and how long does it take? Also what are the shipping costs for orders under $75?',
  'My discount code SPRING15 is not working at checkout, it says invalid. Can you help?',
  'I need to cancel my order before it ships please, I ordered the wrong size by mistake.',
  'This is the third time I am writing to you. Nobody answers. This is ridiculous and unacceptable!!!',
  'I want to speak to a manager right now. I am done with the bot replies.',
  'Under GDPR I request a copy of all personal data you hold about me, and then delete my account.',
  'My daughter had an allergic reaction to the dye in the kids pajamas. Her skin broke out in a rash.',
  'The package was marked delivered yesterday but I never got it. My neighbours did not see it either.',
  'I got the wrong item: I ordered the oat color throw blanket (SKU LL-2041-OAT) and received charcoal.',
  'Just wanted to say the ceramic mugs are gorgeous and arrived super quickly. Thank you so much!',
  'How do I pause my monthly candle subscription? I am travelling for two months.',
  'I cannot log in to my account, the password reset email never arrives. My email is jane.doe@example.com.',
  'Is the merino cardigan true to size? I am usually a medium but between sizes in your chart.',
  'Payment keeps getting declined even though my card works everywhere else. Card ends in 4242.',
  'If I do not get my refund of {amount} by Friday I will file a chargeback with my bank and leave a review on Trustpilot.',
  'You can call me on (415) 555-2671 after 5pm, or text me.',
];
const DETAILS = [
  'I have been a customer for years and never had an issue before.',
  'My sister recommended your store and I was excited to try it.',
  'I already checked with the carrier and they said to contact the seller.',
  'The box looked like it had been opened and taped back up.',
  'I need it for a birthday on {date} so time is important.',
  'Honestly I am pretty disappointed with how this has been handled so far.',
  'I tried the live chat but it kept disconnecting.',
  'Please let me know what information you need from me.',
  'I attached photos of the damage to this email.',
  'The order confirmation said delivery by {date}.',
  'i dont want store credit i want my money back',
  'I really love your products but this experience is frustrating.',
  'Could you also check whether the matching pillowcases are back in stock?',
  'We are hosting family next weekend so I was counting on these sheets.',
];
const CLOSERS = [
  'Thanks,\nMaria Lopez',
  'Regards, Tom',
  'thx',
  'Thank you!',
  'Best,\nJ. Chen',
  'Cheers',
  '',
  'Sent from my iPhone',
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function fill(rnd: () => number, template: string): string {
  return template
    .replace(/\{order\}/g, () => String(1000 + Math.floor(rnd() * 90_000)))
    .replace(/\{tracking\}/g, () =>
      `1Z${Math.floor(rnd() * 1e8)
        .toString(36)
        .toUpperCase()
        .padStart(6, '0')}0${Math.floor(rnd() * 1e9)}`.slice(0, 18),
    )
    .replace(/\{amount\}/g, () => `$${(5 + rnd() * 300).toFixed(2)}`)
    .replace(/\{date\}/g, () =>
      pick(rnd, ['March 3', 'last Monday', '04/12/2026', 'May 21st', '2 weeks ago']),
    );
}

/**
 * A realistic support-message corpus: opener, a request (any intent), details and a sign-off,
 * grown until the target length (0.2–2 KB), with typos, caps and PII sprinkled like real traffic.
 */
export function generateCorpus(count: number, seed = 42, minChars = 200, maxChars = 2000): MessageInput[] {
  const rnd = seededRandom(seed);
  const out: MessageInput[] = [];
  for (let i = 0; i < count; i++) {
    const target = minChars + Math.floor(rnd() * (maxChars - minChars));
    const parts = [pick(rnd, OPENERS), fill(rnd, pick(rnd, REQUESTS))];
    while (parts.join(' ').length < target - 60) {
      parts.push(fill(rnd, rnd() < 0.3 ? pick(rnd, REQUESTS) : pick(rnd, DETAILS)));
    }
    let text = `${parts.join(' ')}\n\n${pick(rnd, CLOSERS)}`.slice(0, maxChars);
    if (rnd() < 0.1) text = text.toUpperCase();
    if (rnd() < 0.1) text = `<p>${text.replace(/\n/g, '<br>')}</p>`;
    out.push({
      text,
      customer:
        rnd() < 0.5
          ? {
              name: 'Maria Lopez',
              lifetimeValue: Math.floor(rnd() * 3000),
              ordersCount: 1 + Math.floor(rnd() * 20),
            }
          : undefined,
      order:
        rnd() < 0.5
          ? { number: '#1001', status: 'shipped', promisedBy: '2026-03-01T00:00:00Z', carrier: 'UPS' }
          : undefined,
      now: '2026-03-10T12:00:00Z',
    });
  }
  return out;
}
