import type { CliCommand } from '../io';

/** Placeholder until the eval command lands; says so plainly instead of failing obscurely. */
export const evalCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "eval" command is not available in this build yet.\n');
  return 2;
};
