import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ScoreCard } from '../../../src/renderer/features/trainer/components/score-card';
import { delayBefore, MAX_WAIT_MS } from '../../../src/renderer/features/trainer/model/pacing';
import type { CaseTurn, TurnScore } from '../../../src/shared/domain/cases';

const score: TurnScore = {
  turn: 0,
  score: 28,
  verdict: 'block',
  findings: [
    { rule: 'unauthorized-commitment', message: 'A 50% discount is above the 15% agents may offer.' },
  ],
  intentCorrect: false,
  escalationCorrect: true,
  similarity: 0.11,
  mustNotSayHits: ['50%'],
  timeToReplyMs: 7000,
  diff: [
    { kind: 'same', text: 'Hi ' },
    { kind: 'removed', text: 'Sofia' },
    { kind: 'added', text: '<img src=x onerror=alert(1)>' },
  ],
};

describe('ScoreCard', () => {
  it('shows verdict, findings, marks, must-not-say and a side-by-side diff as text', () => {
    const { container } = render(<ScoreCard score={score} expectedEscalation={false} />);
    const card = screen.getByTestId('score-card');
    expect(card).toHaveAttribute('data-verdict', 'block');
    expect(within(card).getByTestId('score-verdict')).toHaveTextContent('Block');
    expect(card).toHaveTextContent('28/100');
    expect(card).toHaveTextContent('not what the customer asks');
    expect(card).toHaveTextContent('right call');
    expect(within(card).getByTestId('must-not-say')).toHaveTextContent('“50%”');
    expect(card).toHaveTextContent('7 s');
    const diff = within(card).getByTestId('score-diff');
    expect(diff.querySelector('.diff__removed')).toHaveTextContent('Sofia');
    expect(diff.querySelector('.diff__added')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('replay pacing', () => {
  const turns: CaseTurn[] = [
    { role: 'customer', text: 'a', offsetSeconds: 0, goldReply: 'x' },
    { role: 'agent', text: 'b', offsetSeconds: 40 },
    { role: 'customer', text: 'c', offsetSeconds: 300, goldReply: 'y' },
    { role: 'note', text: 'd', offsetSeconds: 99_999 },
  ];
  it('keeps the original gaps, halves them at 2x, waits at most MAX_WAIT_MS, and never runs in step mode', () => {
    expect(delayBefore(turns, 0, '1x')).toBe(0);
    expect(delayBefore(turns, 1, '1x')).toBe(40_000);
    expect(delayBefore(turns, 1, '2x')).toBe(20_000);
    expect(delayBefore(turns, 2, '1x')).toBe(MAX_WAIT_MS);
    expect(delayBefore(turns, 2, '2x')).toBe(MAX_WAIT_MS);
    expect(delayBefore(turns, 1, 'step')).toBeNull();
    expect(delayBefore(turns, 4, '1x')).toBeNull();
  });
});
