import { normaliseEmail } from './email.js';
import { foldWidth } from './width.js';

/**
 * Free mail providers: an address there says nothing about the company, so their domains
 * are never a match key (two strangers both on qq.com are not one customer).
 */
export const freeMailDomains: ReadonlySet<string> = new Set([
  'qq.com',
  'vip.qq.com',
  'foxmail.com',
  '163.com',
  'vip.163.com',
  '126.com',
  'yeah.net',
  '188.com',
  'sina.com',
  'sina.cn',
  'vip.sina.com',
  'sohu.com',
  'aliyun.com',
  '139.com',
  '189.cn',
  'wo.cn',
  'tom.com',
  '21cn.com',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.com.cn',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'mail.ru',
  'yandex.com',
  'yandex.ru',
  'naver.com',
]);

/** The domain or one of its parents is a free mail provider (mail.qq.com counts too). */
export function isFreeMailDomain(domain: string): boolean {
  const labels = domain.split('.');
  return labels.some((_, i) => freeMailDomains.has(labels.slice(i).join('.')));
}

const HOST = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;

/**
 * The company's domain from a website as people write it (`https://www.Example.com/about`,
 * `WWW.example.com:8080`, `example.com.`): host only, lower case, `www.` dropped. Not a
 * host, or a free mail provider: null. Sub-domains are kept (without a public-suffix list
 * we cannot tell `shop.example.com` from `example.com.cn`). Idempotent.
 */
export function domainFromWebsite(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const host = (
    foldWidth(raw)
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .replace(/^\/\//, '')
      .split(/[/?#\\]/)[0] ?? ''
  )
    .replace(/^.*@/, '')
    .replace(/:\d*$/, '')
    .replace(/\.+$/, '')
    .replace(/^(www\d*\.)+/, '');
  if (!HOST.test(host) || isFreeMailDomain(host)) return null;
  return host;
}

/** The domain of an e-mail address, unless it is a free mail provider's. */
export function domainFromEmail(raw: string | null | undefined): string | null {
  const email = normaliseEmail(raw);
  return email ? domainFromWebsite(email.slice(email.lastIndexOf('@') + 1)) : null;
}
