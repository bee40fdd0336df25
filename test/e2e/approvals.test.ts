import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import {
  browserSkipped,
  screenshot,
  signIn,
  startBrowserSuite,
  UI_TIMEOUT,
} from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';

/**
 * The approvals queue in Chromium: a rep's deep discount waits for the manager's sign-off;
 * the manager approves it from the queue with a comment, and the history shows who
 * approved it and what they said.
 */
const REP = `rep1.east@${DEMO.domain}`;
const MANAGER = `manager.east@${DEMO.domain}`;

interface Approval {
  id: string;
  status: string;
  approverId: string | null;
  steps: { decidedBy: string | null; comment: string | null }[];
}

describe.skipIf(browserSkipped)('approvals queue in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let rep: ApiClient;
  let managerId: string;
  let dealId: string;
  const dealName = `折扣审批测试 ${Date.now()}`;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    const url = ui.server().url;
    const admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    rep = await new ApiClient(url).signIn(REP, DEMO.password);
    const manager = await new ApiClient(url).signIn(MANAGER, DEMO.password);
    managerId = (await manager.get<{ user: { id: string } }>('/api/v1/me')).body.user.id;
    const policy = await admin.get<{ version: number; policy: { chains: unknown } }>(
      '/api/v1/approvals/policy',
    );
    const saved = await admin.put('/api/v1/approvals/policy', {
      version: policy.body.version,
      policy: { chains: policy.body.policy.chains, discountThresholdPercent: 15 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const account = await rep.post<{ id: string }>('/api/v1/accounts', { name: '宁波海天精工' });
    const deal = await rep.post<{ id: string }>('/api/v1/opportunities', {
      name: dealName,
      accountId: account.body.id,
      products: [
        {
          name: '销售云 企业版',
          productType: 'cornerstone',
          quantity: 5,
          unitPriceMinor: 5_800_000,
          discountPercent: 25,
        },
      ],
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

  it('lets the manager approve a rep’s discount from the queue, and shows the history', async () => {
    if (!ui) throw new Error('suite not set up');
    const [asked] = await discountApprovals();
    expect(asked).toMatchObject({ status: 'pending', approverId: managerId });

    const page = await ui.open('en-US', '/approvals');
    await signIn(page, MANAGER, DEMO.password);
    await page.locator('h1', { hasText: 'Approvals' }).waitFor({ timeout: UI_TIMEOUT });
    const item = page.getByTestId('approval-item').filter({ hasText: dealName });
    await item.waitFor();
    await item.getByText('Discount of 25% (above 15%)').waitFor();
    await screenshot(page, 'approvals');
    await item.getByLabel('Comment').fill('同意，季度末冲量');
    await item.getByRole('button', { name: 'Approve' }).click();

    const decided = page.getByTestId('approval-decided');
    await decided.getByText('Approved', { exact: true }).waitFor();
    await decided.getByText(/Approved by /).waitFor();
    await decided.getByText('“同意，季度末冲量”').waitFor();
    await expect
      .poll(() => page.getByTestId('approval-item').filter({ hasText: dealName }).count())
      .toBe(0);

    const [stored] = await discountApprovals();
    expect(stored).toMatchObject({ status: 'approved' });
    expect(stored?.steps[0]).toMatchObject({ decidedBy: managerId, comment: '同意，季度末冲量' });
  });
});
