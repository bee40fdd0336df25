import { Command, CommanderError } from 'commander';
import { VERSION } from '../project-root.js';
import { migrateCommand } from './commands/migrate.js';
import { pipelinesCommand } from './commands/pipelines.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';
import { tenantCommand } from './commands/tenant.js';
import { auditCommand } from './commands/audit.js';
import { duplicatesCommand } from './commands/duplicates.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { leadCommand } from './commands/lead.js';
import { modelCommand } from './commands/model.js';
import { sweepCommands } from './commands/sweeps.js';
import { renewalsCommand } from './commands/renewals.js';
import { contractCommands } from './commands/contract.js';
import { opportunityCommand } from './commands/opportunity.js';
import { stalledCommand } from './commands/stalled.js';
import { reportCommands } from './commands/report.js';
import { teamCommand } from './commands/team.js';
import { targetCommand } from './commands/target.js';
import { quoteCommand } from './commands/quote.js';
import { catalogCommands } from './commands/catalog.js';
import { userCommand } from './commands/user.js';
import { describeError, processIo } from './io.js';
import type { Io } from './io.js';

export function buildProgram(io: Io): Command {
  const program = new Command('pipewright')
    .description('Pipewright: opportunity management from lead to cash')
    .version(VERSION)
    .option(
      '--db <target>',
      'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/pipewright.db)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .exitOverride();
  serveCommand(program, io);
  migrateCommand(program, io);
  tenantCommand(program, io);
  seedCommand(program, io);
  userCommand(program, io);
  teamCommand(program, io);
  targetCommand(program, io);
  catalogCommands(program, io);
  quoteCommand(program, io);
  contractCommands(program, io);
  auditCommand(program, io);
  importCommand(program, io);
  exportCommand(program, io);
  pipelinesCommand(program, io);
  opportunityCommand(program, io);
  stalledCommand(program, io);
  reportCommands(program, io);
  duplicatesCommand(program, io);
  leadCommand(program, io);
  modelCommand(program, io);
  sweepCommands(program, io);
  renewalsCommand(program, io);
  return program;
}

/** Runs the CLI and returns the exit code; never throws, never prints a stack for user errors. */
export async function runCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const { message, exitCode } = describeError(error);
    io.err(`error: ${message}`);
    return exitCode;
  }
}
