import type { Migration } from 'kysely';
import * as core from './0001-core.js';
import * as identity from './0002-identity.js';
import * as pipelineEngine from './0003-pipeline-engine.js';

/**
 * Every migration, in order. Listed in code (not read from a folder) so the compiled server
 * and the tests run exactly the same set; names sort by their numeric prefix.
 */
export const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-identity': identity,
  '0003-pipeline-engine': pipelineEngine,
};
