/**
 * Supervisor dashboard first paint with 1,000,000 events (issue 8). Target: ≤ 1 s from navigation to the
 * KPI cards, charts and agent table drawn, in the browser harness (built renderer in Chromium, real app
 * core behind the same page binding the e2e specs use).
 *
 * The cold case is measured first and printed on its own: a fresh browser context (empty HTTP and code
 * caches) over a freshly opened store (the app core is restarted after seeding, and the database file is
 * evicted from the OS page cache where `dd iflag=nocache` can), then a fresh context over the warm store,
 * then reloads of the same page (warm).
 *
 * Run: npx tsx bench/dashboard-paint.bench.ts [--events 1000000] [--loads 5] [--skip-build]
 *      [--renderer-dir DIR] [--user-data DIR (reuse/keep a seeded store)] [--trace FILE (cold load)]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { generateEvents } from '../src/main/events/generate';
import { EVENT_DB_FILE } from '../src/main/events/paths';
import type { TandemEvent } from '../src/shared/domain/events';
import { openBrowserBench, type BrowserBench } from './lib/browser-bench';
import { summariseProfile, summariseTrace } from './lib/trace-summary';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EVENTS = opt('--events', 1_000_000);
const LOADS = Math.max(3, opt('--loads', 5));
/** Cold samples: each restarts the core (store reopened, file evicted) and opens a fresh browser context. */
const COLD = Math.max(1, opt('--cold', 3));
const traceArg = args.indexOf('--trace');
const TRACE = traceArg >= 0 ? args[traceArg + 1]! : null;
/** `--profile DIR`: V8 CPU profiles of the cold load and of the last warm reload, saved and summarised. */
const profileArg = args.indexOf('--profile');
const PROFILE = profileArg >= 0 ? args[profileArg + 1]! : null;
const BATCH = 10_000;

/**
 * Resolves with `performance.now()` (ms since navigation start) once the frame in which the selectors
 * are all present has been produced: a rAF callback runs before that frame's style, layout and paint,
 * and a message posted from it is handled after them. A string, because tsx would wrap a function in
 * helpers the page does not have.
 */
const paintedWhen = (selectors: string[]): string => `new Promise((done) => {
  const ready = () => ${JSON.stringify(selectors)}.every((s) => !!document.querySelector(s));
  const after = () => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => done(performance.now());
    ch.port2.postMessage(0);
  };
  const check = () => (ready() ? requestAnimationFrame(after) : requestAnimationFrame(check));
  check();
})`;

