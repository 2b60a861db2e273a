import { z } from 'zod';

/** One reply as it streams: `closed` once its JSON string ended (the text cannot grow any more). */
export interface ReplyProgress {
  text: string;
  closed: boolean;
}

/** A reply from the finished output, validated. */
export interface ParsedReply {
  text: string;
  macroId: string | null;
}

/** Keys models use for the list of replies; we ask for `replies` but accept the usual synonyms. */
const LIST_KEYS = new Set(['replies', 'suggestions', 'drafts', 'responses', 'options']);
const TEXT_KEYS = new Set(['text', 'reply', 'body', 'content', 'message']);

const ReplyItemSchema = z.union([
  z.string(),
  z.looseObject({
    text: z.string().optional(),
    reply: z.string().optional(),
    body: z.string().optional(),
    content: z.string().optional(),
    message: z.string().optional(),
    macroId: z.string().nullable().optional(),
  }),
]);
/** The model's output is untrusted data like any other boundary: validated before use. */
const RepliesDocSchema = z.union([
  z.looseObject({ replies: z.array(ReplyItemSchema).min(1).max(20) }),
  z.looseObject({ suggestions: z.array(ReplyItemSchema).min(1).max(20) }),
  z.looseObject({ drafts: z.array(ReplyItemSchema).min(1).max(20) }),
  z.array(ReplyItemSchema).min(1).max(20),
]);

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '"': '"',
  '\\': '\\',
  '/': '/',
};

interface Frame {
  type: '{' | '[';
  key: string | null;
  /** For a reply object: the index of the reply it produced, once its text key appeared. */
  reply: number | null;
}

/**
 * Reads `{"replies":[{"text":"…"},…]}` character by character as it streams, so the first reply is
 * readable while the model still writes the second. Each character is looked at once (the whole answer
 * costs O(n), not O(n²) re-parses), partial escapes across chunk borders are kept, and anything before
 * the first `{` (a ```json fence, a "Sure!") is skipped. Output that is not JSON switches to a text mode
 * that splits numbered or `---`-separated replies.
 */
export class StreamingReplyParser {
  readonly replies: ReplyProgress[] = [];
  private mode: 'detect' | 'fence' | 'json' | 'text' = 'detect';
  private raw = '';
  private readonly stack: Frame[] = [];
  private inString = false;
  private stringIsKey = false;
  private stringReply: number | null = null;
  private keyBuf = '';
  private lastKey: string | null = null;
  private expectingKey = false;
  private escape = false;
  private unicode: string | null = null;

  /** The format the answer turned out to be in, for the transparency record and tests. */
  get format(): 'json' | 'text' | 'unknown' {
    return this.mode === 'json' ? 'json' : this.mode === 'text' ? 'text' : 'unknown';
  }

  /** The raw answer so far, for the final parse. */
  get text(): string {
    return this.raw;
  }

  /** Feeds a streamed chunk; returns the indices of replies whose text changed. */
  push(delta: string): number[] {
    const start = this.raw.length;
    this.raw += delta;
    const changed = new Set<number>();
    for (let i = start; i < this.raw.length; i++) {
      const c = this.raw[i]!;
      if (this.mode === 'json') this.scan(c, changed);
      else if (this.mode === 'detect' || this.mode === 'fence') this.detect(c, changed);
    }
    if (this.mode === 'text') {
      const parts = splitTextReplies(this.raw);
      parts.forEach((text, index) => {
        const prev = this.replies[index];
        if (!prev || prev.text !== text) {
          this.replies[index] = { text, closed: false };
          changed.add(index);
        }
      });
    }
    return [...changed].sort((a, b) => a - b);
  }

  private detect(c: string, changed: Set<number>): void {
    if (this.mode === 'fence') {
      if (c === '{' || c === '[') {
        this.mode = 'json';
        this.scan(c, changed);
      }
      return;
    }
    if (/\s/.test(c)) return;
    if (c === '{' || c === '[') {
      this.mode = 'json';
      this.scan(c, changed);
    } else if (c === '`') this.mode = 'fence';
    else this.mode = 'text';
  }

  private scan(c: string, changed: Set<number>): void {
    if (this.inString) {
      let out: string | null = null;
      if (this.unicode !== null) {
        this.unicode += c;
        if (this.unicode.length === 4) {
          const code = Number.parseInt(this.unicode, 16);
          out = Number.isNaN(code) ? '' : String.fromCharCode(code);
          this.unicode = null;
        }
      } else if (this.escape) {
        this.escape = false;
        if (c === 'u') this.unicode = '';
        else out = ESCAPES[c] ?? c;
      } else if (c === '\\') this.escape = true;
      else if (c === '"') {
        this.inString = false;
        if (this.stringIsKey) this.lastKey = this.keyBuf;
        else if (this.stringReply !== null) {
          this.replies[this.stringReply]!.closed = true;
          changed.add(this.stringReply);
        }
        return;
      } else out = c;
      if (out === null) return;
      if (this.stringIsKey) this.keyBuf += out;
      else if (this.stringReply !== null) {
        this.replies[this.stringReply]!.text += out;
        changed.add(this.stringReply);
      }
      return;
    }
    const top = this.stack[this.stack.length - 1];
    switch (c) {
      case '{':
      case '[':
        this.stack.push({ type: c, key: top?.type === '{' ? this.lastKey : null, reply: null });
        this.expectingKey = c === '{';
        return;
      case '}':
      case ']':
        this.stack.pop();
        this.expectingKey = false;
        return;
      case ':':
        this.expectingKey = false;
        return;
      case ',':
        this.expectingKey = top?.type === '{';
        return;
      case '"':
        this.startString(top);
        return;
      default:
        return;
    }
  }

