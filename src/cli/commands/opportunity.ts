import type { Command } from 'commander';
import { decideApproval, listApprovalsPage } from '../../app/approvals.service.js';
import type { AppContext } from '../../app/context.js';
import { opportunityGuidance } from '../../app/guidance.service.js';
import { getOpportunity } from '../../app/opportunities.service.js';
import { getPipeline } from '../../app/pipelines.service.js';
import { markDone } from '../../app/playbook.service.js';
import { closeOpportunity, moveOpportunity } from '../../app/stage-moves.service.js';
import type { MoveOutcome } from '../../app/stage-moves.service.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';

interface TenantOption {
  tenant?: string;
}

/** Resolves a stage by key (or id) within the deal's pipeline. */
async function stageIdFor(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  stage: string,
): Promise<string> {
  const deal = await getOpportunity(ctx, principal, opportunityId);
  const pipeline = await getPipeline(ctx, principal, deal.pipelineId);
  const found = pipeline.stages.find(
    (candidate) => candidate.key === stage || candidate.id === stage,
  );
  if (!found)
    throw new UsageError(
      `no stage "${stage}" in pipeline ${pipeline.key} (${pipeline.stages.map((s) => s.key).join(', ')})`,
    );
  return found.id;
}

function report(io: Io, outcome: MoveOutcome): void {
  if (outcome.status === 'moved')
    io.out(`Moved: now in stage ${outcome.opportunity.stageId} (${outcome.opportunity.status}).`);
  else
    io.out(
      `Waiting for approval ${outcome.approval.id} (approver ${outcome.approval.approverId ?? 'any admin'}).`,
    );
}

const list = (text: string | undefined) =>
  text
    ? text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

/** The pipeline engine from the command line: the same services, rules and audit as the API. */
export function opportunityCommand(program: Command, io: Io): void {
  const opportunity = program
    .command('opportunity')
    .description('Move, close and review opportunities');

  opportunity
    .command('move <id> <stage>')
    .description('Move a deal to a stage (by key); the gates apply')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--reason <text>', 'why (required to move back or reopen)')
    .action(
      async (
        id: string,
        stage: string,
        options: TenantOption & { reason?: string },
        command: Command,
      ) => {
        const outcome = await inTenant(command, options.tenant, async (ctx, principal) => {
          const deal = await getOpportunity(ctx, principal, id);
          const stageId = await stageIdFor(ctx, principal, id, stage);
          return moveOpportunity(ctx, principal, id, {
            version: deal.version,
            stageId,
            reason: options.reason ?? null,
          });
        });
        report(io, outcome);
      },
    );

  opportunity
    .command('close <id> <outcome>')
    .description('Close as won or lost with the review')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--reasons <keys>', 'comma-separated reason keys (see close reasons)')
    .option('--competitor <name>', 'who we lost to (or beat)')
    .option('--notes <text>', 'what we learned')
    .action(
      async (
        id: string,
        outcome: string,
        options: TenantOption & { reasons?: string; competitor?: string; notes?: string },
        command: Command,
      ) => {
        if (outcome !== 'won' && outcome !== 'lost')
          throw new UsageError('outcome must be won or lost');
        const result = await inTenant(command, options.tenant, async (ctx, principal) => {
          const deal = await getOpportunity(ctx, principal, id);
          return closeOpportunity(ctx, principal, id, {
            version: deal.version,
            outcome,
            reasons: list(options.reasons),
            competitor: options.competitor ?? null,
            notes: options.notes ?? null,
          });
        });
        report(io, result);
      },
    );

  opportunity
    .command('checklist <id>')
    .description('What to do now: key actions, materials and the next gate')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(async (id: string, options: TenantOption & { json?: boolean }, command: Command) => {
      const guidance = await inTenant(command, options.tenant, (ctx, principal) =>
        opportunityGuidance(ctx, principal, id),
      );
      if (options.json) return io.out(JSON.stringify(guidance, null, 2));
      io.out(`Stage: ${guidance.stage.nameZh} / ${guidance.stage.nameEn}`);
      for (const action of guidance.actions) {
        io.out(
          `  [${action.done ? 'x' : ' '}] ${action.key}${action.required ? ' (required)' : ''}: ${action.nameZh} / ${action.nameEn}`,
        );
      }
      if (guidance.next) {
        io.out(
          `Next: ${guidance.next.stage.nameZh} / ${guidance.next.stage.nameEn}${guidance.next.needsApproval ? ' (needs approval)' : ''}`,
        );
        for (const unmet of guidance.next.unmet) io.out(`  - ${unmet.message}`);
      }
    });

  opportunity
    .command('tick <id> <key>')
    .description('Mark a key action done (or a material used, with --material)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--material', 'the key is a sales material')
    .option('--note <text>', 'evidence: what was done')
    .action(
      async (
        id: string,
        key: string,
        options: TenantOption & { material?: boolean; note?: string },
        command: Command,
      ) => {
        const item = await inTenant(command, options.tenant, (ctx, principal) =>
          markDone(ctx, principal, id, {
            kind: options.material ? 'material' : 'action',
            key,
            ...(options.note ? { evidence: { note: options.note } } : {}),
          }),
        );
        io.out(`Done: ${item.kind} ${item.key} at ${item.doneAt}.`);
      },
    );

  const approvals = program.command('approvals').description('Stage sign-offs');
  approvals
    .command('list')
    .description('Pending approvals')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(async (options: TenantOption & { json?: boolean }, command: Command) => {
      const page = await inTenant(command, options.tenant, (ctx, principal) =>
        listApprovalsPage(ctx, principal, { status: 'pending' }, { limit: 200 }),
      );
      printRows(
        io,
        page.items.map((a) => ({
          id: a.id,
          opportunity: a.opportunityId,
          kind: a.kind,
          toStage: a.kind === 'stage' ? a.request.toStageId : '',
          approver: a.approverId ?? 'admin',
          since: a.createdAt,
        })),
        options.json === true,
      );
    });
  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    approvals
      .command(`${verb} <id>`)
      .description(approve ? 'Approve: the waiting move completes' : 'Reject with a comment')
      .requiredOption('--tenant <slug>', 'tenant slug')
      .option('--comment <text>', 'for the rep')
      .action(
        async (id: string, options: TenantOption & { comment?: string }, command: Command) => {
          const decision = await inTenant(command, options.tenant, async (ctx, principal) => {
            const page = await listApprovalsPage(
              ctx,
              principal,
              { status: 'pending' },
              { limit: 200 },
            );
            const approval = page.items.find((candidate) => candidate.id === id);
            if (!approval) throw new UsageError(`no pending approval ${id}`);
            return decideApproval(ctx, principal, id, {
              version: approval.version,
              approve,
              comment: options.comment ?? null,
            });
          });
          io.out(
            `${decision.approval.status}${decision.move ? `; move: ${decision.move.status}` : ''}.`,
          );
        },
      );
  }
}