/** KPI cards with real figures: the acceptance value is only rendered from a metrics answer. */
const KPIS = ['[data-testid="kpi-acceptance-value"]', '[data-testid="kpi-edit-distance-value"]'];
/** Complete: KPI figures, the trend chart's SVG, the intent chart's SVG and the first agent row. */
const COMPLETE = [
  ...KPIS,
  '[data-testid="chart-trend"] svg.recharts-surface',
  '[data-testid="chart-outcomes"] svg.recharts-surface',
  '[data-testid^="agent-row-"]',
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f0 = (ms: number): string => ms.toFixed(0);

interface Call {
  name: string;
  ms: number;
  startedAt: number;
}

interface Load {
  label: string;
  kpis: number;
  complete: number;
  timeline: string;
}

/** Evicts the database file from the OS page cache (fadvise DONTNEED through GNU dd); best effort. */
function evictFromPageCache(dir: string): boolean {
  let ok = true;
  for (const suffix of ['', '-wal']) {
    const file = join(dir, EVENT_DB_FILE + suffix);
    if (!existsSync(file)) continue;
    const r = spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    ok &&= r.status === 0;
  }
  return ok;
}

async function seed(bench: BrowserBench): Promise<{ stored: number; seedMs: number | null }> {
  const before = await bench.core.events.countEvents();
  if (before >= EVENTS) return { stored: before, seedMs: null };
  if (before > 0) throw new Error(`--user-data holds ${before} events, fewer than --events ${EVENTS}`);
  const started = performance.now();
  let batch: TandemEvent[] = [];
  for (const event of generateEvents({ count: EVENTS, seed: 8 })) {
    batch.push(event);
    if (batch.length === BATCH) {
      await bench.core.events.insertBatch(batch);
      batch = [];
    }
  }
  if (batch.length) await bench.core.events.insertBatch(batch);
  return { stored: await bench.core.events.countEvents(), seedMs: performance.now() - started };
}

/** One navigation: paint times plus a waterfall of scripts and IPC calls, relative to navigation start. */
async function measure(page: Page, calls: Call[], label: string, reload: boolean): Promise<Load> {
  calls.length = 0;
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto('/', { waitUntil: 'commit' });
  const [kpis, complete] = await Promise.all([
    page.evaluate<number>(paintedWhen(KPIS)),
    page.evaluate<number>(paintedWhen(COMPLETE)),
  ]);
  const info = await page.evaluate<{
    origin: number;
    html: number;
    dcl: number;
    resources: { name: string; start: number; end: number }[];
    marks: { name: string; at: number }[];
  }>(`({
    origin: performance.timeOrigin,
    html: performance.getEntriesByType('navigation')[0].responseEnd,
    dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd })),
    marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tandem:')).map((m) => ({ name: m.name, at: m.startTime })),
  })`);
  const steps = [
    ...info.resources
      .filter((r) => /\.(js|css)$/.test(r.name))
      .map((r) => ({ at: r.start, text: `${basename(r.name)} ${f0(r.start)}→${f0(r.end)}` })),
    { at: info.html, text: `HTML ${f0(info.html)}` },
    { at: info.dcl, text: `DOMContentLoaded ${f0(info.dcl)}` },
    ...info.marks.map((m) => ({ at: m.at, text: `${m.name.slice(7)} ${f0(m.at)}` })),
    ...calls.map((c) => {
      const at = c.startedAt - info.origin;
      return { at, text: `${c.name} ${f0(at)}→${f0(at + c.ms)}` };
    }),
  ].sort((a, b) => a.at - b.at);
  return {
    label,
    kpis,
    complete,
    timeline: `    ${steps.map((s) => s.text).join(', ')}; KPI cards ${f0(kpis)}, complete ${f0(complete)}`,
  };
}

async function main(): Promise<void> {
  const bench = await openBrowserBench(args, 'paint');
  try {
    const { stored, seedMs } = await seed(bench);
    await bench.core.settings.update({ role: 'supervisor' });
    // App restart: the store is opened afresh, and its file leaves the OS cache.
    await bench.reopenCore();
    let evicted = evictFromPageCache(bench.userDataDir);
    const calls: Call[] = [];
    const onCall = (name: string, ms: number, startedAt: number) => calls.push({ name, ms, startedAt });
    const freshPage = async (): Promise<Page> => {
      const context = await bench.browser.newContext({
        viewport: { width: 420, height: 780 },
        baseURL: bench.origin,
      });
      const page = await context.newPage();
      await bench.bindPage(page, onCall);
      return page;
    };

    const profiles: string[] = [];
    const profiled = async (page: Page, label: string, run: () => Promise<Load>): Promise<Load> => {
      if (!PROFILE) return run();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const result = await run();
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(join(PROFILE, `${label.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
      profiles.push(`  CPU profile, ${label}:`, ...summariseProfile(profile).map((l) => `    ${l}`));
      await cdp.detach();
      return result;
    };

    const loads: Load[] = [];
    let trace: Buffer | null = null;
    for (let i = 0; i < COLD; i++) {
      if (i > 0) {
        await bench.reopenCore();
        evicted &&= evictFromPageCache(bench.userDataDir);
      }
      const coldPage = await freshPage();
      const label = `cold ${i + 1}`;
      if (TRACE && i === 0) await bench.browser.startTracing(coldPage, { path: TRACE, screenshots: false });
      loads.push(
        await (i === 0
          ? profiled(coldPage, 'cold', () => measure(coldPage, calls, label, false))
          : measure(coldPage, calls, label, false)),
      );
      if (TRACE && i === 0) trace = await bench.browser.stopTracing();
      await coldPage.context().close();
    }
    const page = await freshPage();
    loads.push(await measure(page, calls, 'fresh page, store already open', false));
    for (let i = 1; i < LOADS; i++) {
      const label = `warm reload ${i}`;
      loads.push(
        await (i === LOADS - 1
          ? profiled(page, label, () => measure(page, calls, label, true))
          : measure(page, calls, label, true)),
      );
    }

    const colds = loads.slice(0, COLD);
    const fresh = loads[COLD]!;
    const warm = loads.slice(COLD + 1);
    const list = (xs: Load[], pick: (l: Load) => number) => xs.map((l) => f0(pick(l))).join(', ');
    const load = loadavg().map((l) => l.toFixed(2));
    const out = [
      seedMs === null
        ? `dashboard-paint: ${stored.toLocaleString('en-US')} events (store reused from --user-data)`
        : `dashboard-paint: ${stored.toLocaleString('en-US')} events seeded in ${(seedMs / 1000).toFixed(1)} s ` +
          `(${Math.round(stored / (seedMs / 1000)).toLocaleString('en-US')} events/s, batches of ${BATCH})`,
      `dashboard paint, 420×780, default filter "last 7 days"; complete = KPI figures + trend and intent charts + agent rows`,
      `  COLD (fresh page, store reopened${evicted ? ', file evicted from the OS cache' : ''}), ${COLD} samples: ` +
        `KPI cards median ${f0(median(colds.map((l) => l.kpis)))} ms (${list(colds, (l) => l.kpis)}); ` +
        `complete median ${f0(median(colds.map((l) => l.complete)))} ms (${list(colds, (l) => l.complete)})`,
      `  fresh page, warm store: KPI cards ${f0(fresh.kpis)} ms, complete ${f0(fresh.complete)} ms`,
      `  WARM reloads: KPI cards median ${f0(median(warm.map((l) => l.kpis)))} ms; complete median ${f0(
        median(warm.map((l) => l.complete)),
      )} ms, max ${f0(Math.max(...warm.map((l) => l.complete)))} ms (${warm.map((l) => f0(l.complete)).join(', ')})`,
      `  load average ${load.join(' ')} (1/5/15 min, ${(await import('node:os')).cpus().length} cores)`,
      `  waterfalls (ms since navigation start):`,
      ...loads.flatMap((l) => [`  ${l.label}:`, l.timeline]),
      `  target ≤ 1000 ms first paint (KPI cards), median — cold: ${
        median(colds.map((l) => l.kpis)) <= 1000 ? 'met' : 'NOT met'
      }, warm: ${median(warm.map((l) => l.kpis)) <= 1000 ? 'met' : 'NOT met'}; complete ≤ 1000 ms — cold: ${
        median(colds.map((l) => l.complete)) <= 1000 ? 'met' : 'NOT met'
      }, warm: ${median(warm.map((l) => l.complete)) <= 1000 ? 'met' : 'NOT met'}`,
    ];
    if (trace && TRACE) {
      await writeFile(TRACE, trace);
      out.push(`  cold-load trace in ${TRACE}; renderer main thread:`);
      out.push(
        ...summariseTrace(JSON.parse(await readFile(TRACE, 'utf8')), cold.complete).map((l) => `    ${l}`),
      );
    }
    out.push(...profiles);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await bench.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`dashboard-paint failed: ${String(error)}\n`);
  process.exitCode = 1;
});
