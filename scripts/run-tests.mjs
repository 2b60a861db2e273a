// `npm test`: checks what the tests need, runs vitest (node + renderer projects) and the Playwright
// browser specs, then prints one summary line per runner. Exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = {
  vitest: join(root, 'node_modules/vitest/vitest.mjs'),
  playwright: join(root, 'node_modules/@playwright/test/cli.js'),
};

/** Every missing prerequisite, each with the exact fix, so the user is not left with a stack trace. */
function missingPrerequisites() {
  const problems = [];
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    problems.push(
      `Node ${process.versions.node} is running the tests; Tandem needs Node 24 (the Node of its Electron). ` +
        'Run the tests with "npm test" (it uses the node@24 from devDependencies) after "npm install".',
    );
  }
  if (!existsSync(bin.vitest) || !existsSync(bin.playwright)) {
    problems.push(
      'The test tools are not installed. Run: npm install (or ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci)',
    );
  }
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    problems.push(
      process.env.CHROMIUM_PATH
        ? `Chromium not found at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}. Install it: sudo apt-get install -y chromium (and unset CHROMIUM_PATH), or point CHROMIUM_PATH at a Chromium binary.`
        : 'Chromium not found. Install it: sudo apt-get install -y chromium (or set CHROMIUM_PATH)',
    );
  }
  return problems;
}

function run(args, env) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(error.message);
      done(1);
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function runVitest(dir) {
  const out = join(dir, 'vitest.json');
  const code = await run([bin.vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const report = readJson(out);
  if (!report) return { code, counts: null };
  // A file that fails to load has no test results of its own; count it so it cannot pass unnoticed.
  const brokenFiles = (report.testResults ?? []).filter(
    (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
  ).length;
  return {
    code,
    counts: {
      passed: report.numPassedTests ?? 0,
      failed: (report.numFailedTests ?? 0) + brokenFiles,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    },
  };
}

async function runPlaywright(dir) {
  const out = join(dir, 'playwright.json');
  const code = await run([bin.playwright, 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const report = readJson(out);
  const stats = report?.stats;
  if (!stats) return { code, counts: null };
  const errors = Array.isArray(report.errors) ? report.errors.length : 0;
  return {
    code,
    counts: {
      passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
      failed: (stats.unexpected ?? 0) + errors,
      skipped: stats.skipped ?? 0,
    },
  };
}

function line(name, result) {
  if (!result.counts)
    return `${name}: did not report results (exit code ${result.code}); see the output above`;
  const { passed, failed, skipped } = result.counts;
  return `${name}: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

const problems = missingPrerequisites();
if (problems.length > 0) {
  console.error('Cannot run the tests yet:');
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'tandem-test-reports-'));
try {
  const unit = await runVitest(dir);
  const e2e = await runPlaywright(dir);
  const ok = (r) => r.code === 0 && r.counts !== null && r.counts.failed === 0;
  console.log('');
  console.log(line('unit', unit));
  console.log(line('e2e', e2e));
  process.exitCode = ok(unit) && ok(e2e) ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
