import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../../src/main/cli/commands/check';

async function run(args: string[], stdin: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d: Buffer) => out.push(d.toString()));
  stderr.on('data', (d: Buffer) => err.push(d.toString()));
  const code = await checkCommand(args, {
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('check command', () => {
  it('writes one verdict line per input line, errors for bad lines, and goes on', async () => {
    const input = [
      JSON.stringify({ id: 'a', draft: "Here's 30% off your next order." }),
      'not json',
      JSON.stringify({ id: 'b' }),
      '',
      JSON.stringify({
        id: 'c',
        draft: 'Hi Lucía, your order is on the way and should arrive this week.',
        customerLanguage: 'es',
      }),
      JSON.stringify({ id: 7, draft: 'Sale now on, shop now.', customer: { marketingConsent: false } }),
    ].join('\n');
    const { code, stdout } = await run([], input);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'a', verdict: 'block' });
    expect((lines[0]!.findings as { rule: string; span: number[] }[])[0]).toMatchObject({
      rule: 'unauthorized-commitment',
      severity: 'block',
      span: [7, 10],
    });
    expect(lines[1]).toMatchObject({ error: { code: 'invalid_json' } });
    expect(lines[2]).toMatchObject({ id: 'b', error: { code: 'invalid_line' } });
    expect((lines[2]!.error as { message: string }).message).toContain('draft');
    expect(lines[3]).toMatchObject({ id: 'c', verdict: 'warn' });
    expect(lines[4]).toMatchObject({ id: 7, verdict: 'warn' });
  });

  it('uses another pack with --policy and rejects an invalid one with zod paths (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'check-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'id: x\nstore: X\nreturns: { windowDays: -1 }\n');
    const res = await run(['--policy', bad], '');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('returns.windowDays');
    expect(res.stderr).toContain('goodwill');
    expect(res.stdout).toBe('');
  });

  it('rejects unknown options', async () => {
    expect((await run(['--nope'], '')).code).toBe(2);
    expect((await run(['--help'], '')).stdout).toContain('--policy');
  });
});
