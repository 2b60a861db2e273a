import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const has = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !has(c));
const root = resolve(__dirname, '../../..');

/**
 * The real OS keychain path: keytar → libsecret → gnome-keyring over D-Bus, in a private session
 * (temp HOME, 0700 runtime dir) so the developer's own keyring is never touched.
 */
const title =
  missing.length === 0
    ? 'stores, reads and deletes a secret'
    : `stores, reads and deletes a secret (skipped: ${missing.join(' and ')} not found; apt-get install -y gnome-keyring dbus)`;

describe('KeytarSecretStore against a real GNOME keyring', () => {
  it.skipIf(missing.length > 0)(title, async () => {
    const home = await mkdtemp(join(tmpdir(), 'tandem-keyring-'));
    const runtime = join(home, 'run');
    await mkdir(runtime);
    await chmod(runtime, 0o700);
    try {
      const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
      const child = join(__dirname, 'keytar-real-child.ts');
      const script = `echo pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$NODE" "$TSX" "$CHILD"`;
      const output = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const proc = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
          cwd: home,
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: home,
            XDG_RUNTIME_DIR: runtime,
            NODE: process.execPath,
            TSX: tsx,
            CHILD: child,
          },
        });
        let stdout = '';
        let stderr = '';
        proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        proc.on('close', (code) => done({ code, stdout, stderr }));
      });
      const line = output.stdout.trim().split('\n').pop() ?? '';
      expect(line, output.stderr).not.toBe('');
      expect(JSON.parse(line)).toEqual({
        before: null,
        read: 'sk-real-keychain-42',
        after: null,
        chainBackend: 'keychain',
      });
      expect(output.code).toBe(0);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
