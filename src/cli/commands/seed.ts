import type { Command } from 'commander';
import { DEMO, seedDemoTenant } from '../../app/demo.service.js';
import { openRuntime } from '../../runtime.js';
import { databaseTarget } from '../database-option.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';

function positiveInt(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${name} must be a whole number from 1 to ${max}, got "${text}"`);
  }
  return value;
}

export function seedCommand(program: Command, io: Io): void {
  const seed = program.command('seed').description('Fill the database with generated data');
  seed
    .command('demo')
    .description('Create a demo tenant with teams, accounts, leads and opportunities with history')
    .option('--slug <slug>', 'tenant slug', DEMO.slug)
    .option('--opportunities <n>', 'how many opportunities to generate', '300')
    .option('--seed <n>', 'random seed: the same seed gives the same data', '20261123')
    .action(
      async (options: { slug: string; opportunities: string; seed: string }, command: Command) => {
        const opportunities = positiveInt('--opportunities', options.opportunities, 5_000_000);
        const randomSeed = positiveInt('--seed', options.seed, 2 ** 31);
        const runtime = await openRuntime(databaseTarget(command));
        const started = Date.now();
        try {
          const { tenant, counts } = await seedDemoTenant(runtime.ctx, {
            slug: options.slug,
            opportunities,
            seed: randomSeed,
            onProgress: (done, total) => {
              if (total >= 10_000) {
                const rate = Math.round(done / ((Date.now() - started) / 1000));
                process.stderr.write(`\r  ${done}/${total} opportunities (${rate}/s)`);
              }
            },
          });
          if (opportunities >= 10_000) process.stderr.write('\n');
          io.out(`Seeded tenant ${tenant.slug}: ${JSON.stringify(counts)}`);
          io.out(
            `Sign in as admin@${tenant.slug === DEMO.slug ? DEMO.domain : `${tenant.slug}.pipewright.dev`} / ${DEMO.password}`,
          );
        } finally {
          await runtime.close();
        }
      },
    );
}
