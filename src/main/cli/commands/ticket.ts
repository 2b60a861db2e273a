import type { CliCommand } from '../io';

/** Placeholder until the ticket command lands; says so plainly instead of failing obscurely. */
export const ticketCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "ticket" command is not available in this build yet.\n');
  return 2;
};
