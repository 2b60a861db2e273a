export { createPolicyChecker } from './checker';
export type { CheckContext, PolicyChecker } from './checker';
export {
  loadPolicyPack,
  parsePolicyPack,
  PolicyPackError,
  PolicyPackSchema,
  POLICY_RULES,
  ruleSeverity,
} from './pack';
export type { PolicyPack, PolicyRule, RuleSeverity } from './pack';
export { guessLanguage, baseLanguage } from './language';
