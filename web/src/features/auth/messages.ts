import { defineMessages } from '../../i18n/catalogue';

export const authMessages = defineMessages({
  en: {
    title: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    tenant: 'Company code',
    tenantHelp: 'Only if your e-mail belongs to several companies: the code your admin gave you.',
    severalTenants: 'My e-mail belongs to several companies',
    submit: 'Sign in',
    required: 'Required',
  },
  'zh-CN': {
    title: '登录',
    email: '邮箱',
    password: '密码',
    tenant: '企业代码',
    tenantHelp: '仅当您的邮箱属于多个企业时填写：管理员提供的企业代码。',
    severalTenants: '我的邮箱属于多个企业',
    submit: '登录',
    required: '必填',
  },
});
