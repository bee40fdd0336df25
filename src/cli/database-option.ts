import type { Command } from 'commander';
import { loadConfig } from '../config.js';

/** `--db` on any command wins over DATABASE_URL / PIPEWRIGHT_DB and the default file. */
export function databaseTarget(command: Command): string {
  const { db } = command.optsWithGlobals<{ db?: string }>();
  return loadConfig(process.env, db ? { database: db } : {}).database;
}
