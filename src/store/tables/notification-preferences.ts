import type { JsonColumn, Keyed, Versioned } from './columns.js';

/** Row type of a user's notification preferences (migration 0019); `id` is the user's id. */
export interface NotificationPreferencesTable extends Keyed, Versioned {
  channels: JsonColumn;
  quiet_hours: JsonColumn;
  time_zone: string | null;
}
