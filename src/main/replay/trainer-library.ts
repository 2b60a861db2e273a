import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainingCaseSchema, type TrainingCase } from '../../shared/domain/cases';
import type { CaseSummary } from '../../shared/contract/trainer';
import { loadCaseLibrary, type CaseProblem } from './case-library';

/** A case with where it came from, so the picker can tell shipped cases from a trainer's own. */
export interface LocatedCase {
  case: TrainingCase;
  location: 'shipped' | 'user';
}

export interface MergedLibrary {
  cases: LocatedCase[];
  problems: CaseProblem[];
}

const exists = async (dir: string): Promise<boolean> =>
  stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** Summarises a case for the picker. */
export function summarize(located: LocatedCase): CaseSummary {
  const c = located.case;
  return {
    id: c.id,
    title: c.title,
    tags: c.tags,
    difficulty: c.difficulty,
    turns: c.turns.length,
    customerTurns: c.turns.filter((t) => t.role === 'customer').length,
    origin: c.origin,
    location: located.location,
  };
}

/**
 * The shipped cases merged with the trainer's own folder under user data. A user case with the id of
 * a shipped one replaces it, so a trainer can adapt a shipped case without editing the app's files.
 * Loaded once and reloaded after every save, so the picker and the replay always agree.
 */
export class TrainerLibrary {
  private loaded: Promise<MergedLibrary> | null = null;

  constructor(
    private readonly shippedDir: string,
    readonly userDir: string,
  ) {}

  load(): Promise<MergedLibrary> {
    this.loaded ??= this.read().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  async get(id: string): Promise<TrainingCase | undefined> {
    return (await this.load()).cases.find((c) => c.case.id === id)?.case;
  }

  /** Writes a validated case into the user folder (atomically: a crash never leaves half a file). */
  async save(input: unknown): Promise<TrainingCase> {
    const c = TrainingCaseSchema.parse(input);
    await mkdir(this.userDir, { recursive: true });
    const file = join(this.userDir, `${c.id}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(c, null, 2)}\n`, 'utf8');
    await rename(tmp, file);
    this.loaded = null;
    return c;
  }

  private async read(): Promise<MergedLibrary> {
    const shipped = (await exists(this.shippedDir))
      ? await loadCaseLibrary(this.shippedDir)
      : { cases: [], problems: [] };
    const user = (await exists(this.userDir))
      ? await loadCaseLibrary(this.userDir)
      : { cases: [], problems: [] };
    const byId = new Map<string, LocatedCase>();
    for (const c of shipped.cases) byId.set(c.id, { case: c, location: 'shipped' });
    for (const c of user.cases) byId.set(c.id, { case: c, location: 'user' });
    const cases = [...byId.values()].sort((a, b) => a.case.title.localeCompare(b.case.title));
    return { cases, problems: [...shipped.problems, ...user.problems] };
  }
}
