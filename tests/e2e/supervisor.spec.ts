import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ulid } from 'ulidx';
import type { EventFilter, Metrics } from '../../src/shared/contract/supervisor';
import type { TandemEvent } from '../../src/shared/domain/events';
import { generateEvents } from '../../src/main/events/generate';
import { expect, test, type Harness } from './harness/fixtures';
import type { Page } from '@playwright/test';

const AGENT = 'agent-zz-coach';
const SUGGESTED = 'Hi [NAME], your order shipped on Monday and should arrive within 3 business days.';
const SENT =
  'Hi [NAME], your parcel shipped on Monday and will arrive within 2 business days. Sorry for the wait!';

const pad = (n: number): string => String(n).padStart(2, '0');
const localDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The filter the dashboard's default period ("last 7 days") means, computed here independently. */
function lastSevenDays(now = new Date()): EventFilter {
  const noon = new Date(now);
  noon.setHours(12, 0, 0, 0);
  return {
    from: localDate(new Date(noon.getTime() - 6 * 86_400_000)),
    tzOffsetMinutes: 0 - now.getTimezoneOffset(),
  };
}

/** A shown + accepted pair for the coached agent, with texts, `minutesAgo` before now. */
function acceptedPair(minutesAgo: number, kind: 'asIs' | 'edited', n: number): TandemEvent[] {
  const t = Date.now() - minutesAgo * 60_000;
  const common = {
    agentId: AGENT,
    team: 'us-core',
    source: 'clipboard' as const,
    threadId: `th-coach-${n}`,
    messageId: `m-coach-${n}`,
    intent: 'order_status',
    suggestionId: `s-coach-${n}`,
    suggestionSource: 'offline' as const,
    verdict: 'pass' as const,
  };
  return [
    { ...common, id: ulid(t), at: new Date(t).toISOString(), type: 'suggestion_shown', rank: 0 },
    {
      ...common,
      id: ulid(t + 5000),
      at: new Date(t + 5000).toISOString(),
      type: 'suggestion_accepted',
      acceptKind: kind,
      editDistance: kind === 'asIs' ? 0 : 0.21,
      msToAccept: 5000,
      delivery: 'clipboard',
      suggestionTextRedacted: SUGGESTED,
      sentTextRedacted: kind === 'asIs' ? SUGGESTED : SENT,
    },
  ];
}

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

async function expectKpis(page: Page, m: Metrics): Promise<void> {
  const t = m.totals;
  await expect(page.getByTestId('kpi-acceptance-value')).toHaveText(pct(t.acceptanceRate));
  await expect(page.getByTestId('kpi-acceptance')).toContainText(
    `${(t.acceptedAsIs + t.acceptedEdited).toLocaleString('en-US')} of ${t.shown.toLocaleString('en-US')} shown`,
  );
  await expect(page.getByTestId('kpi-as-is-value')).toHaveText(pct(t.asIsRate));
  await expect(page.getByTestId('kpi-edited-value')).toHaveText(pct(t.editedRate));
  await expect(page.getByTestId('kpi-rejected-value')).toHaveText(pct(t.rejectedRate));
  await expect(page.getByTestId('kpi-ignored-value')).toHaveText(pct(t.ignoredRate));
  await expect(page.getByTestId('kpi-edit-distance-value')).toHaveText(
    m.editDistance.median?.toFixed(2) ?? '—',
  );
  await expect(page.getByTestId('kpi-overrides-value')).toHaveText(
    m.policy.overrides.toLocaleString('en-US'),
  );
  await expect(page.getByTestId('kpi-escalations-value')).toHaveText(
    m.escalations.total.toLocaleString('en-US'),
  );
  await expect(page.getByTestId('kpi-per-thread-value')).toHaveText(
    m.suggestionsPerThread.mean?.toFixed(1) ?? '—',
  );
}

async function exportText(harness: Harness, filter: EventFilter): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  await harness.core.events.exportTo(sink, filter, 'csv', { includeReplay: false });
  return text;
}

/** The app scrolls inside its main area, so a full picture needs a window as tall as the content. */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.locator('#main').evaluate((el) => el.scrollHeight + 60);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: `test-results/${name}.png` });
  await page.setViewportSize(size);
}

async function openAsSupervisor(harness: Harness, page: Page): Promise<void> {
  await harness.core.settings.update({ role: 'supervisor', theme: 'light' });
  await harness.open();
  await expect(page.getByRole('heading', { name: 'Team overview' })).toBeVisible();
}

