import { clipboardFingerprint } from './clipboard-watcher';

/**
 * Remembers what Tandem itself put on the clipboard (accepted replies, escalation notes) so the
 * watcher does not read an agent's own reply back as a customer message. Keeps fingerprints only.
 */
export class OwnClipboardWrites {
  private readonly fingerprints: string[] = [];
  constructor(private readonly capacity = 20) {}

  remember(text: string): void {
    this.fingerprints.push(clipboardFingerprint(text));
    if (this.fingerprints.length > this.capacity) this.fingerprints.shift();
  }

  isOwnWrite(text: string): boolean {
    return this.fingerprints.includes(clipboardFingerprint(text));
  }
}
