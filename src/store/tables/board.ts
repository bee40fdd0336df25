import type { Flag, JsonColumn, Keyed, Versioned } from './columns.js';

/** One tag of one deal; `tag_key` is the lower-case form uniqueness and filters compare. */
export interface OpportunityTagsTable {
  tenant_id: string;
  opportunity_id: string;
  tag: string;
  tag_key: string;
}

/** A user's saved board or list view: its filters (JSON), sort and whether it is shared. */
export interface SavedViewsTable extends Keyed, Versioned {
  user_id: string;
  kind: string;
  name: string;
  pipeline_id: string | null;
  filters: JsonColumn;
  sort: string | null;
  shared: Flag;
}
