import type { ReactNode } from 'react';
import type { PolicyFinding } from '../../../../shared/domain/policy';

export interface HighlightedTextProps {
  text: string;
  findings: readonly PolicyFinding[];
}

/**
 * Draws a draft with its policy findings marked. Everything is a text node: customer text and
 * model output are never parsed as HTML. Overlapping spans are merged, keeping the worst severity.
 */
export function HighlightedText({ text, findings }: HighlightedTextProps) {
  const spans = findings
    .map((f) => ({ start: clamp(f.span[0], text), end: clamp(f.span[1], text), f }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  let i = 0;
  while (i < spans.length) {
    const first = spans[i]!;
    let end = first.end;
    const group = [first.f];
    i += 1;
    while (i < spans.length && spans[i]!.start < end) {
      end = Math.max(end, spans[i]!.end);
      group.push(spans[i]!.f);
      i += 1;
    }
    const start = Math.max(first.start, at);
    if (start > at) parts.push(text.slice(at, start));
    const severity = group.some((f) => f.severity === 'block')
      ? 'block'
      : group.some((f) => f.severity === 'warn')
        ? 'warn'
        : 'info';
    parts.push(
      <mark
        key={`${start}-${end}`}
        className={`finding finding--${severity}`}
        title={group.map((f) => f.message).join('\n')}
      >
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

const clamp = (n: number, text: string): number => Math.max(0, Math.min(text.length, n));
