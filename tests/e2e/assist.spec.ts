import { expect, type Page } from '@playwright/test';
import type { TandemEvent } from '../../src/shared/domain/events';
import { test, type Harness } from './harness/fixtures';

const ORDER_MESSAGE =
  'Hi, I ordered a linen duvet cover last week and have not heard anything since. Order #10482. Where is it?';

async function recorded(harness: Harness, type: TandemEvent['type']): Promise<TandemEvent[]> {
  const page = await harness.core.events.listEvents({}, { types: [type], limit: 50 });
  return page.events;
}

async function waitForRecorded(harness: Harness, type: TandemEvent['type']): Promise<TandemEvent[]> {
  await expect
    .poll(async () => (await recorded(harness, type)).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  return recorded(harness, type);
}

async function copy(harness: Harness, page: Page, text: string): Promise<void> {
  harness.clipboard.writeText(text);
  await expect(page.getByTestId('customer-text')).toContainText(text.slice(0, 40));
}

test.describe('assist panel', () => {
  test('shows how to start, then hints and suggestions for a copied message', async ({ page, harness }) => {
    await harness.open();
    await expect(page.getByText('Copy a customer message to start')).toBeVisible();
    await page.screenshot({ path: 'test-results/assist-empty.png' });

    await copy(harness, page, ORDER_MESSAGE);
    await expect(page.getByTestId('intent-chip')).toContainText('Order status');
    await expect(page.getByTestId('sentiment-chip')).toBeVisible();
    await expect(page.getByTestId('churn')).toBeVisible();
    await expect(page.getByTestId('suggestion-1')).toBeVisible();
    await expect(page.getByTestId('source-badge')).toHaveText('Clipboard');
    await page.screenshot({ path: 'test-results/assist-hints.png' });
    expect(await waitForRecorded(harness, 'message_analyzed')).toHaveLength(1);
  });

  test('accept with 1 puts the reply on the clipboard and records the acceptance', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await copy(harness, page, ORDER_MESSAGE);
    const first = page.getByTestId('suggestion-1');
    await expect(first).toBeVisible();
    const shown = harness.core.assist.runtime.service.state!.suggestions[0]!;
    await page.locator('body').press('1');
    await expect(page.getByTestId('assist-status')).toContainText('Copied');
    expect(harness.clipboard.readText()).toBe(shown.text);
    const [accepted] = await waitForRecorded(harness, 'suggestion_accepted');
    expect(accepted).toMatchObject({
      acceptKind: 'asIs',
      editDistance: 0,
      delivery: 'clipboard',
      source: 'clipboard',
    });
    // What Tandem copied is not read back as a customer message on the next poll.
    const before = harness.core.assist.runtime.service.state?.messageId;
    harness.core.assist.runtime.watcher.tick();
    expect(harness.core.assist.runtime.service.state?.messageId).toBe(before);
    expect(await recorded(harness, 'message_analyzed')).toHaveLength(1);
  });

  test('a blocking edit disables Accept until fixed, and an override is recorded', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await copy(harness, page, ORDER_MESSAGE);
    await expect(page.getByTestId('suggestion-1')).toBeVisible();
    await page.locator('body').press('e');
    const editor = page.getByTestId('draft-editor');
    await expect(editor).toBeFocused();
    const original = await editor.inputValue();
    const accept = page.getByTestId('accept-edit');
    await expect(page.getByTestId('draft-verdict')).not.toHaveAttribute('data-verdict', 'checking');
    await expect(accept).toBeEnabled();

    await editor.press('End');
    await editor.pressSequentially(" I'll give you 50% off");
    await expect(page.getByTestId('draft-verdict')).toHaveAttribute('data-verdict', 'block');
    await expect(
      page.getByRole('region', { name: 'Edit reply' }).getByRole('list', { name: 'Policy findings' }),
    ).toContainText('Blocks');
    await expect(accept).toBeDisabled();
    await page.screenshot({ path: 'test-results/assist-edit-blocked.png', fullPage: true });

    await editor.fill(original);
    await expect(page.getByTestId('draft-verdict')).not.toHaveAttribute('data-verdict', 'block');
    await expect(accept).toBeEnabled();

    await editor.fill(`${original} I'll give you 50% off`);
    await expect(accept).toBeDisabled();
    await page.getByTestId('override-toggle').check();
    await page.getByTestId('override-reason').fill('Supervisor approved the discount on the phone');
    await expect(accept).toBeEnabled();
    await accept.click();
    await expect(page.getByTestId('assist-status')).toContainText('Copied');
    const [override] = await waitForRecorded(harness, 'policy_override');
    expect(override).toMatchObject({ reason: 'Supervisor approved the discount on the phone' });
    expect((override as { ruleIds: string[] }).ruleIds).toContain('unauthorized-commitment');
    const [accepted] = await waitForRecorded(harness, 'suggestion_accepted');
    expect(accepted).toMatchObject({ acceptKind: 'edited' });
  });

  test('hostile customer text renders as inert text', async ({ page, harness }) => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await harness.open();
    const hostile =
      'My order #10482 never came <img src=x onerror=alert(1)> please check <a href="javascript:alert(2)">this link</a> thanks';
    harness.clipboard.writeText(hostile);
    const text = page.getByTestId('customer-text');
    await expect(text).toBeVisible();
    await expect(page.locator('.assist img')).toHaveCount(0);
    await expect(page.locator('.assist a[href^="javascript"]')).toHaveCount(0);
    await expect(page.locator('.message-card script')).toHaveCount(0);
    expect(dialogs).toBe(0);
    await page.screenshot({ path: 'test-results/assist-hostile.png', fullPage: true });
  });

  test('pausing stops analysis of copies; the paused state is shown', async ({ page, harness }) => {
    await harness.open();
    await page.getByTestId('pause-toggle').click();
    await expect(page.getByTestId('pause-toggle')).toHaveText('Resume watching');
    await expect(page.getByText('Clipboard watching is paused')).toBeVisible();
    await page.screenshot({ path: 'test-results/assist-paused.png' });
    expect(harness.core.settings.get().clipboard.enabled).toBe(false);
    await page.getByTestId('pause-toggle').click();
    await expect(page.getByTestId('pause-toggle')).toHaveText('Pause watching');
    await copy(harness, page, ORDER_MESSAGE);
  });

  test('escalates with X: the note is copied and the escalation recorded', async ({ page, harness }) => {
    await harness.open();
    await copy(
      harness,
      page,
      'This is the third time I write. My order #10377 is a week late, I have spent thousands here and I will talk to my lawyer if this is not fixed today.',
    );
    await expect(page.getByTestId('escalation-banner')).toBeVisible();
    await page.screenshot({ path: 'test-results/assist-escalation.png', fullPage: true });
    await page.locator('body').press('x');
    await expect(page.getByTestId('assist-status')).toContainText('Escalation note');
    expect(harness.clipboard.readText()).toContain('Escalation to');
    const [escalated] = await waitForRecorded(harness, 'escalated');
    expect((escalated as { reasonCodes: string[] }).reasonCodes.length).toBeGreaterThan(0);
  });
});
