import type { CliCommand } from '../io';

/** Placeholder until the cases command lands; says so plainly instead of failing obscurely. */
export const casesCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "cases" command is not available in this build yet.\n');
  return 2;
};
