import { expect } from '@playwright/test';
import { test } from './harness/fixtures';

// Trace snapshots would copy the 5 MB text box at every step; this spec is about the app, not the trace.
test.use({ trace: 'off' });

test('a 5 MB paste keeps the panel responsive and says it was cut', async ({ page, harness }) => {
  await harness.open();
  // Built in the page and set as one paste would: typing 5 MB through the driver would take minutes.
  const length = await page.getByTestId('paste-box').evaluate((el) => {
    const sentence = 'My parcel for order #10482 is late and I am getting worried about it. ';
    const big = sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
    // React tracks the value through the prototype's setter, so set it there, then announce the input.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
    setter?.call(el, big);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return big.length;
  });
  expect(length).toBeGreaterThan(5_000_000);
  await page.getByTestId('analyze-paste').click();
  await expect(page.getByTestId('truncation-notice')).toBeVisible();
  await expect(page.getByTestId('suggestion-1')).toBeVisible();
  // Still responsive: the long message collapses and expands at once, and the paste box is free again.
  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(page.getByRole('button', { name: 'Show less' })).toBeVisible();
  await expect(page.getByTestId('paste-box')).toHaveValue('');
  const sent = harness.exchanges.find((e) => e.name === 'analyzeText');
  expect((sent?.payload as { text: string }).text.length).toBeLessThanOrEqual(200_000);
  await page.screenshot({ path: 'test-results/assist-truncated.png' });
});

test('a 5 MB copy is analysed on its head and the panel says so', async ({ page, harness }) => {
  await harness.open();
  const sentence = 'My parcel for order #10482 is late and I am getting worried about it. ';
  harness.clipboard.writeText(sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length)));
  await expect(page.getByTestId('truncation-notice')).toBeVisible();
  await expect(page.getByTestId('intent-chip')).toBeVisible();
});
