import { describe, expect, it } from 'vitest';
import { entityIssues } from './entity-fit.js';
import type { RuleBody } from './rule.js';

const base: RuleBody = {
  name: 'r',
  entity: 'lead',
  enabled: true,
  trigger: { type: 'created' },
  conditions: [],
  actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
};

describe('entityIssues', () => {
  it('accepts a lead rule made of lead parts', () => {
    expect(
      entityIssues({
        ...base,
        trigger: { type: 'field_changed', fields: ['status'] },
        conditions: [{ kind: 'owner_team', teamIds: ['t'], includeSubTeams: true }],
        actions: [{ type: 'move_to_pool' }, { type: 'set_field', field: 'region', value: 'x' }],
      }),
    ).toEqual([]);
  });

  it('names each deal-only part of a lead rule', () => {
    const issues = entityIssues({
      ...base,
      trigger: { type: 'stage_left', stageId: 's' },
      conditions: [
        { kind: 'stage', stageIds: ['s'] },
        { kind: 'field', field: 'name', op: 'eq', value: 'x' },
        { kind: 'pipeline', pipelineIds: ['p'] },
      ],
      actions: [
        { type: 'request_approval', title: 't' },
        { type: 'set_field', field: 'custom.tier', value: 'a' },
      ],
    });
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['trigger/type', 'not_for_entity'],
      ['conditions/0/kind', 'not_for_entity'],
      ['conditions/2/kind', 'not_for_entity'],
      ['actions/0/type', 'not_for_entity'],
      ['actions/1/field', 'not_for_entity'],
    ]);
    expect(issues[0]?.messages?.['zh-CN']).toBe('线索规则不支持 stage_left');
  });

  it('refuses pools and lead fields on a deal rule', () => {
    const issues = entityIssues({
      ...base,
      entity: 'opportunity',
      actions: [{ type: 'move_to_pool' }, { type: 'set_field', field: 'status', value: 'sql' }],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['actions/0/type', 'actions/1/field']);
  });
});
