import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evalCommand, evaluateFile } from '../../../../src/main/cli/commands/eval';
import { computeReport } from '../../../../src/main/engine/intent/evaluate';
import { createIntentClassifier } from '../../../../src/main/engine/intent/index';
import type { CliIo } from '../../../../src/main/cli/io';

const devPath = join(__dirname, '../../../fixtures/intent-dev.jsonl');
const classifier = createIntentClassifier();

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

async function runEval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: process.cwd() };
  const code = await evalCommand(args, io);
  return { code, stdout: out(), stderr: err() };
}

describe('intent eval on the dev set', () => {
  it('reaches at least 90% accuracy on the held-out dev set', async () => {
    const { report, errors } = await evaluateFile(devPath, classifier);
    expect(errors).toEqual([]);
    expect(report.total).toBeGreaterThanOrEqual(420);
    expect(report.unknownGoldLabels).toEqual([]);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.88);
  });

  it('is calibrated in the right direction: less confident when wrong', async () => {
    const { report } = await evaluateFile(devPath, classifier);
    expect(report.meanConfidenceWrong).toBeLessThan(report.meanConfidenceCorrect);
    // Mean top confidence tracks accuracy on unseen text (neither over- nor under-confident overall).
    const wrong = report.total - report.correct;
    const meanTop =
      (report.meanConfidenceCorrect * report.correct + report.meanConfidenceWrong * wrong) / report.total;
    expect(Math.abs(meanTop - report.accuracy)).toBeLessThanOrEqual(0.08);
  });
});

describe('eval report arithmetic', () => {
  it('computes precision, recall, F1, macro-F1 and confusions', () => {
    const r = computeReport(
      [
        { gold: 'a', predicted: 'a', confidence: 0.9 },
        { gold: 'a', predicted: 'b', confidence: 0.4 },
        { gold: 'b', predicted: 'b', confidence: 0.8 },
        { gold: 'c', predicted: 'b', confidence: 0.2 },
      ],
      ['a', 'b', 'c'],
    );
    expect(r.accuracy).toBe(0.5);
    const by = Object.fromEntries(r.perIntent.map((m) => [m.label, m]));
    expect(by.a).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(by.b!.precision).toBeCloseTo(1 / 3);
    expect(by.b!.recall).toBe(1);
    expect(by.c).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3);
    expect(r.confusions).toEqual([
      { gold: 'a', predicted: 'b', count: 1 },
      { gold: 'c', predicted: 'b', count: 1 },
    ]);
    expect(r.meanConfidenceCorrect).toBeCloseTo(0.85);
    expect(r.meanConfidenceWrong).toBeCloseTo(0.3);
  });
});

describe('eval command', () => {
  it('prints a readable table with the most frequent confusions', async () => {
    const { code, stdout } = await runEval(['--cases', devPath]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Accuracy: \d+\.\d%/);
    expect(stdout).toMatch(/Macro-F1/);
    expect(stdout).toMatch(/order_status\s+\d+\.\d%\s+\d+\.\d%/);
  });

  it('reports bad lines with their numbers and goes on; --json is machine-readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-eval-'));
    const file = join(dir, 'cases.jsonl');
    writeFileSync(
      file,
      [
        '{"text":"where is my order 1234","intent":"order_status"}',
        '{not json',
        '',
        '{"text":"refund please","intent":42}',
        '{"intent":"refund"}',
        '{"text":"my card was declined twice","intent":"payment_issue"}',
        '{"text":"hello","intent":"no_such_intent"}',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runEval(['--cases', file, '--json']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/line 2: invalid JSON/);
    expect(stderr).toMatch(/line 4: expected \{text, intent\}: intent/);
    expect(stderr).toMatch(/line 5: expected \{text, intent\}: text/);
    const report = JSON.parse(stdout) as {
      total: number;
      errors: { line: number }[];
      unknownGoldLabels: string[];
    };
    expect(report.total).toBe(3);
    expect(report.errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(report.unknownGoldLabels).toEqual(['no_such_intent']);
  });

  it('exits 1 for an unreadable file, 2 for bad usage, 3 below --min-accuracy', async () => {
    const missing = await runEval(['--cases', join(tmpdir(), 'does-not-exist.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot evaluate/);
    expect((await runEval([])).code).toBe(2);
    expect((await runEval(['--cases'])).code).toBe(2);
    expect((await runEval(['--cases', devPath, '--bogus'])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'tandem-eval-'));
    const file = join(dir, 'hard.jsonl');
    writeFileSync(file, '{"text":"hello there","intent":"refund"}\n');
    const below = await runEval(['--cases', file, '--min-accuracy', '0.5']);
    expect(below.code).toBe(3);
    expect(below.stderr).toMatch(/below the required 50\.0%/);
  });
});
