import { describe, expect, it } from 'vitest';
import type { Approval } from './approval.js';
import { mayDecide } from './approval.js';
import { buildSteps, cancelSteps, decideStep, delegateFor } from './chain.js';
import type { ActiveDelegation } from './chain.js';
import { defaultApprovalPolicy, linksFor } from './policy.js';
import type { ApprovalPolicy } from './policy.js';

const policy: ApprovalPolicy = {
  ...defaultApprovalPolicy,
  chains: {
    ...defaultApprovalPolicy.chains,
    discount: [
      { approver: { type: 'owner_manager' }, minAmountMinor: 0 },
      { approver: { type: 'next_manager' }, minAmountMinor: 10_000_000 },
      { approver: { type: 'admin' }, minAmountMinor: 100_000_000 },
    ],
  },
};

const approvalWith = (approvers: (string | null)[]): Approval => {
  const steps = buildSteps(approvers.map((approverId) => ({ approverId })));
  return {
    id: 'a1',
    opportunityId: 'o1',
    kind: 'rule',
    request: { title: 'check' },
    stageId: null,
    requestedBy: 'rep',
    approverId: steps[0]?.approverId ?? null,
    approverRole: steps[0]?.approverRole ?? 'admin',
    status: 'pending',
    amountMinor: null,
    dedupeKey: null,
    currentStep: 0,
    steps,
    comment: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
};

const decision = (approve: boolean, userId: string, delegates: Record<string, string> = {}) => ({
  approve,
  userId,
  comment: approve ? null : 'too deep',
  now: '2026-01-02T00:00:00.000Z',
  delegateOf: (id: string | null) => (id === null ? null : (delegates[id] ?? null)),
});

describe('chain links by amount', () => {
  it.each([
    [null, 1],
    [0, 1],
    [9_999_999, 1],
    [10_000_000, 2],
    [99_999_999, 2],
    [100_000_000, 3],
  ])('an amount of %s takes %i links', (amount, links) => {
    expect(linksFor(policy, 'discount', amount)).toHaveLength(links);
  });

  it('keeps the default to one sign-off from the owner’s manager', () => {
    expect(linksFor(defaultApprovalPolicy, 'stage', 10 ** 12)).toEqual([
      { approver: { type: 'owner_manager' }, minAmountMinor: 0 },
    ]);
  });
});

describe('building and deciding a chain', () => {
  it('asks the same person once when consecutive links land on them', () => {
    const steps = buildSteps([
      { approverId: 'm' },
      { approverId: 'm' },
      { approverId: null },
      { approverId: null },
    ]);
    expect(steps.map((step) => [step.approverId, step.approverRole, step.status])).toEqual([
      ['m', null, 'pending'],
      [null, 'admin', 'waiting'],
    ]);
  });

  it('advances on approval, routes the next step to a delegate, and approves at the end', () => {
    let approval = approvalWith(['m', 'd']);
    expect(mayDecide(approval, 'd', 'manager')).toBe(false);
    approval = decideStep(approval, decision(true, 'm', { d: 'x' }));
    expect(approval).toMatchObject({
      status: 'pending',
      currentStep: 1,
      approverId: 'x',
      version: 2,
    });
    expect(approval.steps[1]).toMatchObject({
      approverId: 'd',
      delegateId: 'x',
      status: 'pending',
    });
    expect(mayDecide(approval, 'x', 'manager')).toBe(true);
    expect(mayDecide(approval, 'd', 'manager')).toBe(true);
    approval = decideStep(approval, decision(true, 'x'));
    expect(approval).toMatchObject({ status: 'approved', decidedBy: 'x', version: 3 });
    expect(approval.steps[1]).toMatchObject({ decidedBy: 'x', onBehalfOf: 'd' });
    expect(mayDecide(approval, 'x', 'admin')).toBe(false);
  });

  it('ends the chain on a rejection at any step', () => {
    const approval = decideStep(approvalWith(['m', 'd', null]), decision(false, 'm'));
    expect(approval).toMatchObject({ status: 'rejected', comment: 'too deep' });
    expect(approval.steps.map((step) => step.status)).toEqual([
      'rejected',
      'cancelled',
      'cancelled',
    ]);
  });

  it('records an admin deciding for the person asked', () => {
    const approval = decideStep(approvalWith(['m']), decision(true, 'boss'));
    expect(approval.steps[0]).toMatchObject({ decidedBy: 'boss', onBehalfOf: 'm' });
  });

  it('closes open steps when withdrawn', () => {
    const steps = cancelSteps(decideStep(approvalWith(['m', 'd']), decision(true, 'm')).steps);
    expect(steps.map((step) => step.status)).toEqual(['approved', 'cancelled']);
  });
});

describe('delegation routing', () => {
  const leaves = (pairs: [string, string][]) =>
    new Map<string, ActiveDelegation>(
      pairs.map(([userId, delegateId]) => [userId, { userId, delegateId }]),
    );

  it('goes to the delegate, and on to theirs when they are away too', () => {
    expect(delegateFor('a', leaves([['a', 'b']]))).toBe('b');
    expect(
      delegateFor(
        'a',
        leaves([
          ['a', 'b'],
          ['b', 'c'],
        ]),
      ),
    ).toBe('c');
    expect(delegateFor('a', leaves([]))).toBeNull();
    expect(delegateFor(null, leaves([['a', 'b']]))).toBeNull();
  });

  it('never goes round in a circle', () => {
    expect(
      delegateFor(
        'a',
        leaves([
          ['a', 'b'],
          ['b', 'a'],
        ]),
      ),
    ).toBe('b');
    expect(
      delegateFor(
        'a',
        leaves([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
        ]),
      ),
    ).toBe('c');
  });

  it('stops after a few hops', () => {
    const chain = leaves(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((u, i, all) => [u, all[i + 1] ?? 'z']),
    );
    expect(delegateFor('a', chain)).toBe('f');
  });
});
