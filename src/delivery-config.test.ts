import { describe, expect, it } from 'vitest';
import { parseDeliverySettings, parseSmtpUrl } from './config.js';

describe('outbox settings from the environment', () => {
  it('reads SMTP as one URL: STARTTLS on smtp://, TLS on smtps://, credentials decoded', () => {
    expect(parseSmtpUrl('smtp://crm%40corp.cn:p%40ss@mail.corp.cn', 'CRM <crm@corp.cn>')).toEqual({
      host: 'mail.corp.cn',
      port: 587,
      secure: false,
      user: 'crm@corp.cn',
      password: 'p@ss',
      from: 'CRM <crm@corp.cn>',
    });
    expect(parseSmtpUrl('smtps://mail.corp.cn', 'x')).toMatchObject({ port: 465, secure: true });
    expect(parseSmtpUrl('smtp://127.0.0.1:2525', 'x')).toMatchObject({ port: 2525, user: null });
    expect(() => parseSmtpUrl('http://mail.corp.cn', 'x')).toThrow(/smtp/);
    expect(() => parseSmtpUrl('not a url', 'x')).toThrow(/PIPEWRIGHT_SMTP_URL/);
  });

  it('has no SMTP and eight attempts unless told otherwise; refuses nonsense attempts', () => {
    expect(parseDeliverySettings({})).toMatchObject({ smtp: null, maxAttempts: 8 });
    expect(parseDeliverySettings({ PIPEWRIGHT_OUTBOX_MAX_ATTEMPTS: '3' }).maxAttempts).toBe(3);
    expect(() => parseDeliverySettings({ PIPEWRIGHT_OUTBOX_MAX_ATTEMPTS: '0' })).toThrow();
    expect(() => parseDeliverySettings({ PIPEWRIGHT_OUTBOX_MAX_ATTEMPTS: 'many' })).toThrow();
  });
});
