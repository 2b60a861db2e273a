import type { CliCommand } from '../io';

/** Placeholder until the check command lands; says so plainly instead of failing obscurely. */
export const checkCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "check" command is not available in this build yet.\n');
  return 2;
};
