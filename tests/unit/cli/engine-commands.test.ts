import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAnalyzeCommand } from '../../../src/main/cli/commands/analyze';
import { formatBenchReport, runEngineBench } from '../../../src/main/cli/commands/bench';
import { createRedactCommand } from '../../../src/main/cli/commands/redact';
import type { CliIo } from '../../../src/main/cli/io';
import { createEngine } from '../../../src/main/engine';
import { fakeClassifier } from '../engine/fake-classifier';

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function io(stdin: Readable): { io: CliIo; out: () => string; err: () => string } {
  const out = collect();
  const err = collect();
  return {
    io: { stdin, stdout: out.stream, stderr: err.stream, env: {}, cwd: process.cwd() },
    out: out.text,
    err: err.text,
  };
}

const lines = (s: string): Record<string, unknown>[] =>
  s
    .trim()
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const engine = createEngine({ intentClassifier: fakeClassifier() });

describe('analyze command', () => {
  it('answers every line in order, with errors for bad lines, and exits 0', async () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: 'Where is my order #1234? Mail me at jo@example.com',
        now: '2026-03-10T00:00:00Z',
      }),
      '{not json',
      JSON.stringify({ id: 'b', text: 42 }),
      JSON.stringify({ text: 'I want a refund', customer: { lifetimeValue: -5 } }),
      '',
      JSON.stringify({ id: 7, text: 'I want a refund now' }),
      JSON.stringify([1, 2]),
    ].join('\n');
    const t = io(Readable.from([input]));
    const code = await createAnalyzeCommand({ engine })([], t.io);
    expect(code).toBe(0);
    const out = lines(t.out());
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({ id: 'a', isCustomerMessage: true, intent: { label: 'order_status' } });
    expect(out[0]!.redactedText).toBe('Where is my order #1234? Mail me at [EMAIL_1]');
    expect(Object.keys(out[0]!)).toEqual(
      expect.arrayContaining([
        'id',
        'language',
        'isCustomerMessage',
        'truncated',
        'intent',
        'sentiment',
        'churnRisk',
        'escalation',
        'entities',
        'redactedText',
      ]),
    );
    expect(out[0]).not.toHaveProperty('normalizedText');
    expect(out[0]).not.toHaveProperty('restore');
    expect(out[1]).toEqual({
      error: { code: 'invalid_json', message: expect.stringContaining('Invalid JSON') },
    });
    expect(out[2]).toEqual({
      id: 'b',
      error: { code: 'invalid_input', message: expect.stringContaining('text') },
    });
    expect(out[3]).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringContaining('customer.lifetimeValue') },
    });
    expect(out[4]).toMatchObject({ id: 7, intent: { label: 'refund' } });
    expect(out[5]).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('keeps order over a stream fed in odd chunks with CRLF line ends', async () => {
    const n = 300;
    const stdin = new PassThrough();
    const t = io(stdin);
    const done = createAnalyzeCommand({ engine })([], t.io);
    const payload = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: i, text: `order #${1000 + i} is late` }),
    ).join('\r\n');
    for (let i = 0; i < payload.length; i += 97) stdin.write(payload.slice(i, i + 97));
    stdin.end();
    expect(await done).toBe(0);
    const ids = lines(t.out()).map((l) => l.id);
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('exits non-zero only when the input cannot be read', async () => {
    const stdin = new Readable({
      read() {
        this.push(JSON.stringify({ id: 1, text: 'hello there friend' }) + '\n');
        this.destroy(new Error('EIO: broken pipe'));
      },
    });
    const t = io(stdin);
    expect(await createAnalyzeCommand({ engine })([], t.io)).toBe(1);
    expect(t.err()).toContain('Cannot read input');
  });

  it('lets extensions add fields to each line (suggestions, LLM drafts)', async () => {
    const t = io(Readable.from([JSON.stringify({ id: 1, text: 'Where is my order?' })]));
    const code = await createAnalyzeCommand({
      engine,
      extensions: [(line, _input, analysis) => ({ ...line, probe: { intent: analysis.intent.label } })],
    })([], t.io);
    expect(code).toBe(0);
    expect(lines(t.out())[0]).toMatchObject({ id: 1, probe: { intent: 'order_status' } });
  });
});

describe('redact command', () => {
  it('redacts each line and points spans at the placeholders', async () => {
    const input = [
      JSON.stringify({ id: 1, text: 'card ４１１１ １１１１ １１１１ １１１１, order #5521, mail a@b.co' }),
      'nope',
      JSON.stringify({ id: 2, text: 'I am Ana Diaz', customer: { name: 'Ana Diaz' } }),
    ].join('\n');
    const t = io(Readable.from([input]));
    expect(await createRedactCommand()([], t.io)).toBe(0);
    const [first, bad, second] = lines(t.out()) as {
      id: number;
      text: string;
      entities: { type: string; span: [number, number] }[];
    }[];
    expect(first!.text).toBe('card [CARD_1], order #5521, mail [EMAIL_1]');
    for (const e of first!.entities) expect(first!.text.slice(...e.span)).toMatch(/^\[(CARD|EMAIL)_1\]$/);
    expect(bad).toMatchObject({ error: { code: 'invalid_json' } });
    expect(second!.text).toBe('I am [NAME_1]');
  });
});

describe('bench', () => {
  it('measures every figure and formats a report', async () => {
    const report = await runEngineBench({ messages: 20, warmup: 5, coldRuns: 1 });
    expect(report.corpus.messages).toBe(20);
    expect(report.corpus.minChars).toBeGreaterThanOrEqual(150);
    expect(report.latency.p99Ms).toBeGreaterThan(0);
    expect(report.throughput.messagesPerSecond).toBeGreaterThan(0);
    expect(report.coldStart.readyMs).toBeGreaterThan(0);
    // Measured in a separate process that loaded the bundled engine and analysed the corpus.
    expect(report.coldStart.runs).toHaveLength(1);
    expect(report.coldStart.runs[0]!.createMs).toBeGreaterThan(0);
    expect(report.memory.rssGrowthMb).toBeGreaterThan(0);
    expect(Object.keys(report.hostileRedaction)).toContain('100k digits');
    const text = formatBenchReport(report);
    for (const label of ['p99', 'messages/s', 'ready', 'RSS', '100k digits']) expect(text).toContain(label);
  }, 120_000);
});
