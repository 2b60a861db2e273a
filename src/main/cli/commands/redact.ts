import type { CliCommand } from '../io';

/** Placeholder until the redact command lands; says so plainly instead of failing obscurely. */
export const redactCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "redact" command is not available in this build yet.\n');
  return 2;
};
