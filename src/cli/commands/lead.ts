import type { Command } from 'commander';
import { convertLead } from '../../app/lead-conversion.service.js';
import { getLeadScore, rescoreAllLeads } from '../../app/lead-scoring.service.js';
import { getLead } from '../../app/leads.service.js';
import { findUserByEmail } from '../../app/users.service.js';
import { describeContribution } from '../../i18n/lead-score.js';
import { cliLocale, UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant } from '../tenant-scope.js';

interface ConvertOptions {
  tenant?: string;
  account?: string;
  accountName?: string;
  /** An id with --contact, false with --no-contact. */
  contact?: string | boolean;
  opportunity?: string;
  opportunityName?: string;
  owner?: string;
  json?: boolean;
}

interface ScoreOptions {
  tenant?: string;
  all?: boolean;
  json?: boolean;
}

/** Leads from the command line: conversion and scores, through the same services as the API. */
export function leadCommand(program: Command, io: Io): void {
  const lead = program.command('lead').description('Convert leads and explain their scores');

  lead
    .command('convert <id>')
    .description('Convert a lead into an account, contact and opportunity (one transaction)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--account <id>', 'link this account instead of creating one')
    .option('--account-name <name>', 'name of the new account (default: the lead’s company)')
    .option('--contact <id>', 'link this contact of the account instead of creating one')
    .option('--no-contact', 'create no contact')
    .option('--opportunity <id>', 'convert into this existing open opportunity')
    .option('--opportunity-name <name>', 'name of the new opportunity')
    .option('--owner <email>', 'owner of what is created (default: the lead’s owner)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: ConvertOptions, command: Command) => {
      const linkContact = typeof options.contact === 'string' ? options.contact : undefined;
      const result = await inTenant(command, options.tenant, async (ctx, principal) => {
        const owner = options.owner ? await findUserByEmail(ctx, principal, options.owner) : null;
        if (options.owner && !owner) throw new UsageError(`no user "${options.owner}"`);
        const current = await getLead(ctx, principal, id);
        return convertLead(ctx, principal, id, {
          version: current.version,
          ...(options.account ? { accountId: options.account } : {}),
          ...(options.accountName ? { accountName: options.accountName } : {}),
          ...(linkContact ? { contactId: linkContact } : {}),
          ...(options.contact === false ? { createContact: false } : {}),
          ...(options.opportunity ? { opportunityId: options.opportunity } : {}),
          ...(options.opportunityName ? { opportunityName: options.opportunityName } : {}),
          ...(owner ? { ownerId: owner.id } : {}),
        });
      });
      if (options.json) return io.out(JSON.stringify(result, null, 2));
      const how = (made: boolean) => (made ? 'created' : 'linked');
      io.out(`Converted lead ${id}:`);
      io.out(`  account      ${result.accountId} (${how(result.created.account)})`);
      if (result.contactId)
        io.out(`  contact      ${result.contactId} (${how(result.created.contact)})`);
      io.out(`  opportunity  ${result.opportunityId} (${how(result.created.opportunity)})`);
    });

  lead
    .command('score [id]')
    .description('Explain a lead’s score, or re-score every lead with --all')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--all', 're-score every live lead (run daily: recency rules depend on the date)')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, options: ScoreOptions, command: Command) => {
      if (options.all === true) {
        if (id) throw new UsageError('give a lead id or --all, not both');
        const changed = await inTenant(command, options.tenant, (ctx, principal) =>
          rescoreAllLeads(ctx, principal),
        );
        if (options.json) return io.out(JSON.stringify({ rescored: changed }));
        return io.out(`Re-scored: ${changed} lead(s) changed score.`);
      }
      if (!id) throw new UsageError('give a lead id, or --all to re-score every lead');
      const score = await inTenant(command, options.tenant, (ctx, principal) =>
        getLeadScore(ctx, principal, id),
      );
      const locale = cliLocale();
      if (options.json)
        return io.out(
          JSON.stringify(
            {
              ...score,
              contributions: score.contributions.map((c) => ({
                ...c,
                explanation: describeContribution(c, locale),
              })),
            },
            null,
            2,
          ),
        );
      io.out(`${locale === 'zh-CN' ? '评分' : 'Score'}: ${score.score}`);
      for (const c of score.contributions) io.out(`  ${describeContribution(c, locale)}`);
    });
}
