import type { CliCommand } from '../io';

/** Placeholder until the team command lands; says so plainly instead of failing obscurely. */
export const teamCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "team" command is not available in this build yet.\n');
  return 2;
};
