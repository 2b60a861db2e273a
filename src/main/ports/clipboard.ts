/** The system clipboard, as plain text. Electron's `clipboard` in the app; an in-memory one in tests. */
export interface ClipboardPort {
  readText(): string;
  writeText(text: string): void;
}

/** A clipboard for tests and the browser harness; `set` simulates the user copying something. */
export class MemoryClipboard implements ClipboardPort {
  private text = '';
  readText(): string {
    return this.text;
  }
  writeText(text: string): void {
    this.text = text;
  }
}
