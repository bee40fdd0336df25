import { randomBytes } from 'node:crypto';
import type { LeadSource } from '../domain/leads/lead.js';
import {
  checkFormFields,
  DEFAULT_HONEYPOT,
  defaultLeadFormFields,
} from '../domain/leads/lead-form.js';
import type { LeadForm, LeadFormTarget } from '../domain/leads/lead-form.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  findLeadForm,
  insertLeadForm,
  listLeadForms,
  saveLeadForm,
} from '../store/lead-forms.repo.js';
import { authorize } from './access.js';
import { hashToken } from './auth.service.js';
import type { AppContext } from './context.js';
import type { EntityStore } from './entity.js';
import { createEntity, getEntity, updateEntity } from './entity.js';
import { resolveOwnership } from './ownership.js';
import { assertReferences } from './references.js';
import { dbFor } from './transaction.js';

/** Recognisable in logs and secret scanners; the random part carries 256 bits. */
const TOKEN_PREFIX = 'pwf_';
const SHOWN_PREFIX = TOKEN_PREFIX.length + 6;

export interface LeadFormInput {
  readonly name: string;
  readonly campaign?: string | null;
  readonly source?: LeadSource;
  readonly ownerId?: string | null;
  readonly poolId?: string | null;
  /** The field's name on the page → the lead field it fills (default: name, company, email, phone). */
  readonly fields?: Readonly<Record<string, LeadFormTarget>>;
  readonly honeypot?: string;
  readonly redirectUrl?: string | null;
}

export type LeadFormPatch = Partial<LeadFormInput> & { readonly version: number };

/** A form as created or rotated: the only moment its token is ever shown. */
export interface LeadFormWithToken {
  readonly form: LeadFormView;
  readonly token: string;
}

/** A form as the life-cycle sees it: revoked forms count as deleted (404 from then on). */
type FormEntity = LeadForm & { readonly deletedAt: string | null };

/** What the API shows of a form: never the token's hash. */
export type LeadFormView = Omit<LeadForm, 'tokenHash'>;

const leadFormStore: EntityStore<FormEntity> = {
  entityType: 'lead_form',
  load: async (db, tenantId, id) => {
    const form = await findLeadForm(db, tenantId, id);
    return form && { ...form, deletedAt: form.revokedAt };
  },
  insert: insertLeadForm,
  save: saveLeadForm,
};

function newToken(): { token: string; tokenHash: string; tokenPrefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token), tokenPrefix: token.slice(0, SHOWN_PREFIX) };
}

const view = ({ tokenHash: _hash, deletedAt: _deleted, ...form }: FormEntity): LeadFormView => form;

export async function createLeadForm(
  ctx: AppContext,
  principal: Principal,
  input: LeadFormInput,
): Promise<LeadFormWithToken> {
  authorize(principal, 'leads.configure');
  const secret = newToken();
  const form = await createEntity(ctx, principal, leadFormStore, async (trx, { id, now }) => {
    // Exactly one of owner and pool, the same rule as for the leads the form creates;
    // neither means the leads go to whoever set the form up.
    const owner = resolveOwnership(input, null, principal.userId);
    await assertReferences(trx, principal, [
      { field: 'ownerId', table: 'users', id: owner.ownerId },
      { field: 'poolId', table: 'pools', id: owner.poolId },
    ]);
    const form: FormEntity = {
      id,
      name: input.name,
      campaign: input.campaign ?? null,
      source: input.source ?? 'website',
      ...owner,
      fields: input.fields ?? defaultLeadFormFields,
      honeypot: input.honeypot ?? DEFAULT_HONEYPOT,
      redirectUrl: input.redirectUrl ?? null,
      tokenHash: secret.tokenHash,
      tokenPrefix: secret.tokenPrefix,
      createdBy: principal.userId,
      revokedAt: null,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    checkFormFields(form.fields, form.honeypot);
    return form;
  });
  return { form: view(form), token: secret.token };
}

export async function updateLeadForm(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: LeadFormPatch,
): Promise<LeadFormView> {
  authorize(principal, 'leads.configure');
  const form = await updateEntity(
    ctx,
    principal,
    leadFormStore,
    id,
    version,
    async (trx, current) => {
      const owner = resolveOwnership(patch, current, null);
      await assertReferences(trx, principal, [
        { field: 'ownerId', table: 'users', id: patch.ownerId },
        { field: 'poolId', table: 'pools', id: patch.poolId },
      ]);
      const next: FormEntity = {
        ...current,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.campaign !== undefined ? { campaign: patch.campaign } : {}),
        ...(patch.source !== undefined ? { source: patch.source } : {}),
        ...(patch.fields !== undefined ? { fields: patch.fields } : {}),
        ...(patch.honeypot !== undefined ? { honeypot: patch.honeypot } : {}),
        ...(patch.redirectUrl !== undefined ? { redirectUrl: patch.redirectUrl } : {}),
        ...owner,
      };
      checkFormFields(next.fields, next.honeypot);
      return next;
    },
  );
  return view(form);
}

/** A new token for the form; the old one stops working at once (e.g. after a leak). */
export async function rotateLeadForm(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<LeadFormWithToken> {
  authorize(principal, 'leads.configure');
  const current = await getEntity(ctx, principal, leadFormStore, id);
  const secret = newToken();
  const form = await updateEntity(
    ctx,
    principal,
    leadFormStore,
    id,
    current.version,
    (_trx, latest) =>
      Promise.resolve({ ...latest, tokenHash: secret.tokenHash, tokenPrefix: secret.tokenPrefix }),
    { action: 'rotate' },
  );
  return { form: view(form), token: secret.token };
}

/** Revoking is final: submissions with its token answer 404 from now on. */
export async function revokeLeadForm(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'leads.configure');
  const current = await getEntity(ctx, principal, leadFormStore, id);
  await updateEntity(
    ctx,
    principal,
    leadFormStore,
    id,
    current.version,
    (_trx, latest, { now }) => Promise.resolve({ ...latest, revokedAt: now, deletedAt: now }),
    { action: 'revoke' },
  );
}

export async function getLeadForm(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<LeadFormView> {
  authorize(principal, 'leads.configure');
  return view(await getEntity(ctx, principal, leadFormStore, id));
}

export async function leadForms(ctx: AppContext, principal: Principal): Promise<LeadFormView[]> {
  authorize(principal, 'leads.configure');
  const forms = await listLeadForms(dbFor(ctx), principal.tenantId);
  return forms.map((form) => view({ ...form, deletedAt: null }));
}
