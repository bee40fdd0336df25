import type { Keyed, Versioned, SoftDeleted, LinkColumns } from './columns.js';

/** Row types of the follow-up work linked to records: activities and tasks. */

export interface ActivitiesTable extends Keyed, Versioned, SoftDeleted, LinkColumns {
  type: string;
  subject: string;
  body: string | null;
  occurred_at: string;
  duration_minutes: number | null;
  next_follow_up_at: string | null;
  owner_id: string | null;
}

export interface TasksTable extends Keyed, Versioned, SoftDeleted, LinkColumns {
  title: string;
  notes: string | null;
  due_at: string | null;
  priority: string;
  status: string;
  assignee_id: string;
  completed_at: string | null;
  created_by: string | null;
}
