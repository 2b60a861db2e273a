import type { CliCommand } from '../io';

/** Placeholder until the events command lands; says so plainly instead of failing obscurely. */
export const eventsCommand: CliCommand = async (_args, io) => {
  io.stderr.write('The "events" command is not available in this build yet.\n');
  return 2;
};
