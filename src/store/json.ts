/**
 * JSON columns are `text` on SQLite and `jsonb` on PostgreSQL. Writes always send a string
 * (PostgreSQL casts it); reads accept either the string or the driver's parsed value.
 */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJsonColumn(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return JSON.parse(value) as unknown;
}

export function stringArrayFromJson(value: unknown): string[] {
  const parsed = fromJsonColumn(value);
  return Array.isArray(parsed)
    ? parsed.filter((item): item is string => typeof item === 'string')
    : [];
}
