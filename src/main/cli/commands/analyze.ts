import type { CliCommand } from '../io';

/** Placeholder until the analyze command lands; says so plainly instead of failing obscurely. */
export const analyzeCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "analyze" command is not available in this build yet.\n');
  return 2;
};
