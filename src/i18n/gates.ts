import type { FieldIssue } from '../domain/errors.js';
import type { Unmet } from '../domain/pipeline/gates.js';
import type { Criterion, KeyAction } from '../domain/pipeline/stage-rules.js';

type Words = { readonly en: string; readonly 'zh-CN': string };

const fieldLabels: Record<string, Words> = {
  amount: { en: 'an amount', 'zh-CN': '金额' },
  expectedCloseDate: { en: 'an expected close date', 'zh-CN': '预计成交日期' },
  budget: { en: 'the budget', 'zh-CN': '预算' },
  timeline: { en: 'the buying timeline', 'zh-CN': '采购时间表' },
  nextStep: { en: 'a next step', 'zh-CN': '下一步计划' },
  nextStepDate: { en: 'a next-step date', 'zh-CN': '下一步日期' },
  primaryContactId: { en: 'a primary contact', 'zh-CN': '主要联系人' },
  competitors: { en: 'the competitors', 'zh-CN': '竞争对手' },
  products: { en: 'products', 'zh-CN': '产品' },
  source: { en: 'the source', 'zh-CN': '来源' },
};

const roleLabels: Record<string, Words> = {
  decision_maker: { en: 'decision maker', 'zh-CN': '决策者' },
  influencer: { en: 'influencer', 'zh-CN': '影响者' },
  user: { en: 'user', 'zh-CN': '使用者' },
  gatekeeper: { en: 'gatekeeper', 'zh-CN': '把关者' },
  champion: { en: 'champion', 'zh-CN': '内部支持者' },
};

const attachmentLabels: Record<string, Words> = {
  proposal: { en: 'proposal', 'zh-CN': '方案书' },
  quote: { en: 'quote', 'zh-CN': '报价单' },
  contract: { en: 'contract', 'zh-CN': '合同' },
  questionnaire: { en: 'needs questionnaire', 'zh-CN': '需求调研问卷' },
};

export interface GateNames {
  readonly stages: ReadonlyMap<string, { nameZh: string; nameEn: string }>;
  readonly actions: ReadonlyMap<string, KeyAction>;
  readonly customFields: ReadonlyMap<string, { labelZh: string; labelEn: string }>;
}

function criterionWords(criterion: Criterion, names: GateNames): Words {
  switch (criterion.type) {
    case 'field': {
      if (criterion.field.startsWith('custom.')) {
        const custom = names.customFields.get(criterion.field.slice(7));
        const label = custom
          ? { en: custom.labelEn, 'zh-CN': custom.labelZh }
          : { en: criterion.field, 'zh-CN': criterion.field };
        return { en: `“${label.en}” must be filled in`, 'zh-CN': `需填写“${label['zh-CN']}”` };
      }
      const label = fieldLabels[criterion.field] ?? {
        en: criterion.field,
        'zh-CN': criterion.field,
      };
      return { en: `${label.en} is required`, 'zh-CN': `需填写${label['zh-CN']}` };
    }
    case 'action': {
      const action = names.actions.get(criterion.action);
      return {
        en: `key action “${action?.nameEn ?? criterion.action}” is not done`,
        'zh-CN': `关键动作“${action?.nameZh ?? criterion.action}”尚未完成`,
      };
    }
    case 'attachment': {
      const label = attachmentLabels[criterion.attachmentType] ?? {
        en: criterion.attachmentType,
        'zh-CN': criterion.attachmentType,
      };
      return { en: `a ${label.en} file must be attached`, 'zh-CN': `需上传${label['zh-CN']}附件` };
    }
    case 'contact_role': {
      const role = roleLabels[criterion.role] ?? { en: criterion.role, 'zh-CN': criterion.role };
      return {
        en: `at least ${criterion.min} contact(s) must be identified as ${role.en}`,
        'zh-CN': `需识别至少 ${criterion.min} 位${role['zh-CN']}`,
      };
    }
    case 'score':
      return {
        en: `the evaluation score must be at least ${criterion.min}`,
        'zh-CN': `商机评估得分需至少 ${criterion.min} 分`,
      };
  }
}

/** Each unmet gate criterion as a field issue, in both languages, naming the stage. */
export function describeUnmet(unmet: readonly Unmet[], names: GateNames): FieldIssue[] {
  return unmet.map((item) => {
    const stage = names.stages.get(item.stageId);
    const stageName = {
      en: stage?.nameEn ?? item.stageKey,
      'zh-CN': stage?.nameZh ?? item.stageKey,
    };
    if (item.reason.code === 'skip_not_allowed') {
      return {
        path: `stages/${item.stageKey}`,
        code: 'skip_not_allowed',
        message: 'this pipeline does not allow skipping stages',
        messages: {
          en: 'this pipeline does not allow skipping stages',
          'zh-CN': '此销售流程不允许跳过阶段',
        },
      };
    }
    const { gate, criterion } = item.reason;
    const words = criterionWords(criterion, names);
    const en = `${stageName.en} (${gate === 'entry' ? 'to enter' : 'to leave'}): ${words.en}`;
    const zh = `${stageName['zh-CN']}（${gate === 'entry' ? '进入' : '离开'}条件）：${words['zh-CN']}`;
    return {
      path: `stages/${item.stageKey}/${gate}`,
      code: `${criterion.type}_unmet`,
      message: en,
      messages: { en, 'zh-CN': zh },
    };
  });
}