  /** Is the frame at `depth` the list of replies (a root array, or `replies` directly under the root)? */
  private isReplyList(depth: number): boolean {
    const frame = this.stack[depth];
    if (!frame || frame.type !== '[') return false;
    if (depth === 0) return true;
    return depth === 1 && this.stack[0]!.type === '{' && frame.key !== null && LIST_KEYS.has(frame.key);
  }

  private startString(top: Frame | undefined): void {
    this.inString = true;
    this.escape = false;
    this.unicode = null;
    this.stringReply = null;
    this.stringIsKey = top?.type === '{' && this.expectingKey;
    if (this.stringIsKey) {
      this.keyBuf = '';
      return;
    }
    const depth = this.stack.length - 1;
    if (top?.type === '[' && this.isReplyList(depth)) {
      this.stringReply = this.replies.push({ text: '', closed: false }) - 1;
    } else if (
      top?.type === '{' &&
      top.reply === null &&
      this.lastKey !== null &&
      TEXT_KEYS.has(this.lastKey) &&
      this.isReplyList(depth - 1)
    ) {
      top.reply = this.replies.push({ text: '', closed: false }) - 1;
      this.stringReply = top.reply;
    }
  }

  /**
   * The final answer, validated with zod: the whole JSON document when it parses (it also carries the
   * macro ids), else what the streaming scan saw, else the text split. Empty replies are dropped.
   */
  finish(max: number): { replies: ParsedReply[]; format: 'json' | 'text' } | null {
    const fromJson = parseJsonReplies(this.raw);
    if (fromJson) return { replies: fromJson.slice(0, max), format: 'json' };
    if (this.mode === 'json' || this.mode === 'fence') {
      const seen = this.replies
        .filter((r) => r.closed && r.text.trim())
        .map((r) => ({ text: r.text.trim(), macroId: null }));
      return seen.length ? { replies: seen.slice(0, max), format: 'json' } : null;
    }
    const parts = splitTextReplies(this.raw).filter((t) => t.trim());
    return parts.length
      ? { replies: parts.slice(0, max).map((text) => ({ text, macroId: null })), format: 'text' }
      : null;
  }
}

/** Parses a complete JSON answer (optionally inside a code fence or after a preamble). */
export function parseJsonReplies(raw: string): ParsedReply[] | null {
  const first = raw.search(/[[{]/);
  if (first < 0) return null;
  const lastObj = raw.lastIndexOf('}');
  const lastArr = raw.lastIndexOf(']');
  const last = Math.max(lastObj, lastArr);
  if (last <= first) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw.slice(first, last + 1));
  } catch {
    return null;
  }
  const doc = RepliesDocSchema.safeParse(data);
  if (!doc.success) return null;
  const items = Array.isArray(doc.data)
    ? doc.data
    : ((doc.data as { replies?: unknown[]; suggestions?: unknown[]; drafts?: unknown[] }).replies ??
      (doc.data as { suggestions?: unknown[] }).suggestions ??
      (doc.data as { drafts?: unknown[] }).drafts ??
      []);
  const replies: ParsedReply[] = [];
  for (const item of items as z.infer<typeof ReplyItemSchema>[]) {
    const text =
      typeof item === 'string'
        ? item
        : (item.text ?? item.reply ?? item.body ?? item.content ?? item.message);
    if (typeof text !== 'string' || !text.trim()) continue;
    const macroId = typeof item === 'string' ? null : (item.macroId ?? null);
    replies.push({ text: text.trim(), macroId });
  }
  return replies.length ? replies : null;
}

const SEPARATOR = /^\s*(?:-{3,}|\*{3,}|={3,}|_{3,})\s*$/m;
const HEADING =
  /^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*(?:reply|option|suggestion|draft|response|alternative|version)\s*#?\d+\s*(?:\*\*)?\s*[:.)\-–]?\s*(?:\*\*)?\s*$/im;
const NUMBERED = /^\s*(?:\*\*)?\d[.)](?:\*\*)?\s+/m;

/**
 * Splits a plain-text answer into replies: `---` separators, "Reply 1:" / "Option 2" headings, or a
 * list numbered from 1. A one-line preamble ending in ":" ("Here are three replies:") is dropped.
 */
export function splitTextReplies(raw: string): string[] {
  const text = raw.replace(/\r\n?/g, '\n');
  let parts: string[];
  if (SEPARATOR.test(text)) parts = text.split(new RegExp(SEPARATOR.source, 'gm'));
  else if (HEADING.test(text)) parts = text.split(new RegExp(HEADING.source, 'gim'));
  else if (/^\s*(?:\*\*)?1[.)]/.test(text) || /\n\s*(?:\*\*)?1[.)]\s/.test(text)) {
    parts = text.split(new RegExp(NUMBERED.source, 'gm'));
  } else parts = [text];
  const cleaned = parts.map((p) => p.trim()).filter((p) => p.length > 0);
  if (
    cleaned.length > 1 &&
    /:\s*$/.test(cleaned[0]!) &&
    cleaned[0]!.length < 160 &&
    !cleaned[0]!.includes('\n')
  ) {
    cleaned.shift();
  }
  return cleaned;
}
