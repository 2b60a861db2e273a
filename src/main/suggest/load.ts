import { join } from 'node:path';
import { findResourcesDir, loadMacroLibrary } from '../knowledge/loader';
import type { MacroLoadError } from '../knowledge/loader';
import type { Macro } from '../knowledge/macro';
import { createPolicyChecker } from '../policy/checker';
import type { PolicyChecker } from '../policy/checker';
import { loadPolicyPack } from '../policy/pack';
import { createSuggester } from './suggester';
import type { Suggester } from './suggester';

export interface OfflineKnowledge {
  macros: Macro[];
  /** Problems in macro files; the files were skipped and everything else loaded. */
  macroErrors: MacroLoadError[];
  checker: PolicyChecker;
  suggester: Suggester;
}

/**
 * Loads the shipped macros plus the team's folders (settings `engine.macroFolders`) and the policy pack (settings
 * `engine.policyPackPath`, else the shipped one), and wires the checker and the suggester. An invalid pack
 * throws PolicyPackError: checking drafts against a pack nobody agreed to would be worse than refusing.
 */
export async function loadOfflineKnowledge(
  opts: { resourcesDir?: string; macroFolders?: readonly string[]; policyPackPath?: string } = {},
): Promise<OfflineKnowledge> {
  const resources = findResourcesDir(opts.resourcesDir);
  const pack = await loadPolicyPack(
    opts.policyPackPath ?? join(resources, 'policies', 'lumen-and-loom.yaml'),
  );
  const library = await loadMacroLibrary([join(resources, 'macros'), ...(opts.macroFolders ?? [])]);
  const checker = createPolicyChecker(pack);
  return {
    macros: library.macros,
    macroErrors: library.errors,
    checker,
    suggester: createSuggester({ macros: library.macros, policy: checker }),
  };
}
