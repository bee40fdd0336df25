/** Vocabulary for plausible Chinese B2B demo data. */
export const cities = [
  '上海',
  '北京',
  '深圳',
  '杭州',
  '苏州',
  '南京',
  '广州',
  '成都',
  '武汉',
  '西安',
  '天津',
  '宁波',
];

export const regionsByTeam: Record<string, readonly string[]> = {
  east: ['上海', '杭州', '苏州', '南京', '宁波'],
  north: ['北京', '天津', '西安'],
  south: ['深圳', '广州', '成都', '武汉'],
};

export const companyCores = [
  '华信',
  '恒瑞',
  '中科',
  '鼎盛',
  '博远',
  '天成',
  '瑞丰',
  '启明',
  '远航',
  '金桥',
  '东方',
  '永辉',
  '智联',
  '卓越',
  '新元',
  '海纳',
  '明德',
  '锦程',
  '盛世',
  '诚泰',
  '优创',
  '腾跃',
  '嘉禾',
  '弘毅',
  '凯达',
  '宏图',
  '联创',
  '众合',
];

export const industries = [
  ['制造业', '精密机械', '制造'],
  ['高科技', '信息技术', '科技'],
  ['消费品', '食品饮料', '食品'],
  ['医疗健康', '医疗器械', '医疗'],
  ['专业服务', '咨询服务', '咨询'],
  ['物流', '供应链', '物流'],
  ['能源电力', '新能源', '能源'],
  ['教育培训', '职业教育', '教育'],
] as const;

export const companySuffixes = ['有限公司', '股份有限公司', '集团有限公司'];

export const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
];
export const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓东',
  '雪',
  '欣怡',
  '子涵',
  '浩然',
];

export const titles = [
  '总经理',
  '副总经理',
  'IT 总监',
  '采购经理',
  '财务总监',
  '运营总监',
  '技术负责人',
  '项目经理',
  '行政主管',
  '工程师',
];
export const departments = ['总经办', '信息部', '采购部', '财务部', '运营部', '技术部', '行政部'];

export const products = [
  { name: '销售云 标准版', type: 'cornerstone', price: 1_980_000 },
  { name: '销售云 企业版', type: 'cornerstone', price: 4_680_000 },
  { name: '渠道管理模块', type: 'cornerstone', price: 2_400_000 },
  { name: '智能分析 BI', type: 'lighthouse', price: 3_600_000 },
  { name: 'AI 商机洞察', type: 'lighthouse', price: 5_800_000 },
  { name: '实施服务（人天）', type: 'cornerstone', price: 250_000 },
] as const;

export const competitors = [
  '纷享销客',
  '销售易',
  'Salesforce',
  '用友 CRM',
  '金蝶云',
  'Zoho',
  'HubSpot',
];

export const campaigns = [
  '2026 春季展会',
  '行业白皮书下载',
  '线上直播：销售数字化',
  '老客户推荐计划',
  '官网试用申请',
];

export const activitySubjects: Record<string, readonly string[]> = {
  call: ['电话沟通需求', '跟进报价反馈', '确认会议时间'],
  visit: ['上门拜访', '拜访决策人', '现场调研'],
  meeting: ['需求讨论会', '方案评审会', '商务谈判会议'],
  demo: ['产品演示', '定制功能演示', 'POC 演示'],
  email: ['发送方案资料', '发送正式报价', '发送合同草案'],
  note: ['客户组织架构梳理', '竞品情况记录', '预算情况备注'],
};

export const nextSteps = [
  '安排产品演示',
  '提交正式方案',
  '约见决策人',
  '发送报价单',
  '推动合同审批',
  '确认采购预算',
];
