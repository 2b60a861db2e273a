import type { Analysis } from '../../shared/domain/analysis';
import type { MessageInput } from '../../shared/domain/context';
import type { Suggester } from './suggester';

/** A step that adds fields to one `analyze` output line; matches the analyze command's extension hook. */
export type AnalyzeLineExtension = (
  line: Record<string, unknown>,
  input: MessageInput,
  analysis: Analysis,
) => Record<string, unknown>;

/**
 * Adds `suggestions: [{id, text, macroId, confidence, policy: {verdict, findings}}]` to an `analyze` line, so QA
 * teams see the offline replies (and their policy results) exactly as the app would show them.
 */
export function createSuggestionsExtension(suggester: Suggester): AnalyzeLineExtension {
  return (line, input, analysis) => ({
    ...line,
    suggestions: suggester.suggest(input, analysis).map((s) => ({
      id: s.id,
      text: s.text,
      macroId: s.macroId,
      confidence: s.confidence,
      policy: { verdict: s.policy.verdict, findings: s.policy.findings },
    })),
  });
}
