import './style.css';
import { api, ApiError } from './api.js';
import type { PipelineInfo, StageSummary } from './api.js';
import { formatMoney, initialLocale, t } from './i18n.js';
import type { Locale } from './i18n.js';

/**
 * The first page of Pipewright: sign in, then the default pipeline's summary, opportunities
 * and amount per stage. The full application (board, workspace, dashboards) replaces it.
 */
const root = document.querySelector<HTMLElement>('#app');
let locale: Locale = initialLocale();

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function header(extra: Node[] = []): HTMLElement {
  const toggle = el(
    'button',
    { type: 'button', class: 'link', 'data-testid': 'language' },
    t(locale, 'language'),
  );
  toggle.addEventListener('click', () => {
    locale = locale === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('pipewright.locale', locale);
    void render();
  });
  return el('header', {}, el('strong', {}, 'Pipewright'), el('nav', {}, ...extra, toggle));
}

function show(...nodes: Node[]): void {
  document.documentElement.lang = locale;
  root?.replaceChildren(...nodes);
}

function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

function signInForm(error?: string): void {
  const form = el(
    'form',
    { class: 'card', 'aria-label': t(locale, 'signIn') },
    el('h1', {}, t(locale, 'signIn')),
    el(
      'label',
      {},
      t(locale, 'email'),
      el('input', { name: 'email', type: 'email', autocomplete: 'username', required: '' }),
    ),
    el(
      'label',
      {},
      t(locale, 'password'),
      el('input', {
        name: 'password',
        type: 'password',
        autocomplete: 'current-password',
        required: '',
      }),
    ),
    ...(error ? [el('p', { role: 'alert', class: 'error' }, error)] : []),
    el('button', { type: 'submit' }, t(locale, 'signIn')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    api
      .signIn(locale, formText(data, 'email'), formText(data, 'password'))
      .then(() => render())
      .catch((err: unknown) => signInForm(err instanceof Error ? err.message : String(err)));
  });
  show(header(), form);
}

function summaryTable(stages: StageSummary[]): HTMLTableElement {
  const name = (s: StageSummary) => (locale === 'zh-CN' ? s.nameZh : s.nameEn);
  const money = (s: StageSummary, key: 'amountMinor' | 'weightedMinor') =>
    s.amounts.map((a) => formatMoney(locale, a[key], a.currency)).join(' + ') || '—';
  const rows = stages.map((s) =>
    el(
      'tr',
      { 'data-stage': s.stageId, class: `kind-${s.kind}` },
      el('th', { scope: 'row' }, name(s)),
      el('td', {}, `${s.probability}%`),
      el('td', { class: 'count' }, String(s.count)),
      el('td', {}, money(s, 'amountMinor')),
      el('td', {}, money(s, 'weightedMinor')),
    ),
  );
  return el(
    'table',
    { 'data-testid': 'pipeline-summary' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['stage', 'probability', 'deals', 'amount', 'weighted'] as const).map((key) =>
          el('th', { scope: 'col' }, t(locale, key)),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

async function dashboard(me: { user: { name: string }; tenant: { name: string } }): Promise<void> {
  const signOut = el('button', { type: 'button', class: 'link' }, t(locale, 'signOut'));
  signOut.addEventListener('click', () => void api.signOut(locale).then(() => render()));
  const docs = el('a', { href: '/api/docs' }, t(locale, 'apiDocs'));
  show(
    header([el('span', {}, `${me.user.name} · ${me.tenant.name}`), docs, signOut]),
    el('p', {}, t(locale, 'loading')),
  );
  const { items } = await api.pipelines(locale);
  const pipeline: PipelineInfo | undefined = items.find((p) => p.isDefault) ?? items[0];
  if (!pipeline) return;
  const { stages } = await api.summary(locale, pipeline.id);
  const title = `${t(locale, 'title')} · ${locale === 'zh-CN' ? pipeline.nameZh : pipeline.nameEn}`;
  show(
    header([el('span', {}, `${me.user.name} · ${me.tenant.name}`), docs, signOut]),
    el('h1', {}, title),
    summaryTable(stages),
  );
}

async function render(): Promise<void> {
  try {
    await dashboard(await api.me(locale));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signInForm();
    show(
      header(),
      el('p', { role: 'alert', class: 'error' }, `${t(locale, 'failed')} ${String(error)}`),
    );
  }
}

void render();