test.describe('supervisor dashboard', () => {
  test('KPIs match the metrics, drill-down shows the diff, CSV matches the filter, new events appear live', async ({
    page,
    harness,
  }) => {
    await harness.core.events.insertBatch([...generateEvents({ count: 4000, seed: 11 })]);
    await harness.core.events.insertBatch([...acceptedPair(90, 'edited', 1), ...acceptedPair(60, 'asIs', 2)]);
    await openAsSupervisor(harness, page);

    const filter = lastSevenDays();
    const sent = harness.exchanges.filter((x) => x.name === 'getMetrics').map((x) => x.payload);
    expect(sent).toContainEqual(filter);
    await expectKpis(page, await harness.core.events.getMetrics(filter));
    await expect(page.getByTestId('chart-trend').locator('svg.recharts-surface')).toBeVisible();
    await expect(page.getByTestId('chart-outcomes').locator('.recharts-rectangle').first()).toBeVisible();
    await shoot(page, 'supervisor-light');

    // Filter to the coached agent: every query follows.
    await page.getByLabel('Agent', { exact: true }).selectOption(AGENT);
    const agentFilter = { ...filter, agentIds: [AGENT] };
    const agentMetrics = await harness.core.events.getMetrics(agentFilter);
    expect(agentMetrics.totals.shown).toBe(2);
    await expectKpis(page, agentMetrics);
    await expect(page.getByTestId('agent-table').getByRole('row')).toHaveCount(2);

    // Drill-down: agent → events → the edited acceptance shows suggestion and sent text as a word diff.
    await page.getByTestId('agent-table').getByRole('button', { name: AGENT }).click();
    const drill = page.getByTestId('drill-down');
    await expect(drill.getByRole('heading', { name: `Events of ${AGENT}` })).toBeFocused();
    await drill.getByTestId('event-item').filter({ hasText: 'Accepted edited' }).click();
    const diff = page.getByTestId('word-diff');
    await expect(page.getByTestId('diff-before')).toContainText('Hi [NAME], your');
    await expect(diff.locator('ins')).toContainText(['parcel']);
    await expect(diff.locator('del')).toContainText(['order']);
    await expect(page.getByTestId('diff-after')).toContainText('Sorry for the wait!');
    await shoot(page, 'supervisor-diff');

    // Export CSV of the current view: same rows as the store's export for the same filter.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download view' }).click();
    const file = await downloading;
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toBe(await exportText(harness, agentFilter));
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(1 + 4);
    const agentCol = lines[0]!.split(',').indexOf('agentId');
    expect(lines.slice(1).every((l) => l.split(',')[agentCol] === AGENT)).toBe(true);
    await expect(page.getByTestId('export-status')).toHaveText('Downloaded 4 events.');

    // Live: a new decision recorded while the page is open shows without reload.
    await page.getByRole('button', { name: 'Close' }).click();
    await harness.core.events.insertBatch(acceptedPair(1, 'asIs', 3));
    const after = await harness.core.events.getMetrics(agentFilter);
    expect(after.totals.shown).toBe(3);
    await expect(page.getByTestId('kpi-acceptance')).toContainText('3 of 3 shown');
    await expectKpis(page, after);

    await harness.core.settings.update({ theme: 'dark' });
    await page.getByLabel('Agent', { exact: true }).selectOption('');
    await expectKpis(page, await harness.core.events.getMetrics(filter));
    await shoot(page, 'supervisor-dark');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('chart-outcomes').locator('.recharts-rectangle').first().click();
    await expect(page.getByTestId('drill-down')).toBeVisible();
    await shoot(page, 'supervisor-wide-dark');
  });

  test('explains where data comes from, and imports JSONL with duplicates and a bad line', async ({
    page,
    harness,
  }) => {
    await openAsSupervisor(harness, page);
    await expect(page.getByRole('heading', { name: 'No assist activity in this period' })).toBeVisible();
    await shoot(page, 'supervisor-empty');

    const [shown, accepted] = acceptedPair(30, 'edited', 9);
    await harness.core.events.insertBatch([shown!]);
    const path = join(harness.userDataDir, 'agent-export.jsonl');
    await writeFile(
      path,
      [JSON.stringify(shown), JSON.stringify(accepted), '{"type": "nope"', ''].join('\n'),
    );
    // The supervisor picks the file in the open dialog (main reads only what was picked there).
    harness.importDialogAnswers.push([path]);
    await page.getByRole('button', { name: 'Choose export files…' }).click();
    const result = page.getByTestId('import-result');
    await expect(result).toContainText('Imported 1 · 1 already present · 1 line skipped');
    await expect(result).toContainText('agent-export.jsonl:3');
    await expect(page.getByTestId('kpi-acceptance-value')).toHaveText('100.0%');
    // Cancelling the dialog keeps the last result on screen.
    harness.importDialogAnswers.push([]);
    await page.getByRole('button', { name: 'Choose export files…' }).click();
    await expect(page.getByRole('button', { name: 'Choose export files…' })).toBeEnabled();
    await expect(result).toContainText('Imported 1 · 1 already present');
    // Typed paths work too; everything is a duplicate the second time.
    await page.getByLabel('Or enter paths of exports (JSONL)').fill(path);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(result).toContainText('Imported 0 · 2 already present · 1 line skipped');
  });
});
