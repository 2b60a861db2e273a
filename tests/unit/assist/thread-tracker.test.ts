import { describe, expect, it } from 'vitest';
import { ThreadTracker } from '../../../src/main/assist/thread-tracker';

describe('ThreadTracker', () => {
  it('continues a thread for the same order and starts a new one for another order', () => {
    let now = 0;
    const tracker = new ThreadTracker(() => now);
    const a = tracker.resolve({ orderNumbers: ['1001'], emails: [] });
    tracker.addTurn(a, { author: 'customer', text: 'where is 1001' });
    now += 60_000;
    expect(tracker.resolve({ orderNumbers: [], emails: [] })).toBe(a);
    expect(tracker.resolve({ orderNumbers: ['1001'], emails: [] })).toBe(a);
    const b = tracker.resolve({ orderNumbers: ['2002'], emails: [] });
    expect(b).not.toBe(a);
    expect(b.turns).toEqual([]);
  });

  it('starts a new thread after a long pause unless a key is shared', () => {
    let now = 0;
    const tracker = new ThreadTracker(() => now);
    const a = tracker.resolve({ orderNumbers: ['1001'], emails: [] });
    tracker.addTurn(a, { author: 'customer', text: 'x' });
    now += 2 * 60 * 60 * 1000;
    expect(tracker.resolve({ orderNumbers: ['1001'], emails: [] })).toBe(a);
    now += 2 * 60 * 60 * 1000;
    expect(tracker.resolve({ orderNumbers: [], emails: [] })).not.toBe(a);
  });

  it('keys ticket threads by ticket id and honours reset', () => {
    const tracker = new ThreadTracker(() => 0);
    const a = tracker.resolve({ ticketId: '7', orderNumbers: [], emails: [] });
    expect(tracker.resolve({ ticketId: '7', orderNumbers: [], emails: [] })).toBe(a);
    expect(tracker.resolve({ ticketId: '8', orderNumbers: [], emails: [] })).not.toBe(a);
    tracker.reset();
    expect(tracker.thread).toBeNull();
  });

  it('a different customer e-mail starts a new thread', () => {
    const tracker = new ThreadTracker(() => 0);
    const a = tracker.resolve({ orderNumbers: [], emails: [] }, { customer: { email: 'a@x.com' } });
    expect(tracker.resolve({ orderNumbers: [], emails: [] }, { customer: { email: 'b@x.com' } })).not.toBe(a);
  });
});
