/**
 * Assist panel latency in the browser harness (issue 5), built renderer in Chromium over the real app core:
 *  (a) clipboard text read in main → intent, sentiment, churn and escalation painted. Target ≤ 100 ms
 *      (the poll interval is not counted: the bench writes the clipboard and runs the watcher's tick itself);
 *  (b) a keystroke in the draft editor → the policy verdict updated. Target ≤ 50 ms.
 * Times are compared across processes on the wall clock (performance.timeOrigin + performance.now() on both
 * sides); the round trip back to Node is printed too as an upper bound that needs no clock agreement.
 * Run: npx tsx bench/assist-latency.bench.ts [--runs 30] [--skip-build] [--renderer-dir DIR]
 */
import type { Page } from 'playwright-core';
import { openBrowserBench } from './lib/browser-bench';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = opt('--runs', 30);
const WARMUP = 3;

const MESSAGES = [
  (n: number) =>
    `Hi, I ordered a linen duvet cover last week and have not heard anything since. Order #${n}. Where is it?`,
  (n: number) =>
    `This is the third time I write! Order #${n} arrived broken and nobody answers. I want a refund now or I cancel everything.`,
  (n: number) => `Hello, can I change the delivery address for order #${n}? I am moving next week. Thanks!`,
  (n: number) => `The towels from order #${n} are the wrong colour. How do I return them?`,
];

const nowEpoch = (): number => performance.timeOrigin + performance.now();

/**
 * Page-side: resolves with the wall-clock time of the first frame after the hint row shows `marker`'s
 * message (intent, sentiment and churn chips present). A string so tsx does not wrap it in helpers.
 */
const hintsPainted = (marker: string): string => `new Promise((done) => {
  const ready = () => {
    const text = document.querySelector('[data-testid="customer-text"]');
    return !!text && text.textContent.includes(${JSON.stringify(marker)}) &&
      !!document.querySelector('[data-testid="intent-chip"]') &&
      !!document.querySelector('[data-testid="sentiment-chip"]') &&
      !!document.querySelector('[data-testid="churn"]');
  };
  const finish = () => {
    const dom = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => done({ dom, frame: performance.timeOrigin + performance.now() }));
  };
  if (ready()) return finish();
  const observer = new MutationObserver(() => {
    if (ready()) { observer.disconnect(); finish(); }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})`;

/** Page-side: resolves when the editor's verdict becomes `verdict`, with the time of that DOM change. */
const verdictIs = (verdict: string): string => `new Promise((done) => {
  const el = document.querySelector('[data-testid="draft-verdict"]');
  const finish = () => {
    const dom = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => done({ dom, frame: performance.timeOrigin + performance.now() }));
  };
  if (el.getAttribute('data-verdict') === ${JSON.stringify(verdict)}) return finish();
  const observer = new MutationObserver(() => {
    if (el.getAttribute('data-verdict') === ${JSON.stringify(verdict)}) { observer.disconnect(); finish(); }
  });
  observer.observe(el, { attributes: true, attributeFilter: ['data-verdict'] });
})`;

