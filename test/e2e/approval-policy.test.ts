import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import {
  browserSkipped,
  chooseOptions,
  screenshot,
  signIn,
  startBrowserSuite,
  UI_TIMEOUT,
} from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';

/**
 * The approval screens end to end in Chromium: an admin sets a two-step discount chain and
 * the threshold in Settings; a rep enters a discounted line on the deal page and sees the
 * sign-off it needs; the manager approves the first step in the queue; the deal page shows
 * the chain's history, in English and in Chinese.
 */
const REP = `rep1.east@${DEMO.domain}`;
const MANAGER = `manager.east@${DEMO.domain}`;

interface Approval {
  id: string;
  version: number;
  status: string;
  currentStep: number;
  approverId: string | null;
  approverRole: string | null;
  steps: { decidedBy: string | null; status: string }[];
}

interface Policy {
  version: number;
  policy: {
    chains: Record<string, { approver: { type: string }; minAmountMinor: number }[]>;
    discountThresholdPercent: number | null;
  };
}

describe.skipIf(browserSkipped)('approval policy, deal products and history in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let rep: ApiClient;
  let manager: { id: string; name: string };
  let dealId: string;
  const dealName = `产品折扣链测试 ${Date.now()}`;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    const url = ui.server().url;
    admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    rep = await new ApiClient(url).signIn(REP, DEMO.password);
    const managerClient = await new ApiClient(url).signIn(MANAGER, DEMO.password);
    manager = (await managerClient.get<{ user: { id: string; name: string } }>('/api/v1/me')).body
      .user;
    const account = await rep.post<{ id: string }>('/api/v1/accounts', { name: '宁波海天精工' });
    const deal = await rep.post<{ id: string }>('/api/v1/opportunities', {
      name: dealName,
      accountId: account.body.id,
    });
    expect(deal.status, JSON.stringify(deal.body)).toBe(201);
    dealId = deal.body.id;
  });

  afterAll(async () => {
    await ui?.close();
  });

  const discountApprovals = async () =>
    (
      await rep.get<{ items: Approval[] }>(
        `/api/v1/approvals?opportunityId=${dealId}&kind=discount`,
      )
    ).body.items;

  it('an admin sets a two-step discount chain and the threshold in Settings', async () => {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', '/settings/approvals');
    await signIn(page, DEMO.adminEmail, DEMO.password);
    const chain = page.getByTestId('chain-discount');
    await chain.getByTestId('chain-step').first().waitFor({ timeout: UI_TIMEOUT });
    await chain.getByTestId('add-step-discount').click();
    const second = chain.getByTestId('chain-step').nth(1);
    await chooseOptions(page, 'Discounts Step 2 Approver', ['Any administrator']);
    await second.getByLabel('Applies from amount (CNY)').fill('100000');
    await page.getByLabel('Discount needing sign-off, above (%)').fill('15');
    await screenshot(page, 'settings-approval-policy');
    // A threshold below the step before is refused by the server, shown under its field.
    await chain.getByTestId('add-step-discount').click();
    await chain
      .getByTestId('chain-step')
      .nth(2)
      .getByLabel('Applies from amount (CNY)')
      .fill('50000');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await chain
      .getByTestId('chain-step')
      .nth(2)
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: /./ })
      .waitFor();
    expect((await admin.get<Policy>('/api/v1/approvals/policy')).body.version).toBe(0);
    await chain.getByRole('button', { name: 'Remove step 3' }).click();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByTestId('policy-saved').waitFor();

    const stored = (await admin.get<Policy>('/api/v1/approvals/policy')).body;
    expect(stored.version).toBe(1);
    expect(stored.policy.discountThresholdPercent).toBe(15);
    expect(stored.policy.chains.discount).toEqual([
      { approver: { type: 'owner_manager' }, minAmountMinor: 0 },
      { approver: { type: 'admin' }, minAmountMinor: 10_000_000 },
    ]);

    // A save against an older version is refused and said so, not silently overwritten.
    const moved = await admin.put('/api/v1/approvals/policy', {
      version: stored.version,
      policy: stored.policy,
    });
    expect(moved.status).toBe(200);
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByTestId('version-conflict').waitFor();
  }, 90_000);

  it('a rep enters a discounted line on the deal page and sees the sign-off it waits for', async () => {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', `/opportunities/${dealId}`);
    await signIn(page, REP, DEMO.password);
    const products = page.getByTestId('deal-products');
    await products.getByRole('button', { name: 'Edit lines' }).click();
    await products.getByRole('button', { name: 'Add a line' }).click();
    const line = products.getByTestId('product-line').first();
    await line.getByLabel('Product').fill('销售云 企业版');
    await line.getByLabel('Quantity').fill('5');
    await line.getByLabel('Unit price (CNY)').fill('58000.10');
    await line.getByLabel('Discount %').fill('25');
    // 5 × 58,000.10 = 290,000.50 less 25% (72,500.125, rounded half up to 72,500.13).
    await expect
      .poll(() => products.getByTestId('products-preview-total').getAttribute('data-amount-minor'))
      .toBe('21750037');
    await products.getByRole('button', { name: 'Save lines' }).click();

    await products
      .getByTestId('discount-pending')
      .filter({ hasText: 'The discount of 25% is above 15%' })
      .waitFor();
    await products.getByText(`Waiting for ${manager.name}`).waitFor();
    await expect
      .poll(() => page.getByTestId('deal-amount').getAttribute('data-amount-minor'))
      .toBe('21750037');
    const history = page.getByTestId('deal-approvals');
    await history.locator('[data-testid="deal-approval"][data-status="pending"]').waitFor();
    await history.getByText('Step 1 of 2').waitFor();
    await screenshot(page, 'deal-products-discount');

    const [asked] = await discountApprovals();
    expect(asked).toMatchObject({ status: 'pending', approverId: manager.id, currentStep: 0 });
    expect(asked?.steps).toHaveLength(2);
  }, 90_000);

  it('the manager approves in the queue; the deal page shows the history, in Chinese too', async () => {
    if (!ui) throw new Error('suite not set up');
    const queue = await ui.open('en-US', '/approvals');
    await signIn(queue, MANAGER, DEMO.password);
    const item = queue.getByTestId('approval-item').filter({ hasText: dealName });
    await item.getByLabel('Comment').fill('同意，季度末冲量');
    await item.getByRole('button', { name: 'Approve' }).click();
    await queue
      .getByTestId('approval-decided')
      .getByText('Approved: passed to the next step')
      .waitFor();

    const page = await ui.open('en-US', `/opportunities/${dealId}`);
    await signIn(page, REP, DEMO.password);
    const history = page.getByTestId('deal-approvals');
    await history.getByText(`Approved by ${manager.name}`).waitFor();
    await history.getByText('“同意，季度末冲量”').waitFor();
    await history.getByText('Waiting for Any admin').waitFor();
    await history.getByText('Step 2 of 2').waitFor();

    // The administrator signs the last step off; the Chinese page shows it approved.
    const [waiting] = await discountApprovals();
    if (!waiting) throw new Error('no discount approval');
    const approved = await admin.post(`/api/v1/approvals/${waiting.id}/approve`, {
      version: waiting.version,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const zh = await ui.open('zh-CN', `/opportunities/${dealId}`);
    await signIn(zh, REP, DEMO.password);
    const zhHistory = zh.getByTestId('deal-approvals');
    await zhHistory.locator('[data-testid="deal-approval"][data-status="approved"]').waitFor();
    await zhHistory.getByText('已通过').waitFor();
    await zhHistory.getByText(`${manager.name} 同意`).waitFor();
    await screenshot(zh, 'deal-approvals-zh');
    await expect(zh.getByTestId('discount-pending').count()).resolves.toBe(0);
  }, 180_000);
});
