import type { Stage } from '../pipeline/pipeline.js';
import type { RuleBody } from './rule.js';

/**
 * The shipped examples, as ready-to-save rules for one pipeline. They name stages, so they
 * are built against a pipeline's stages (found by key, else by Chinese name); a pipeline
 * without the stage gets no such template.
 *
 * - 进入「方案论证」: a task to upload the proposal (owner, due in 3 days) and a request for
 *   the manager's approval.
 * - 7 天无活动 in 「初步接触」: remind the owner; 10 days (3 more): escalate to the manager.
 *   Escalation is a second rule rather than a step inside one: each is a plain rule the
 *   tenant can read, change or switch off on its own, and each fires once per quiet spell.
 */
export interface RuleTemplate {
  readonly key: string;
  readonly rule: RuleBody;
}

const find = (stages: readonly Stage[], key: string, nameZh: string) =>
  stages.find((stage) => stage.key === key) ?? stages.find((stage) => stage.nameZh === nameZh);

export function ruleTemplates(stages: readonly Stage[]): RuleTemplate[] {
  const templates: RuleTemplate[] = [];
  const solution = find(stages, 'solution', '方案论证');
  if (solution) {
    templates.push({
      key: 'proposal-on-solution',
      rule: {
        name: `进入${solution.nameZh}：上传方案并请经理审批 / Entering ${solution.nameEn}: proposal and sign-off`,
        entity: 'opportunity',
        enabled: true,
        trigger: { type: 'stage_entered', stageId: solution.id },
        conditions: [],
        actions: [
          {
            type: 'create_task',
            title: '上传方案书 / Upload the proposal',
            dueInDays: 3,
            assignee: { to: 'owner' },
          },
          { type: 'request_approval', title: '方案审批 / Proposal sign-off' },
        ],
      },
    });
  }
  const initial = find(stages, 'initial-contact', '初步接触');
  if (initial) {
    const inInitial = [{ kind: 'stage' as const, stageIds: [initial.id] }];
    templates.push(
      {
        key: 'inactive-7-remind-owner',
        rule: {
          name: `${initial.nameZh} 7 天无活动：提醒负责人 / 7 quiet days in ${initial.nameEn}: remind the owner`,
          entity: 'opportunity',
          enabled: true,
          trigger: { type: 'inactive_for', days: 7 },
          conditions: inInitial,
          actions: [
            {
              type: 'notify',
              recipient: { to: 'owner' },
              message:
                '已 7 天没有跟进记录，请尽快联系客户。/ No activity for 7 days: get in touch.',
            },
          ],
        },
      },
      {
        key: 'inactive-10-escalate-manager',
        rule: {
          name: `${initial.nameZh} 10 天无活动：上报经理 / 10 quiet days in ${initial.nameEn}: escalate`,
          entity: 'opportunity',
          enabled: true,
          trigger: { type: 'inactive_for', days: 10 },
          conditions: inInitial,
          actions: [
            {
              type: 'notify',
              recipient: { to: 'manager' },
              message:
                '提醒 3 天后仍无跟进，请关注。/ Still no activity 3 days after the reminder.',
            },
          ],
        },
      },
    );
  }
  return templates;
}
