import { createHash } from 'node:crypto';

/**
 * Remembers what Tandem itself put on the clipboard (an accepted reply, an escalation note) so the
 * clipboard watcher does not read the agent's own reply back as a new customer message. Keeps only
 * hashes of the last few writes, never the text.
 */
export class OwnClipboardWrites {
  private readonly hashes: string[] = [];

  constructor(private readonly capacity = 20) {}

  private static hash(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }

  remember(text: string): void {
    this.hashes.push(OwnClipboardWrites.hash(text));
    if (this.hashes.length > this.capacity) this.hashes.shift();
  }

  isOwnWrite(text: string): boolean {
    return this.hashes.includes(OwnClipboardWrites.hash(text));
  }
}
