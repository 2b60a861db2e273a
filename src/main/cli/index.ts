import type { CliCommand, CliIo } from './io';

/**
 * `npm run -s cli -- <command>`: the same engine the app runs, for QA teams, trainers and support
 * engineers. Commands load lazily so `analyze` does not pay for the connectors or the event store.
 */
const commands: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  analyze: {
    summary: 'JSONL messages on stdin → analysis per line',
    load: async () => (await import('./commands/analyze')).analyzeCommand,
  },
  redact: {
    summary: 'JSONL {id,text} → redacted text and entity spans',
    load: async () => (await import('./commands/redact')).redactCommand,
  },
  eval: {
    summary: 'eval --cases FILE: intent accuracy on labelled JSONL',
    load: async () => (await import('./commands/eval')).evalCommand,
  },
  bench: {
    summary: 'engine latency, throughput, start-up and memory',
    load: async () => (await import('./commands/bench')).benchCommand,
  },
  check: {
    summary: 'JSONL drafts → policy verdict and findings',
    load: async () => (await import('./commands/check')).checkCommand,
  },
  ticket: {
    summary: 'load a helpdesk ticket (and store context) as JSON',
    load: async () => (await import('./commands/ticket')).ticketCommand,
  },
  events: {
    summary: 'events import|stats|export|generate',
    load: async () => (await import('./commands/events')).eventsCommand,
  },
  cases: {
    summary: 'cases validate|eval|replay',
    load: async () => (await import('./commands/cases')).casesCommand,
  },
  team: {
    summary: 'team migrate|add-agent (PostgreSQL team store)',
    load: async () => (await import('./commands/team')).teamCommand,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return `Usage: npm run -s cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  return command(rest, io);
}

const isEntryPoint = process.argv[1] !== undefined && /cli[\\/]index\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntryPoint) {
  runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`tandem: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
