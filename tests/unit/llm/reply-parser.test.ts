import { describe, expect, it } from 'vitest';
import { parseJsonReplies, splitTextReplies, StreamingReplyParser } from '../../../src/main/llm/reply-parser';

/** Feeds text in chunks of `size` characters and returns the parser. */
const feed = (text: string, size: number): StreamingReplyParser => {
  const p = new StreamingReplyParser();
  for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
  return p;
};

describe('StreamingReplyParser', () => {
  const doc = JSON.stringify({
    replies: [
      { text: 'Hi "Dana",\nline two \\ ok — 😀 café', macroId: 'm-1' },
      { text: 'Second\treply', macroId: null },
    ],
  });

  it.each([1, 2, 3, 7, 64])('decodes escapes, unicode and emoji split across chunks of %i', (size) => {
    const p = feed(doc, size);
    expect(p.replies).toEqual([
      { text: 'Hi "Dana",\nline two \\ ok — 😀 café', closed: true },
      { text: 'Second\treply', closed: true },
    ]);
    expect(p.finish(3)).toEqual({
      format: 'json',
      replies: [
        { text: 'Hi "Dana",\nline two \\ ok — 😀 café', macroId: 'm-1' },
        { text: 'Second\treply', macroId: null },
      ],
    });
  });

  it('decodes \\u escapes (including surrogate pairs) split across chunks', () => {
    const p = feed('{"replies":[{"text":"caf\\u00e9 \\ud83d\\ude00"}]}', 3);
    expect(p.replies[0]).toEqual({ text: 'café 😀', closed: true });
  });

  it('shows the first reply while the second is still open', () => {
    const p = new StreamingReplyParser();
    expect(p.push('{"replies":[{"text":"Hello the')).toEqual([0]);
    expect(p.replies).toEqual([{ text: 'Hello the', closed: false }]);
    expect(p.push('re"},{"text":"Sec')).toEqual([0, 1]);
    expect(p.replies).toEqual([
      { text: 'Hello there', closed: true },
      { text: 'Sec', closed: false },
    ]);
  });

  it('skips a code fence and prose before the JSON', () => {
    const p = feed('```json\n{"replies":[{"text":"A"},{"text":"B"}]}\n```', 4);
    expect(p.replies.map((r) => r.text)).toEqual(['A', 'B']);
    expect(p.finish(3)!.replies.map((r) => r.text)).toEqual(['A', 'B']);
  });

  it('ignores other string fields and nested objects; only reply texts count', () => {
    const p = feed('{"note":"x","replies":[{"macroId":"m","meta":{"text":"no"},"text":"yes"}]}', 5);
    expect(p.replies).toEqual([{ text: 'yes', closed: true }]);
  });

  it('accepts an array of strings and a root array', () => {
    expect(feed('{"replies":["one","two"]}', 3).replies.map((r) => r.text)).toEqual(['one', 'two']);
    expect(feed('[{"text":"solo"}]', 3).replies.map((r) => r.text)).toEqual(['solo']);
  });

  it('keeps only closed replies from a truncated document and caps the count', () => {
    const p = feed('{"replies":[{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"},{"text":"half', 6);
    expect(p.finish(3)!.replies.map((r) => r.text)).toEqual(['a', 'b', 'c']);
  });

  it('returns null for JSON without replies', () => {
    expect(feed('{"answer":42}', 4).finish(3)).toBeNull();
    expect(feed('', 4).finish(3)).toBeNull();
  });

  it('switches to text mode for prose and splits it at the end', () => {
    const p = feed('Reply 1:\nHi there.\n\nReply 2:\nHello again.', 5);
    expect(p.format).toBe('text');
    expect(p.finish(3)).toEqual({
      format: 'text',
      replies: [
        { text: 'Hi there.', macroId: null },
        { text: 'Hello again.', macroId: null },
      ],
    });
  });
});

describe('text fallbacks', () => {
  it('splits on --- separators and drops a preamble', () => {
    expect(splitTextReplies('Here are two options:\n---\nFirst one.\n---\nSecond one.')).toEqual([
      'First one.',
      'Second one.',
    ]);
  });
  it('splits a list numbered from 1', () => {
    expect(splitTextReplies('1. Hi A.\nMore of A.\n2) Hi B.\n3. Hi C.')).toEqual([
      'Hi A.\nMore of A.',
      'Hi B.',
      'Hi C.',
    ]);
  });
  it('splits markdown headings like **Option 2**', () => {
    expect(splitTextReplies('**Option 1**\nAlpha\n\n**Option 2**\nBeta')).toEqual(['Alpha', 'Beta']);
  });
  it('keeps a single reply whole', () => {
    expect(splitTextReplies('Hi Dana,\n\nThanks!\n\n— The Lumen & Loom team')).toEqual([
      'Hi Dana,\n\nThanks!\n\n— The Lumen & Loom team',
    ]);
  });
  it('parses code-fenced JSON and rejects wrong shapes with zod', () => {
    expect(parseJsonReplies('```json\n{"replies":[{"text":" A "}]}\n```')).toEqual([
      { text: 'A', macroId: null },
    ]);
    expect(parseJsonReplies('{"replies":[{"text":5}]}')).toBeNull();
    expect(parseJsonReplies('{"replies":[]}')).toBeNull();
    expect(parseJsonReplies('not json')).toBeNull();
  });
});
