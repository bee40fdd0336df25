import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, cookieOf } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, TINY_PDF, unique } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Stage {
  id: string;
  key: string;
}
interface Deal {
  id: string;
  version: number;
  stageId: string;
  status: string;
  closedAt: string | null;
}
interface Approval {
  id: string;
  version: number;
  status: string;
  approverId: string | null;
  request: { toStageId: string };
}
interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}

/**
 * Closing the loop: sign-offs that hold a move until a manager approves, win/loss reviews
 * that feed the loss analysis, reopening with a reason, the playbook's evidence and the
 * files a gate can ask for.
 */
describe.each(dialectsUnderTest())('approvals, closing, playbook and files ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let stages: Stage[];
  let pipelineId: string;
  let manager: { id: string; client: ApiClient };
  let rep: { id: string; client: ApiClient };
  let accountId: string;
  const stage = (key: string) => stages.find((s) => s.key === key)?.id ?? '';

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    const person = async (role: string, teamId: string | null) => {
      const email = `${role}-${unique('u')}@example.test`;
      const user = await created(
        t.client.post('/api/v1/users', {
          email,
          name: role,
          role,
          teamId,
          password: TEST_PASSWORD,
        }),
      );
      return { id: user.id, client: await new ApiClient(server.url).signIn(email, TEST_PASSWORD) };
    };
    const team = await created(t.client.post('/api/v1/teams', { name: '华南' }));
    manager = await person('manager', team.id);
    const teamVersion = await t.client.get<{ version: number }>(`/api/v1/teams/${team.id}`);
    await t.client.patch(`/api/v1/teams/${team.id}`, {
      version: teamVersion.body.version,
      managerId: manager.id,
    });
    rep = await person('rep', team.id);
    const pipeline = await created<{ id: string; stages: Stage[] }>(
      t.client.post('/api/v1/pipelines', {
        key: unique('close'),
        nameZh: '签约审批',
        nameEn: 'Sign-off',
        isDefault: true,
        stages: [
          {
            key: 'work',
            nameZh: '推进',
            nameEn: 'Work',
            kind: 'open',
            probability: 30,
            forecastCategory: 'pipeline',
            actions: [
              {
                key: 'visit',
                nameZh: '拜访决策人',
                nameEn: 'Visit the decision maker',
                required: false,
              },
            ],
            materials: [
              {
                key: 'cases',
                titleZh: '成功案例',
                titleEn: 'Case studies',
                url: 'https://example.com/cases',
              },
            ],
          },
          {
            key: 'contract',
            nameZh: '合同',
            nameEn: 'Contract',
            kind: 'open',
            probability: 90,
            forecastCategory: 'commit',
            approval: { approver: 'manager' },
          },
          {
            key: 'won',
            nameZh: '赢单',
            nameEn: 'Won',
            kind: 'won',
            probability: 100,
            forecastCategory: 'closed',
            approval: { approver: 'manager' },
          },
          {
            key: 'lost',
            nameZh: '输单',
            nameEn: 'Lost',
            kind: 'lost',
            probability: 0,
            forecastCategory: 'omitted',
          },
        ],
      }),
    );
    stages = pipeline.stages;
    pipelineId = pipeline.id;
    accountId = (await created(rep.client.post('/api/v1/accounts', { name: '广州永辉贸易' }))).id;
  });
  afterAll(async () => server?.close());

  const newDeal = () =>
    created<Deal>(
      rep.client.post('/api/v1/opportunities', { name: 'Deal', accountId, pipelineId }),
    );

  it('holds a move for the owner’s manager and completes it on approval', async () => {
    const deal = await newDeal();
    const pending = await rep.client.post<{ status: string; approval: Approval }>(
      `/api/v1/opportunities/${deal.id}/move`,
      {
        version: deal.version,
        stageId: stage('contract'),
      },
    );
    expect(pending.status).toBe(202);
    expect(pending.body.approval).toMatchObject({ status: 'pending', approverId: manager.id });
    // Asking again returns the same request instead of piling up duplicates.
    const again = await rep.client.post<{ approval: Approval }>(
      `/api/v1/opportunities/${deal.id}/move`,
      { version: deal.version, stageId: stage('contract') },
    );
    expect(again.body.approval.id).toBe(pending.body.approval.id);
    const stillThere = await rep.client.get<Deal>(`/api/v1/opportunities/${deal.id}`);
    expect(stillThere.body.stageId).toBe(stage('work'));

    const selfApprove = await rep.client.post<Problem>(
      `/api/v1/approvals/${pending.body.approval.id}/approve`,
      { version: 1 },
    );
    expect(selfApprove.status).toBe(403);
    const queue = await manager.client.get<{ items: Approval[] }>(
      '/api/v1/approvals?mine=true&status=pending',
    );
    expect(queue.body.items.map((a) => a.id)).toEqual([pending.body.approval.id]);
    const decision = await manager.client.post<{
      approval: Approval;
      move: { status: string; opportunity: Deal };
    }>(`/api/v1/approvals/${pending.body.approval.id}/approve`, {
      version: 1,
      comment: '价格已确认',
    });
    expect(decision.status).toBe(200);
    expect(decision.body.approval.status).toBe('approved');
    expect(decision.body.move.status).toBe('moved');
    expect(decision.body.move.opportunity.stageId).toBe(stage('contract'));
    const history = await rep.client.get<{ items: { stageId: string; movedBy: string }[] }>(
      `/api/v1/opportunities/${deal.id}/history`,
    );
    expect(history.body.items.at(-1)).toMatchObject({
      stageId: stage('contract'),
      movedBy: manager.id,
    });
    const trail = await rep.client.get<{ items: Approval[] }>(
      `/api/v1/approvals?opportunityId=${deal.id}`,
    );
    expect(trail.body.items.map((a) => a.status)).toEqual(['approved']);
  });

  it('keeps a rejected deal where it was, and lets the rep withdraw a request', async () => {
    const deal = await newDeal();
    const pending = await rep.client.post<{ approval: Approval }>(
      `/api/v1/opportunities/${deal.id}/move`,
      { version: deal.version, stageId: stage('contract') },
    );
    const rejected = await manager.client.post<{ approval: Approval; move: null }>(
      `/api/v1/approvals/${pending.body.approval.id}/reject`,
      {
        version: 1,
        comment: '折扣过大',
      },
    );
    expect(rejected.body).toMatchObject({ approval: { status: 'rejected' }, move: null });
    expect((await rep.client.get<Deal>(`/api/v1/opportunities/${deal.id}`)).body.stageId).toBe(
      stage('work'),
    );
    const twice = await manager.client.post(
      `/api/v1/approvals/${pending.body.approval.id}/approve`,
      { version: 2 },
    );
    expect(twice.status).toBe(403);
    const second = await rep.client.post<{ approval: Approval }>(
      `/api/v1/opportunities/${deal.id}/move`,
      { version: deal.version, stageId: stage('contract') },
    );
    expect(second.body.approval.id).not.toBe(pending.body.approval.id);
    const cancelled = await rep.client.post<Approval>(
      `/api/v1/approvals/${second.body.approval.id}/cancel`,
      { version: 1 },
    );
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('needs a loss review, records the stage it was lost at, and reopens only with a reason', async () => {
    const deal = await newDeal();
    const noReview = await rep.client.post<Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: stage('lost'),
    });
    expect(noReview.status).toBe(422);
    expect(noReview.body.code).toBe('review_required');
    const unknownReason = await rep.client.post<Problem>(`/api/v1/opportunities/${deal.id}/close`, {
      version: deal.version,
      outcome: 'lost',
      reasons: ['bad_luck'],
    });
    expect(unknownReason.status).toBe(400);
    expect(unknownReason.body.errors?.[0]?.code).toBe('unknown_close_reason');
    const lost = await rep.client.post<Deal>(`/api/v1/opportunities/${deal.id}/close`, {
      version: deal.version,
      outcome: 'lost',
      reasons: ['price', 'competitor'],
      competitor: '销售易',
      notes: '对手报价低 20%',
    });
    expect(lost.body).toMatchObject({ status: 'lost', stageId: stage('lost') });
    expect(lost.body.closedAt).not.toBeNull();
    const reviews = await rep.client.get<
      { outcome: string; reasons: string[]; competitor: string; stageId: string }[]
    >(`/api/v1/opportunities/${deal.id}/reviews`);
    expect(reviews.body).toEqual([
      expect.objectContaining({
        outcome: 'lost',
        reasons: ['price', 'competitor'],
        competitor: '销售易',
        stageId: stage('work'),
      }),
    ]);

    const noReason = await rep.client.post<Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: lost.body.version,
      stageId: stage('work'),
    });
    expect(noReason.body.code).toBe('backward_move_needs_reason');
    const reopened = await rep.client.post<Deal>(`/api/v1/opportunities/${deal.id}/move`, {
      version: lost.body.version,
      stageId: stage('work'),
      reason: '客户重新招标',
    });
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });
    const history = await rep.client.get<{ items: { stageId: string; reason: string | null }[] }>(
      `/api/v1/opportunities/${deal.id}/history`,
    );
    expect(history.body.items.map((h) => h.stageId)).toEqual([
      stage('work'),
      stage('lost'),
      stage('work'),
    ]);
    expect(history.body.items.at(-1)?.reason).toBe('客户重新招标');
  });

  it('closes as won with its reasons, after the sign-off', async () => {
    const deal = await newDeal();
    // No skipping in this pipeline: the deal reaches the contract stage first (signed off).
    const toContract = await rep.client.post<{ approval: Approval }>(
      `/api/v1/opportunities/${deal.id}/move`,
      { version: deal.version, stageId: stage('contract') },
    );
    const atContract = await manager.client.post<{ move: { opportunity: Deal } }>(
      `/api/v1/approvals/${toContract.body.approval.id}/approve`,
      { version: 1 },
    );
    const pending = await rep.client.post<{ approval: Approval }>(
      `/api/v1/opportunities/${deal.id}/close`,
      {
        version: atContract.body.move.opportunity.version,
        outcome: 'won',
        reasons: ['value', 'relationship'],
        competitor: 'Salesforce',
      },
    );
    expect(pending.status).toBe(202);
    const approved = await manager.client.post<{ move: { status: string; opportunity: Deal } }>(
      `/api/v1/approvals/${pending.body.approval.id}/approve`,
      { version: 1 },
    );
    expect(approved.body.move.opportunity).toMatchObject({ status: 'won', stageId: stage('won') });
    // The review sent with the close was kept while it waited, and written when it completed.
    const reviews = await rep.client.get<
      { outcome: string; reasons: string[]; competitor: string; stageId: string }[]
    >(`/api/v1/opportunities/${deal.id}/reviews`);
    expect(reviews.body).toEqual([
      expect.objectContaining({
        outcome: 'won',
        reasons: ['value', 'relationship'],
        competitor: 'Salesforce',
        stageId: stage('won'),
      }),
    ]);
  });

  it('ticks key actions with evidence, once, and only this tenant’s evidence', async () => {
    const deal = await newDeal();
    const other = await createTestTenant(server);
    const foreignDeal = await created(
      other.client.post('/api/v1/opportunities', {
        name: 'x',
        accountId: (await created(other.client.post('/api/v1/accounts', { name: 'o' }))).id,
      }),
    );
    const foreignFile = await other.client.upload<{ id: string }>(
      `/api/v1/opportunities/${foreignDeal.id}/attachments?type=other`,
      'x.pdf',
      TINY_PDF,
    );
    const foreignEvidence = await rep.client.post<Problem>(
      `/api/v1/opportunities/${deal.id}/playbook`,
      { kind: 'action', key: 'visit', evidence: { attachmentId: foreignFile.body.id } },
    );
    expect(foreignEvidence.status).toBe(422);
    const unknown = await rep.client.post<Problem>(`/api/v1/opportunities/${deal.id}/playbook`, {
      kind: 'action',
      key: 'dance',
    });
    expect(unknown.status).toBe(422);
    const activity = await created(
      rep.client.post('/api/v1/activities', {
        type: 'visit',
        subject: '拜访陈总',
        opportunityId: deal.id,
      }),
    );
    const ticked = await created<{
      id: string;
      key: string;
      doneBy: string;
      evidence: { activityId: string };
    }>(
      rep.client.post(`/api/v1/opportunities/${deal.id}/playbook`, {
        kind: 'action',
        key: 'visit',
        evidence: { activityId: activity.id },
      }),
    );
    expect(ticked).toMatchObject({
      key: 'visit',
      doneBy: rep.id,
      evidence: { activityId: activity.id },
    });
    expect(
      (
        await rep.client.post(`/api/v1/opportunities/${deal.id}/playbook`, {
          kind: 'action',
          key: 'visit',
        })
      ).status,
    ).toBe(409);
    await created(
      rep.client.post(`/api/v1/opportunities/${deal.id}/playbook`, {
        kind: 'material',
        key: 'cases',
      }),
    );
    const guidance = await rep.client.get<{
      actions: { key: string; done: unknown }[];
      materials: { key: string; used: unknown }[];
    }>(`/api/v1/opportunities/${deal.id}/guidance`);
    expect(guidance.body.actions[0]?.done).not.toBeNull();
    expect(guidance.body.materials[0]?.used).not.toBeNull();
    expect(
      (await rep.client.delete(`/api/v1/opportunities/${deal.id}/playbook/action/visit`)).status,
    ).toBe(204);
    const after = await rep.client.get<{ kind: string; key: string }[]>(
      `/api/v1/opportunities/${deal.id}/playbook`,
    );
    expect(after.body.map((i) => `${i.kind}:${i.key}`)).toEqual(['material:cases']);
  });

  it('accepts only real documents, serves them back, and trashes them', async () => {
    const deal = await newDeal();
    const disguised = await rep.client.upload<Problem>(
      `/api/v1/opportunities/${deal.id}/attachments?type=proposal`,
      'proposal.pdf',
      'MZ\u0090\u0000 not a pdf',
    );
    expect(disguised.status).toBe(400);
    expect(disguised.body.errors?.[0]?.code).toBe('file_unsupported_type');
    const empty = await rep.client.upload<Problem>(
      `/api/v1/opportunities/${deal.id}/attachments?type=proposal`,
      'empty.pdf',
      '',
    );
    expect(empty.status).toBe(400);
    const notMultipart = await rep.client.post<Problem>(
      `/api/v1/opportunities/${deal.id}/attachments?type=proposal`,
      { file: 'x' },
    );
    expect(notMultipart.status).toBe(415);
    const uploaded = await created<{
      id: string;
      contentType: string;
      sizeBytes: number;
      sha256: string;
    }>(
      rep.client.upload(
        `/api/v1/opportunities/${deal.id}/attachments?type=proposal`,
        '方案 v1.pdf',
        TINY_PDF,
      ),
    );
    expect(uploaded).toMatchObject({ contentType: 'application/pdf', sizeBytes: TINY_PDF.length });
    const download = await fetch(`${server.url}/api/v1/attachments/${uploaded.id}/content`, {
      headers: { cookie: `pw_session=${sessionCookie(rep.client)}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(
      encodeURIComponent('方案 v1.pdf'),
    );
    expect(await download.text()).toBe(TINY_PDF);
    const outsider = await createTestTenant(server);
    expect((await outsider.client.get(`/api/v1/attachments/${uploaded.id}/content`)).status).toBe(
      404,
    );
    expect((await rep.client.delete(`/api/v1/attachments/${uploaded.id}`)).status).toBe(204);
    expect(
      (await rep.client.get<unknown[]>(`/api/v1/opportunities/${deal.id}/attachments`)).body,
    ).toEqual([]);
    expect((await rep.client.get(`/api/v1/attachments/${uploaded.id}/content`)).status).toBe(404);
  });
});

function sessionCookie(client: ApiClient): string {
  return cookieOf(client, 'pw_session') ?? '';
}
