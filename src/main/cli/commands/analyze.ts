import { createInterface } from 'node:readline';
import { z } from 'zod';
import { MessageInputSchema, type MessageInput } from '../../../shared/domain/context';
import { createEngine, type Engine, type EngineAnalysis } from '../../engine';
import { createCliLlm, extractLlmArgs } from '../../llm/cli-llm';
import { createSuggestionsExtension, loadOfflineKnowledge } from '../../suggest';
import { writeLine, type CliCommand, type CliIo } from '../io';

/** `id` may be a string or a number; anything else is an input error for that line. */
const IdSchema = z.union([z.string().max(500), z.number()]);
export const AnalyzeLineSchema = MessageInputSchema.extend({ id: IdSchema.optional() });
export type AnalyzeLineInput = z.infer<typeof AnalyzeLineSchema>;

export interface LineError {
  id?: string | number;
  error: { code: 'invalid_json' | 'invalid_input' | 'failed'; message: string };
}

/**
 * Reads JSONL from stdin and writes one line per non-blank input line, in order. Lines are handled
 * one at a time and each write waits for the consumer (`writeLine`), so memory stays flat on a
 * 1 GB stream. A bad line becomes an error line and the stream goes on; only an unreadable input
 * stops it (exit 1).
 */
export async function runJsonl(
  io: CliIo,
  handle: (raw: unknown) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      if (line.trim().length === 0) continue;
      let out: Record<string, unknown>;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        out = lineError(undefined, 'invalid_json', `Invalid JSON: ${(error as Error).message}`);
        await writeLine(io.stdout, JSON.stringify(out));
        continue;
      }
      try {
        out = await handle(parsed);
      } catch (error) {
        out = lineError(idOf(parsed), 'failed', error instanceof Error ? error.message : String(error));
      }
      await writeLine(io.stdout, JSON.stringify(out));
    }
  } catch (error) {
    io.stderr.write(`Cannot read input: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    rl.close();
  }
  return 0;
}

/** The id of a line that failed validation, when it has a usable one. */
export function idOf(raw: unknown): string | number | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const parsed = IdSchema.safeParse((raw as { id: unknown }).id);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

export function lineError(
  id: string | number | undefined,
  code: LineError['error']['code'],
  message: string,
): LineError & Record<string, unknown> {
  return { ...(id !== undefined ? { id } : {}), error: { code, message } };
}

/** "text: expected string, received number; customer.tags[0]: …" — the zod path of each problem. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(line)'}: ${i.message}`)
    .join('; ');
}

/**
 * The public output of one analysed line. Holds no raw personal data: `normalizedText` and the
 * restore map stay in the process. Engine part 2 adds `suggestions` through `extend`.
 */
export function buildAnalyzeLine(
  id: string | number | undefined,
  analysis: EngineAnalysis,
): Record<string, unknown> {
  return {
    id: id ?? null,
    language: analysis.language,
    isCustomerMessage: analysis.isCustomerMessage,
    ...(analysis.notCustomerReason ? { notCustomerReason: analysis.notCustomerReason } : {}),
    truncated: analysis.truncated,
    intent: analysis.intent,
    sentiment: analysis.sentiment,
    churnRisk: analysis.churnRisk,
    escalation: analysis.escalation,
    entities: analysis.entities,
    redactedText: analysis.redactedText,
  };
}

/** A step that adds fields to an output line (offline suggestions, LLM drafts). */
export type LineExtension = (
  line: Record<string, unknown>,
  input: MessageInput,
  analysis: EngineAnalysis,
) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface AnalyzeDeps {
  engine?: Engine;
  extensions?: LineExtension[];
}

/** Validates one parsed line, analyses it and runs the extensions. */
export async function analyzeOne(
  engine: Engine,
  raw: unknown,
  extensions: readonly LineExtension[] = [],
): Promise<Record<string, unknown>> {
  const parsed = AnalyzeLineSchema.safeParse(raw);
  if (!parsed.success) return lineError(idOf(raw), 'invalid_input', describeIssues(parsed.error));
  const { id, ...input } = parsed.data;
  const analysis = engine.analyze(input);
  let line = buildAnalyzeLine(id, analysis);
  for (const extend of extensions) line = await extend(line, input, analysis);
  return line;
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Builds the command; tests inject an engine, the CLI builds one from the shipped resources. */
export function createAnalyzeCommand(deps: AnalyzeDeps = {}): CliCommand {
  return async (args, io) => {
    const { llm, rest, error } = extractLlmArgs(args);
    if (error) {
      io.stderr.write(`${error}\n`);
      return 2;
    }
    let engine: Engine;
    const extensions = [...(deps.extensions ?? [])];
    try {
      const maxChars = option(rest, '--max-chars');
      engine =
        deps.engine ??
        createEngine({
          resourcesDir: option(rest, '--resources'),
          ...(maxChars ? { maxChars: Number(maxChars) } : {}),
        });
      // Offline suggestions first: the LLM step grounds its drafts on the macros they came from.
      const knowledge = await loadOfflineKnowledge({ resourcesDir: option(rest, '--resources') });
      extensions.push(createSuggestionsExtension(knowledge.suggester));
      if (llm) {
        const cliLlm = await createCliLlm(llm, { env: io.env, redact: (t) => engine.redactText(t).text });
        extensions.push((line, input, analysis) => cliLlm.addLlmSuggestions(line, input, analysis));
      }
    } catch (e) {
      io.stderr.write(`Cannot start the engine: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    return runJsonl(io, (raw) => analyzeOne(engine, raw, extensions));
  };
}

export const analyzeCommand: CliCommand = createAnalyzeCommand();
