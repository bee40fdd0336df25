import { companySizes, valueTiers } from '../accounts/account.js';
import { attitudes, decisionRoles } from '../accounts/contact.js';
import { leadSources, leadStatuses } from '../leads/lead.js';

/** The kinds of record a file can bring in (and an export can take out). */
export const importEntities = ['leads', 'accounts', 'contacts', 'opportunities'] as const;
export type ImportEntity = (typeof importEntities)[number];

export function isImportEntity(value: string): value is ImportEntity {
  return (importEntities as readonly string[]).includes(value);
}

/**
 * How a field's cell is read. Text kinds carry their length bound (the API's), `enum` its
 * allowed values; `ref` fields name another record (an owner, an account, a stage) in
 * words and are resolved by the importer.
 */
export const importFieldKinds = [
  'text',
  'email',
  'credit_code',
  'list',
  'currency',
  'ref',
  'enum',
  'date',
  'instant',
  'amount',
] as const;

export type FieldSpec =
  | { readonly kind: 'text'; readonly max: number; readonly required?: boolean }
  | { readonly kind: 'email' | 'credit_code' | 'list' | 'currency' | 'ref' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'date' | 'instant' | 'amount' };

const short = { kind: 'text', max: 200 } as const;
const name = { kind: 'text', max: 200, required: true } as const;
const phone = { kind: 'text', max: 40 } as const;
const paragraph = { kind: 'text', max: 1000 } as const;
const notes = { kind: 'text', max: 10_000 } as const;
const ref = { kind: 'ref' } as const;
const instant = { kind: 'instant' } as const;

/** `converted` is reached only by converting a lead, never by importing one. */
export const importableLeadStatuses = leadStatuses.filter((status) => status !== 'converted');

/**
 * The fields of each entity a column can map to: the API's create bodies, with references
 * in words instead of ids (`owner`, `account`, `pipeline`, `stage`), plus the history an
 * import keeps (`createdAt`, and `closedAt` for won and lost deals).
 */
export const importFields = {
  leads: {
    name,
    company: short,
    title: short,
    email: { kind: 'email' },
    phone,
    industry: short,
    region: short,
    size: { kind: 'enum', values: companySizes },
    language: short,
    source: { kind: 'enum', values: leadSources },
    campaign: short,
    status: { kind: 'enum', values: importableLeadStatuses },
    disqualifyReason: paragraph,
    bantBudget: { kind: 'amount' },
    currency: { kind: 'currency' },
    bantAuthority: paragraph,
    bantNeed: paragraph,
    bantTimeline: paragraph,
    owner: ref,
    createdAt: instant,
  },
  accounts: {
    name,
    industry: short,
    size: { kind: 'enum', values: companySizes },
    region: short,
    valueTier: { kind: 'enum', values: valueTiers },
    creditCode: { kind: 'credit_code' },
    website: short,
    phone,
    address: { kind: 'text', max: 500 },
    notes,
    owner: ref,
    createdAt: instant,
  },
  contacts: {
    account: ref,
    name,
    title: short,
    department: short,
    email: { kind: 'email' },
    phone,
    decisionRole: { kind: 'enum', values: decisionRoles },
    attitude: { kind: 'enum', values: attitudes },
    owner: ref,
    notes,
    createdAt: instant,
  },
  opportunities: {
    name,
    account: ref,
    owner: ref,
    pipeline: ref,
    stage: ref,
    amount: { kind: 'amount' },
    currency: { kind: 'currency' },
    expectedCloseDate: { kind: 'date' },
    createdAt: instant,
    closedAt: instant,
    budget: { kind: 'amount' },
    timeline: paragraph,
    nextStep: paragraph,
    nextStepDate: { kind: 'date' },
    competitors: { kind: 'list' },
    source: short,
  },
} as const satisfies Record<ImportEntity, Record<string, FieldSpec>>;

export type ImportField<E extends ImportEntity> = keyof (typeof importFields)[E] & string;

export function fieldsOf(entity: ImportEntity): readonly string[] {
  return Object.keys(importFields[entity]);
}

export function fieldSpec(entity: ImportEntity, field: string): FieldSpec | undefined {
  const specs: Readonly<Record<string, FieldSpec>> = importFields[entity];
  return Object.hasOwn(specs, field) ? specs[field] : undefined;
}

/** Fields a row cannot do without (a default in the mapping also satisfies them). */
export const requiredFields: Record<ImportEntity, readonly string[]> = {
  leads: ['name'],
  accounts: ['name'],
  contacts: ['name', 'account'],
  opportunities: ['name', 'account'],
};

/** The fields of an entity as a mapping screen lists them: name, required, kind, values. */
export function describeFields(entity: ImportEntity): {
  name: string;
  required: boolean;
  kind: FieldSpec['kind'];
  values: string[] | null;
}[] {
  return fieldsOf(entity).map((field) => {
    const spec = fieldSpec(entity, field);
    if (!spec) throw new Error(`no spec for ${entity}.${field}`);
    return {
      name: field,
      required: requiredFields[entity].includes(field),
      kind: spec.kind,
      values: spec.kind === 'enum' ? [...spec.values] : null,
    };
  });
}
