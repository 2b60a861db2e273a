/**
 * Summarises a Chromium trace (as written by `browser.startTracing`) for a page load: time on the
 * renderer's main thread by event name, so a slow paint can be attributed to script compile,
 * evaluation, layout or paint rather than guessed at.
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

const INTERESTING = new Set([
  'ParseHTML',
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'V8.CompileCode',
  'v8.parseOnBackground',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'MajorGC',
  'MinorGC',
  'V8.GC_SCAVENGER',
  'ScriptCatchup',
]);

/** Lines "name: total ms (count)" for the renderer main thread, up to `windowMs` after the first event. */
export function summariseTrace(
  trace: { traceEvents?: TraceEvent[] } | TraceEvent[],
  windowMs: number,
): string[] {
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) return ['(no renderer main thread in the trace)'];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === main.pid);
  const start = nav?.ts ?? Math.min(...onMain.map((e) => e.ts));
  const end = start + windowMs * 1000;
  const totals = new Map<string, { ms: number; n: number }>();
  let busy = 0;
  let lastEnd = 0;
  for (const e of onMain.sort((a, b) => a.ts - b.ts)) {
    if (e.ts > end || e.dur === undefined) continue;
    const stop = e.ts + e.dur;
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      // Top-level tasks: wall time the main thread was busy (not double counted).
      const from = Math.max(e.ts, lastEnd, start);
      if (stop > from) busy += stop - from;
      lastEnd = Math.max(lastEnd, stop);
    }
    if (!INTERESTING.has(e.name)) continue;
    const key =
      e.name === 'EvaluateScript' || e.name === 'v8.compile'
        ? `${e.name} ${shortUrl(e.args?.data?.url)}`
        : e.name;
    const t = totals.get(key) ?? { ms: 0, n: 0 };
    t.ms += e.dur / 1000;
    t.n += 1;
    totals.set(key, t);
  }
  return [
    `main thread busy ${(busy / 1000).toFixed(0)} ms of the first ${windowMs.toFixed(0)} ms`,
    ...[...totals]
      .filter(([, t]) => t.ms >= 5)
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([name, t]) => `${name}: ${t.ms.toFixed(0)} ms (${t.n})`),
  ];
}

const shortUrl = (url: string | undefined): string => (url ? (url.split('/').pop() ?? url) : '');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by script and function from a V8 CPU profile (CDP `Profiler.stop`), largest first. */
export function summariseProfile(
  profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] },
  top = 25,
): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byScript = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const script = shortUrl(f.url) || `(${f.functionName || 'native'})`;
    const key = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    byScript.set(script, (byScript.get(script) ?? 0) + us);
  }
  const ms = (us: number) => (us / 1000).toFixed(0);
  return [
    `self time by script: ${[...byScript]
      .sort((a, b) => b[1] - a[1])
      .filter(([, us]) => us >= 5000)
      .map(([s, us]) => `${s} ${ms(us)} ms`)
      .join(', ')}`,
    ...[...byFn]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${ms(us)} ms ${k}`),
  ];
}
