import type { CliCommand } from '../io';

/** Placeholder until the bench command lands; says so plainly instead of failing obscurely. */
export const benchCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "bench" command is not available in this build yet.\n');
  return 2;
};
