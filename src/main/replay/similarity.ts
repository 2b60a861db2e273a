import { diffWords } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** The trainee's reply against the gold reply, word by word, for the side-by-side view. */
export function wordDiff(gold: string, reply: string): DiffPart[] {
  return diffWords(gold, reply, { ignoreCase: true }).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

const words = (parts: readonly DiffPart[], kinds: readonly DiffPart['kind'][]): number =>
  parts
    .filter((p) => kinds.includes(p.kind))
    .reduce((n, p) => n + (p.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);

/**
 * Similarity in 0..1 as 2·common / (gold words + reply words), the ratio of a longest-common-
 * subsequence match. It rewards saying the same things in the same order without demanding the
 * exact wording; scoring weighs it, it is never the whole grade.
 */
export function replySimilarity(
  gold: string,
  reply: string,
  diff: readonly DiffPart[] = wordDiff(gold, reply),
): number {
  const common = words(diff, ['same']);
  const total = words(diff, ['same', 'removed']) + words(diff, ['same', 'added']);
  return total === 0 ? 0 : (2 * common) / total;
}