interface Stamp {
  dom: number;
  frame: number;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const line = (label: string, xs: number[]): string =>
  `  ${label.padEnd(34)} p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms   p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms   max ${Math.max(
    ...xs,
  )
    .toFixed(1)
    .padStart(6)} ms`;

/** Installs the page-side promise first, then acts in Node, so the observer is in place before the change. */
async function measure(
  page: Page,
  script: string,
  act: () => Promise<number>,
): Promise<{ stamp: Stamp; t0: number; back: number }> {
  const handle = await page.evaluateHandle(
    `(() => { const p = ${script}; window.__benchWait = p; return true; })()`,
  );
  await handle.dispose();
  const t0 = await act();
  const stamp = await page.evaluate<Stamp>('window.__benchWait');
  return { stamp, t0, back: nowEpoch() };
}

async function main(): Promise<void> {
  const started = performance.now();
  const bench = await openBrowserBench(args, 'assist');
  const { core, clipboard, browser, origin } = bench;
  // The longest poll interval, so only the bench's own tick reads the clipboard.
  await core.settings.update({ clipboard: { pollMs: 10_000 } });
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  /** When main pushed the analysed state, to split each (a) run into main-side and renderer-side time. */
  let emittedAt = 0;
  const offBus = core.bus.onDidEmit((name, payload) => {
    if (name === 'onDidUpdateAssist' && emittedAt === 0) emittedAt = nowEpoch();
    page
      .evaluate(
        ([n, p]) => (globalThis as { __tandemEmit?: (n: string, p: unknown) => void }).__tandemEmit?.(n, p),
        [name, payload] as const,
      )
      .catch(() => {});
  });
  try {
    await bench.bindPage(page);
    await page.goto(`${origin}/`);
    await page.getByRole('navigation', { name: 'Views' }).waitFor();

    // (a) clipboard → hints painted.
    const hintsDom: number[] = [];
    const hintsFrame: number[] = [];
    const hintsRound: number[] = [];
    const hintsMain: number[] = [];
    const byKind: number[][] = MESSAGES.map(() => []);
    for (let i = 0; i < RUNS + WARMUP; i++) {
      const order = 20_000 + i;
      const text = MESSAGES[i % MESSAGES.length]!(order);
      const r = await measure(page, hintsPainted(`#${order}`), async () => {
        clipboard.writeText(text);
        emittedAt = 0;
        const t0 = nowEpoch();
        core.assist.runtime.watcher.tick();
        return t0;
      });
      if (i < WARMUP) continue;
      hintsDom.push(r.stamp.dom - r.t0);
      hintsFrame.push(r.stamp.frame - r.t0);
      hintsRound.push(r.back - r.t0);
      hintsMain.push(emittedAt - r.t0);
      byKind[i % MESSAGES.length]!.push(r.stamp.frame - r.t0);
    }

    // (b) keystroke → verdict. "5% off" is allowed; typing the 0 of "50% off" blocks it, Backspace clears it.
    await page.locator('[data-testid="suggestion-1"]').waitFor();
    await page.locator('body').press('e');
    const editor = page.locator('[data-testid="draft-editor"]');
    await editor.waitFor();
    // The top suggestion as the agent would start from it; if it is itself blocked (an unfilled
    // placeholder), a clean reply instead, so the one keystroke is what flips the verdict.
    const suggested = await editor.inputValue();
    const start =
      core.assist.runtime.service.checkDraft(suggested).verdict === 'block'
        ? 'Hi there,\n\nThanks for your message, I am looking into it now.\n\n— The Lumen & Loom team'
        : suggested;
    const base = `${start}\nAs a thank-you I can give you 5% off your next order.`;
    const allowed = core.assist.runtime.service.checkDraft(base).verdict;
    const blocked = core.assist.runtime.service.checkDraft(base.replace('5% off', '50% off')).verdict;
    if (allowed === blocked) {
      const f = core.assist.runtime.service.checkDraft(base).findings;
      throw new Error(`the keystroke does not change the verdict (${allowed}): ${JSON.stringify(f)}`);
    }
    await editor.fill(base);
    await page.evaluate<Stamp>(verdictIs(allowed));
    const tail = base.length - base.indexOf('5% off') - 1;
    await editor.press('End');
    for (let k = 0; k < tail; k++) await editor.press('ArrowLeft');
    const keyDom: number[] = [];
    const keyFrame: number[] = [];
    const keyRound: number[] = [];
    for (let i = 0; i < (RUNS + WARMUP) * 2; i++) {
      const adding = i % 2 === 0;
      const r = await measure(page, verdictIs(adding ? blocked : allowed), async () => {
        // Timed in the page at keydown, so Playwright's own delivery is not counted.
        await page.evaluate(
          `document.querySelector('[data-testid="draft-editor"]').addEventListener('keydown', () => { window.__keyAt = performance.timeOrigin + performance.now(); }, { once: true })`,
        );
        await page.keyboard.press(adding ? '0' : 'Backspace');
        return page.evaluate<number>('window.__keyAt');
      });
      if (i < WARMUP * 2) continue;
      keyDom.push(r.stamp.dom - r.t0);
      keyFrame.push(r.stamp.frame - r.t0);
      keyRound.push(r.back - r.t0);
    }
    const finalText = await editor.inputValue();
    if (finalText !== base) throw new Error('the editor text drifted during the keystroke runs');

    process.stdout.write(
      [
        `assist-latency: ${RUNS} runs each after ${WARMUP} warm-up, Chromium 420×900, real app core (${((performance.now() - started) / 1000).toFixed(1)} s incl. build)`,
        `(a) clipboard text read in main → intent, sentiment, churn, escalation on screen:`,
        line('DOM updated', hintsDom),
        line('next frame (painted)', hintsFrame),
        line('round trip back to Node (bound)', hintsRound),
        line('of which main (read → state pushed)', hintsMain),
        `  painted p50 by message: ${byKind.map((xs, k) => `#${k + 1} ${pct(xs, 50).toFixed(0)} ms`).join(', ')}`,
        `  target ≤ 100 ms at p95 (painted): ${pct(hintsFrame, 95) <= 100 ? 'met' : 'NOT met'}`,
        `(b) keystroke in the draft editor → policy verdict updated (${allowed} ↔ ${blocked}):`,
        line('DOM updated', keyDom),
        line('next frame (painted)', keyFrame),
        line('round trip back to Node (bound)', keyRound),
        `  target ≤ 50 ms at p95 (painted): ${pct(keyFrame, 95) <= 50 ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    offBus();
    await bench.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`assist-latency failed: ${String(error)}\n`);
  process.exitCode = 1;
});
