import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/main/settings/atomic-file';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-atomic-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('never lets a reader see a half-written file', async () => {
    const path = join(dir, 'big.json');
    const versions = ['a', 'b', 'c', 'd'].map((c) => c.repeat(4 * 1024 * 1024));
    await writeFile(path, versions[0] as string);
    let writing = true;
    const seen = new Set<string>();
    const reader = (async () => {
      while (writing) {
        const text = await readFile(path, 'utf8');
        seen.add(text.length === versions[0]?.length && new Set(text).size === 1 ? 'whole' : 'torn');
      }
    })();
    for (const version of versions.slice(1)) await writeFileAtomic(path, version);
    writing = false;
    await reader;
    expect(seen.has('torn')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(versions[3]);
    expect(await readdir(dir)).toEqual(['big.json']);
  });

  it('leaves the old file untouched and no temp file when the write fails', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, '{"old":true}');
    // A directory where the file should be makes the final rename fail after the temp file was written.
    const blocked = join(dir, 'blocked');
    await mkdir(join(blocked, 'child'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe('{"old":true}');
    expect((await readdir(dir)).sort()).toEqual(['blocked', 'settings.json']);
  });
});
