/** Column groups many tables share, and how values arrive (see `../schema.ts`). */

/** Columns every tenant-owned table has: the composite key that lets us shard by tenant. */
export interface Keyed {
  tenant_id: string;
  id: string;
}

export interface Versioned {
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SoftDeleted {
  deleted_at: string | null;
}

export type Flag = 0 | 1;

export type JsonColumn = unknown;

export interface LinkColumns {
  lead_id: string | null;
  opportunity_id: string | null;
  account_id: string | null;
  contact_id: string | null;
}
