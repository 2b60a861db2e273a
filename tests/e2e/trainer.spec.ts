import type { TandemEvent } from '../../src/shared/domain/events';
import { expect, test, watchConsole, type Harness } from './harness/fixtures';

const CASE = 'multi-turn-refund-follow-up';
const VIOLATION = "I'll refund you today and add 50% off your next order.";

async function replayEvents(harness: Harness): Promise<TandemEvent[]> {
  return (await harness.core.events.listEvents({}, { includeReplay: true, limit: 100 })).events.filter(
    (e) => e.source === 'replay',
  );
}

test.describe('trainer replay', () => {
  test('replays a case in step mode, scores a violating reply and shows the summary', async ({
    page,
    harness,
  }) => {
    const problems = watchConsole(page);
    await harness.core.settings.update({ role: 'trainer' });
    await harness.open();
    await expect(page.getByTestId('trainer-view')).toBeVisible();

    await page.getByTestId('trainee-name').fill('ana');
    await page.getByTestId('tag-filter').selectOption('multi-turn');
    await expect(page.getByTestId(`case-${CASE}`)).toBeVisible();
    await page.screenshot({ path: 'test-results/trainer-picker.png', fullPage: true });
    await page.getByTestId(`case-${CASE}`).click();

    await page.getByTestId('speed-step').check();
    // The first customer turn arrives at once, with the copilot drawn by the assist components.
    const copilot = page.getByTestId('replay-copilot');
    await expect(copilot.getByTestId('customer-text')).toContainText('curtains from order #10560');
    await expect(copilot.getByTestId('intent-chip')).toBeVisible();
    await expect(copilot.getByTestId('suggestion-1')).toBeVisible();
    await expect(page.getByTestId('turn-1')).toHaveCount(0);

    const reply = page.getByTestId('trainee-reply');
    await reply.fill(VIOLATION);
    await expect(page.getByTestId('trainee-verdict')).toHaveAttribute('data-verdict', 'block');
    await page.getByTestId('trainee-intent').selectOption('refund');
    await page.screenshot({ path: 'test-results/trainer-replay.png', fullPage: true });
    await page.getByTestId('submit-reply').click();

    const card = page.getByTestId('score-card');
    await expect(card).toHaveAttribute('data-verdict', 'block');
    await expect(card.getByTestId('score-verdict')).toContainText('Block');
    await expect(card.getByTestId('score-diff')).toContainText('Model answer');
    await expect(card).toContainText('not what the customer asks');
    await page.screenshot({ path: 'test-results/trainer-score.png', fullPage: true });

    // Step mode: nothing arrives until N.
    await expect(page.getByTestId('turn-1')).toHaveCount(0);
    await page.locator('body').press('n');
    await expect(page.getByTestId('turn-1')).toContainText('Label sent.');
    await page.getByTestId('next-turn').click();
    await expect(page.getByTestId('turn-2').getByTestId('customer-text')).toContainText('money back');
    // As in the panel, 1 takes the first suggestion, here into the trainee's reply.
    await expect(page.getByTestId('turn-2').getByTestId('suggestion-1')).toBeVisible();
    await page.locator('body').press('1');
    await expect(page.getByTestId('trainee-reply')).toBeFocused();
    await expect(page.getByTestId('trainee-reply')).not.toHaveValue('');
    await page.getByTestId('trainee-reply').press('Control+Enter');
    await expect(page.getByTestId('score-card')).toHaveCount(2);

    await page.getByTestId('finish-replay').click();
    const summary = page.getByTestId('session-summary');
    await expect(summary).toBeVisible();
    await expect(summary.getByTestId('work-on')).toContainText('Policy');
    const overall = Number(await summary.getByTestId('summary-overall').textContent());
    // The blocked first reply pulls the session down, whatever the second earned.
    expect(overall).toBeLessThan(75);
    await expect(summary.getByRole('row')).toHaveCount(3);
    await expect(summary.getByRole('row').nth(1)).toContainText('Blocked by policy');
    await page.screenshot({ path: 'test-results/trainer-summary.png', fullPage: true });

    const recorded = await replayEvents(harness);
    expect(recorded.map((e) => e.type).sort()).toEqual([
      'replay_session_completed',
      'replay_turn_scored',
      'replay_turn_scored',
    ]);
    expect(recorded.every((e) => e.agentId === 'ana')).toBe(true);
    // The live assist session was never touched by the replay.
    expect(harness.core.assist.runtime.service.state).toBeNull();
    expect(problems).toEqual([]);
  });

  test('lists where the copilot disagrees with the library', async ({ page, harness }) => {
    await harness.core.settings.update({ role: 'trainer' });
    await harness.open();
    await page.getByTestId('trainer-tab-batch').click();
    await page.getByTestId('run-batch').click();
    await expect(page.getByTestId('batch-totals')).toContainText('cases · intent agreement');
    await expect(page.getByTestId('batch-table')).toBeVisible();
    await page.screenshot({ path: 'test-results/trainer-batch.png', fullPage: true });

    // Trainee mode hides the trainer's tools.
    await page.getByTestId('trainee-mode').check();
    await expect(page.getByTestId('trainer-tab-cases')).toBeVisible();
    await expect(page.getByTestId('trainer-tab-batch')).toHaveCount(0);
  });
});

test('drafts a case from the assist conversation, redacted, for review before saving', async ({
  page,
  harness,
}) => {
  await harness.core.settings.update({ role: 'trainer' });
  await harness.open();
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Assist' }).click();
  await page
    .getByRole('textbox', { name: 'Paste a customer message' })
    .fill(
      'I was charged twice for order #20931 on card 4111 1111 1111 1111. Reply to jane.doe@example.com please.',
    );
  await page.getByRole('button', { name: /^Analyse/ }).click();
  await expect(page.getByTestId('customer-text')).toBeVisible();
  await views.getByRole('button', { name: 'Trainer' }).click();
  await page.getByTestId('trainer-tab-library').click();
  await page.getByTestId('create-from-thread').click();
  const review = page.getByTestId('case-review');
  const turn = review.getByTestId('review-turn-0');
  await expect(turn).toBeVisible();
  const text = await turn.inputValue();
  expect(text).not.toContain('jane.doe@example.com');
  expect(text).not.toContain('4111 1111 1111 1111');
  await review.getByTestId('review-title').fill('Double charge, card pasted');
  await page.screenshot({ path: 'test-results/trainer-capture-review.png', fullPage: true });
  await review.getByTestId('save-case').click();
  await expect(review.getByTestId('review-saved')).toContainText('Saved as captured-');
  await page.getByTestId('trainer-tab-cases').click();
  await expect(page.getByRole('button', { name: /Double charge, card pasted/ })).toBeVisible();
});
