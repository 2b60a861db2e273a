import type { Readable, Writable } from 'node:stream';

/** The streams a command uses; tests pass their own so commands run in-process. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A command returns its exit code; it never calls process.exit so tests can run it directly. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Writes and waits for the stream to accept more, so that a 1 GB stream keeps memory flat. */
export async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(line + '\n')) {
    await new Promise<void>((resolve) => out.once('drain', resolve));
  }
}
