import type { PolicyResult } from '../../shared/domain/policy';
import type { ParsedReply, StreamingReplyParser } from './reply-parser';
import type { LlmDraft } from './types';

/** What streamed before a failure, kept for the record but always marked incomplete. */
export function partialDrafts(
  parser: StreamingReplyParser,
  max: number,
  display: (text: string) => string,
  check: (text: string) => PolicyResult,
): LlmDraft[] {
  return parser.replies
    .slice(0, max)
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.text.trim())
    .map(({ r, index }) => {
      const text = display(r.text);
      return { index, text, macroId: null, policy: check(text), incomplete: true };
    });
}

/**
 * The drafts of a finished answer, restored for display and checked. A macro id the model names is
 * kept only if it was one of the references it was given; after a length cut the reply that was still
 * being written (the open JSON string, or the last plain-text reply) is marked incomplete.
 */
export function finalDrafts(
  parser: StreamingReplyParser,
  parsed: { replies: ParsedReply[] } | null,
  options: {
    cutByLength: boolean;
    macroIds: ReadonlySet<string>;
    display: (text: string) => string;
    check: (text: string) => PolicyResult;
  },
): LlmDraft[] {
  const replies = parsed?.replies ?? [];
  return replies.map((r, index) => {
    const text = options.display(r.text);
    const closed =
      parser.format === 'json' ? (parser.replies[index]?.closed ?? true) : index < replies.length - 1;
    return {
      index,
      text,
      macroId: r.macroId && options.macroIds.has(r.macroId) ? r.macroId : null,
      policy: options.check(text),
      incomplete: options.cutByLength && !closed,
    };
  });
}
