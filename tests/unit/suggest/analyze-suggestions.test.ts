import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAnalyzeCommand } from '../../../src/main/cli/commands/analyze';
import { formatPolicyBench, policyBenchSection } from '../../../src/main/suggest';
import { analysis, NOW, shippedContext } from './fixtures';

describe('analyze command with offline suggestions', () => {
  it('adds ranked, filled, policy-checked suggestions to each line', async () => {
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
    const line = {
      id: 'q1',
      text: 'Hi, where is my order #4821? It was supposed to arrive on Friday and tracking has not moved.',
      customer: { firstName: 'Maya' },
      order: {
        number: '#4821',
        status: 'in_transit',
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        promisedBy: '2026-11-20',
      },
      now: NOW,
    };
    const code = await createAnalyzeCommand()([], {
      stdin: Readable.from([JSON.stringify(line) + '\n']),
      stdout,
      stderr: new PassThrough(),
      env: {},
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    const out = JSON.parse(chunks.join('').trim()) as {
      suggestions: {
        id: string;
        text: string;
        macroId: string;
        confidence: number;
        policy: { verdict: string };
      }[];
    };
    expect(out.suggestions.length).toBeGreaterThan(0);
    expect(out.suggestions.length).toBeLessThanOrEqual(3);
    const ids = out.suggestions.map((s) => s.macroId);
    expect(ids).toContain('delivery-late');
    expect(ids).not.toContain('order-status-shipped'); // the order is late: the "on its way" macro steps aside
    const late = out.suggestions.find((s) => s.macroId === 'delivery-late')!;
    expect(late.text).toContain('Hi Maya,');
    expect(late.text).toContain('November 20, 2026');
    expect(late.policy.verdict).toBe('pass');
  });
});

describe('policy bench section', () => {
  it('measures the check and the suggestions and reports its targets', async () => {
    const input = { ...shippedContext(), text: 'Where is my order? '.repeat(60) };
    const report = await policyBenchSection({
      engine: { analyze: (i) => analysis(i.text, 'order_status') },
      corpus: [input, input],
    });
    expect(report.policyCheck1KB.drafts).toBeGreaterThanOrEqual(64);
    expect(report.policyCheck1KB.p50Ms).toBeGreaterThan(0);
    expect(report.analysisWithSuggestions1to2KB.messages).toBe(2);
    expect(Object.keys(report.targets)).toHaveLength(3);
    expect(formatPolicyBench(report)).toMatch(/policy check 1 KB .*p99/);
  });
});
