import type { components } from '../../api/schema';

export type Lead = components['schemas']['Lead'];
export type LeadStatus = Lead['status'];
export type LeadSource = Lead['source'];

/** The API's enums, in funnel / menu order (the server validates; these only list choices). */
export const LEAD_STATUSES: readonly LeadStatus[] = [
  'new',
  'contacted',
  'mql',
  'sql',
  'converted',
  'disqualified',
];

export const LEAD_SOURCES: readonly LeadSource[] = [
  'website',
  'advertising',
  'event',
  'referral',
  'cold_outreach',
  'partner',
  'social',
  'import',
  'other',
];

export const STATUS_COLOURS: Record<LeadStatus, string> = {
  new: 'blue',
  contacted: 'cyan',
  mql: 'geekblue',
  sql: 'purple',
  converted: 'green',
  disqualified: 'default',
};
