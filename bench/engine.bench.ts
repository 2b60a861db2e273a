/**
 * Engine benchmark (issue 3): the same measurement as `npm run -s cli -- bench`, runnable alone.
 * Targets: p99 ≤ 2 ms for a 1–2 KB message after warm-up, ≥ 2,000 messages/s on one core, ready
 * (load + train) ≤ 300 ms, RSS growth ≤ 60 MB, redaction of hostile 100k inputs < 50 ms.
 * Run: npx tsx bench/engine.bench.ts [--messages 3000] [--json]
 */
import { formatBenchReport, runEngineBench } from '../src/main/cli/commands/bench';

const args = process.argv.slice(2);
const i = args.indexOf('--messages');
const messages = i >= 0 ? Number(args[i + 1]) : 3000;
void runEngineBench({ messages }).then((report) => {
  process.stdout.write(
    args.includes('--json') ? JSON.stringify(report, null, 2) + '\n' : formatBenchReport(report),
  );
});
