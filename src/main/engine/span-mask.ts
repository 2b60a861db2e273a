/**
 * Marks which characters are already claimed by an earlier match. Overlap checks against a list
 * are quadratic when hostile text holds thousands of matches; a byte per character keeps them linear.
 */
export class SpanMask {
  private readonly bits: Uint8Array;

  constructor(length: number) {
    this.bits = new Uint8Array(Math.max(0, length));
  }

  /** Whether any character in [start, end) is claimed. */
  overlaps(start: number, end: number): boolean {
    for (let i = Math.max(0, start); i < end && i < this.bits.length; i++) if (this.bits[i]) return true;
    return false;
  }

  claim(start: number, end: number): void {
    this.bits.fill(1, Math.max(0, start), Math.min(this.bits.length, end));
  }

  /** Claims [start, end) unless it overlaps; returns whether it was free. */
  tryClaim(start: number, end: number): boolean {
    if (this.overlaps(start, end)) return false;
    this.claim(start, end);
    return true;
  }
}
