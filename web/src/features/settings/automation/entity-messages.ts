import { defineMessages } from '../../../i18n/catalogue';

/** The record-type choice of the rule editor and the dry run's record picker. */
export const entityMessages = defineMessages({
  en: {
    'entity.label': 'Record type',
    'entity.opportunity': 'Deals',
    'entity.lead': 'Leads',
    'entity.created.lead': 'Lead created',
    'dry.lead': 'Lead',
    'dry.searchLeads': 'Search leads by name',
  },
  'zh-CN': {
    'entity.label': '记录类型',
    'entity.opportunity': '商机',
    'entity.lead': '线索',
    'entity.created.lead': '线索创建',
    'dry.lead': '线索',
    'dry.searchLeads': '按名称搜索线索',
  },
});
