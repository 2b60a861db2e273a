import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SupervisorView } from '../../../src/renderer/features/supervisor/components/supervisor-view';
import { WordDiff } from '../../../src/renderer/features/supervisor/components/word-diff';
import type { EventFilter } from '../../../src/shared/contract/supervisor';
import type { TandemEvent } from '../../../src/shared/domain/events';
import { createFakeSupervisor } from './fake-supervisor';
import { renderSupervisor } from './render-supervisor';

describe('word diff', () => {
  it('strikes removed words on the left and marks added words on the right', () => {
    render(<WordDiff before="Your order ships today." after="Your parcel ships today, sorry!" />);
    const before = screen.getByTestId('diff-before');
    const after = screen.getByTestId('diff-after');
    expect(within(before).getByText('order').closest('del')).not.toBeNull();
    expect(within(after).getByText('parcel').closest('ins')).not.toBeNull();
    expect(before).toHaveTextContent('Your [removed: order] ships');
    expect(after).toHaveTextContent('[added: parcel]');
    expect(before.querySelector('ins')).toBeNull();
    expect(after.querySelector('del')).toBeNull();
  });

  it('renders markup in recorded texts as text, never as HTML', () => {
    const hostile = '<img src=x onerror="alert(1)"><b>bold</b>';
    const { container } = render(<WordDiff before="Hello" after={`Hello ${hostile}`} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByTestId('diff-after')).toHaveTextContent('<img src=x');
  });

  it('says when the text went out unchanged', () => {
    render(<WordDiff before="Same text." after="Same text." />);
    expect(screen.getByText('Sent exactly as suggested.')).toBeInTheDocument();
  });
});

const accepted: TandemEvent = {
  id: '01JD0000000000000000000001',
  at: '2026-11-20T10:00:00.000Z',
  type: 'suggestion_accepted',
  agentId: 'agent-002',
  team: 'us-core',
  source: 'clipboard',
  threadId: 'th-1',
  intent: 'order_status',
  suggestionId: 's-1',
  acceptKind: 'edited',
  editDistance: 0.25,
  msToAccept: 9000,
  delivery: 'clipboard',
  suggestionTextRedacted: 'Your order ships today.',
  sentTextRedacted: 'Your parcel ships today.',
};

describe('drill-down', { timeout: 30_000 }, () => {
  it('opens an agent’s events with the dashboard filter narrowed, then one event as a diff', async () => {
    const fake = createFakeSupervisor();
    fake.events = [accepted];
    const user = userEvent.setup();
    renderSupervisor(<SupervisorView />, fake);
    await user.click(await screen.findByRole('button', { name: 'agent-002' }, { timeout: 5000 }));
    const drill = await screen.findByTestId('drill-down');
    expect(within(drill).getByRole('heading', { name: 'Events of agent-002' })).toHaveFocus();
    const query = fake.callsOf('listEvents').at(-1) as { filter: EventFilter; query: { types: string[] } };
    expect(query.filter.agentIds).toEqual(['agent-002']);
    expect(query.filter.from).toBeDefined();
    expect(query.query.types).not.toContain('replay_turn_scored');
    await user.click(within(drill).getByTestId('event-item'));
    expect(screen.getByRole('heading', { name: 'Suggestion accepted' })).toHaveFocus();
    expect(screen.getByTestId('diff-before')).toHaveTextContent('Your [removed: order] ships today.');
    expect(screen.getByTestId('diff-after')).toHaveTextContent('Your [added: parcel] ships today.');
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    expect(within(drill).getByTestId('event-item')).toBeInTheDocument();
  });
});
