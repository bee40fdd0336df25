import type { Command } from 'commander';
import { runMigrations } from '../../runtime.js';
import { databaseTarget } from '../database-option.js';
import type { Io } from '../io.js';

export function migrateCommand(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (also done automatically by serve)')
    .action(async (_options: unknown, command: Command) => {
      const applied = await runMigrations(databaseTarget(command));
      io.out(applied.length === 0 ? 'Schema is up to date.' : `Applied: ${applied.join(', ')}`);
    });
}
