import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { createTenant } from '../../src/app/tenants.service.js';
import { Opportunity } from '../../src/http/schemas/opportunity.schema.js';
import { BenchClient } from '../http-client.js';
import { runBounded, warmUp } from '../load.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawDriver, RawStatement } from '../raw-driver.js';
import type { CaseResult } from '../results.js';
import { slowdown } from '../stats.js';
import { floorConcurrency } from './environment.js';
import type { CaseEnvironment } from './environment.js';

const PASSWORD = 'bench-password-1';
type OpportunityJson = z.output<typeof Opportunity>;

/**
 * Creating opportunities over HTTP, signed in as a tenant admin, against the floor: the
 * rows one create leaves behind (the opportunity, its first stage-history interval, its
 * audit entry) inserted straight through the driver in one transaction per opportunity.
 */
export async function benchCreateOpportunities(env: CaseEnvironment): Promise<CaseResult> {
  const { count, concurrency } = env.config.create;
  const slug = `bench-create-${randomBytes(3).toString('hex')}`;
  const { tenant, admin } = await createTenant(
    env.runtime.ctx,
    { slug, name: slug, admin: { email: `admin@${slug}.test`, password: PASSWORD } },
    'bench-setup',
  );
  const client = new BenchClient(env.url, concurrency);
  const floorWorkers = floorConcurrency(env, concurrency);
  const driver = openRawDriver(env.target, floorWorkers);
  try {
    await client.signIn(admin.email, PASSWORD);
    const account = JSON.parse(
      await client.expect(201, 'POST', '/api/v1/accounts', { name: 'Bench account' }),
    ) as { id: string };
    const body = (i: number) => ({
      name: `Bench deal ${i}`,
      accountId: account.id,
      amount: { amountMinor: 1_000_000 + i * 100, currency: 'CNY' as const },
      expectedCloseDate: '2027-06-30',
    });
    const apiCreate = async (i: number) => {
      await client.expect(201, 'POST', '/api/v1/opportunities', body(i));
    };

    // One create read back in full: the floor writes the very values the API wrote.
    const probe = Opportunity.parse(
      JSON.parse(await client.expect(201, 'POST', '/api/v1/opportunities', body(-1))),
    );
    const floorCreate = (i: number) =>
      driver.transaction(floorStatements(tenant.id, probe, body(i).name, body(i).amount));

    await warmUp(env.config.warmup, concurrency, (i) => apiCreate(count + i));
    await warmUp(env.config.warmup, floorWorkers, (i) => floorCreate(count + i));

    const before = await rowCounts(driver, tenant.id);
    const api = await runBounded(
      { count, concurrency, maxSeconds: env.config.phaseSeconds },
      apiCreate,
    );
    const afterApi = await rowCounts(driver, tenant.id);
    const floor = await runBounded(
      { count: api.measurement.ops, concurrency: floorWorkers, maxSeconds: 3600 },
      floorCreate,
    );
    const afterFloor = await rowCounts(driver, tenant.id);

    const notes = [
      ...rowNotes('API', before, afterApi, api.measurement.ops),
      ...rowNotes('floor', afterApi, afterFloor, floor.measurement.ops),
    ];
    if (api.truncated) {
      notes.push(`stopped after ${env.config.phaseSeconds} s at ${api.measurement.ops} creates`);
    }
    return {
      title: 'Create opportunity',
      operation: 'POST /api/v1/opportunities',
      concurrency,
      api: api.measurement,
      floor: floor.measurement,
      floorConcurrency: floorWorkers,
      ratio: slowdown(api.measurement, floor.measurement),
      notes,
    };
  } finally {
    client.close();
    await driver.close();
  }
}

/** The three inserts of one create, with the columns and values the API writes. */
function floorStatements(
  tenantId: string,
  probe: OpportunityJson,
  name: string,
  amount: OpportunityJson['amount'],
): RawStatement[] {
  const now = new Date().toISOString();
  const id = uuidv7();
  const opportunity: OpportunityJson = {
    ...probe,
    id,
    name,
    amount,
    stageEnteredAt: now,
    createdAt: now,
    updatedAt: now,
  };
  return [
    {
      sql: `insert into opportunities (tenant_id, id, name, account_id, primary_contact_id,
        owner_id, pipeline_id, stage_id, status, amount_minor, currency, expected_close_date,
        budget_minor, budget_currency, timeline, next_step, next_step_date, competitors, source,
        source_lead_id, stage_entered_at, closed_at, created_at, updated_at, deleted_at, version)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        tenantId,
        id,
        name,
        opportunity.accountId,
        opportunity.primaryContactId,
        opportunity.ownerId,
        opportunity.pipelineId,
        opportunity.stageId,
        opportunity.status,
        amount.amountMinor,
        amount.currency,
        opportunity.expectedCloseDate,
        null,
        null,
        null,
        null,
        null,
        JSON.stringify(opportunity.competitors),
        null,
        null,
        now,
        null,
        now,
        now,
        null,
        1,
      ],
    },
    {
      sql: `insert into stage_history (tenant_id, id, opportunity_id, pipeline_id, stage_id,
        from_stage_id, entered_at, left_at, moved_by, reason, amount_minor, currency)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        tenantId,
        uuidv7(),
        id,
        opportunity.pipelineId,
        opportunity.stageId,
        null,
        now,
        null,
        opportunity.ownerId,
        null,
        amount.amountMinor,
        amount.currency,
      ],
    },
    {
      sql: `insert into audit_log (tenant_id, id, actor_id, entity_type, entity_id, action,
        before, after, at, request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        tenantId,
        uuidv7(),
        opportunity.ownerId,
        'opportunity',
        id,
        'create',
        null,
        JSON.stringify(opportunity),
        now,
        uuidv7(),
      ],
    },
  ];
}

interface RowCounts {
  readonly opportunities: number;
  readonly history: number;
  readonly audit: number;
}

async function rowCounts(driver: RawDriver, tenantId: string): Promise<RowCounts> {
  const [row] = await driver.query<RowCounts>({
    sql: `select
      (select count(*) from opportunities where tenant_id = ?) as opportunities,
      (select count(*) from stage_history where tenant_id = ?) as history,
      (select count(*) from audit_log where tenant_id = ? and entity_type = 'opportunity') as audit`,
    params: [tenantId, tenantId, tenantId],
  });
  if (!row) throw new Error('row counts: no row');
  return row;
}

/** Checks the claim the ratio rests on: both sides write the same rows per create. */
function rowNotes(side: string, before: RowCounts, after: RowCounts, ops: number): string[] {
  const delta = {
    opportunities: Number(after.opportunities) - Number(before.opportunities),
    history: Number(after.history) - Number(before.history),
    audit: Number(after.audit) - Number(before.audit),
  };
  if (delta.opportunities === ops && delta.history === ops && delta.audit === ops) return [];
  return [
    `${side} wrote ${delta.opportunities} opportunities, ${delta.history} history and ` +
      `${delta.audit} audit rows for ${ops} creates (expected one of each per create)`,
  ];
}
