import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** File mode for a new file; secrets files use 0o600 so other users cannot read the ciphertext. */
  mode?: number;
}

async function fsyncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename itself durable. Windows cannot open a directory for this; the
  // rename there is already durable enough (MoveFileEx), so a failure to open is ignored.
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    /* not supported on this platform */
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes a file so that a crash or power loss leaves either the old or the new content, never a
 * half-written one: temp file in the same folder (same file system, so rename is atomic), fsync,
 * rename over the target, fsync the folder.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(dir);
}

/** Reads a file, answering `null` when it does not exist (first run) rather than throwing. */
export async function readFileIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A file-name-safe timestamp (no colons, which Windows forbids), e.g. `2026-11-24T14-03-05-123Z`. */
export const fileTimestamp = (date: Date = new Date()): string => date.toISOString().replace(/[:.]/g, '-');
