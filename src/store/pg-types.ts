import pg from 'pg';

/**
 * Makes PostgreSQL return the same JS values SQLite does, so repositories never branch on
 * the dialect: int8 and numeric as numbers (our amounts are bounded well inside 2^53),
 * timestamptz as ISO-8601 UTC strings, dates as `YYYY-MM-DD`.
 */
const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

/** With the session in UTC, timestamptz text is `2026-01-02 03:04:05.678901+00`. */
export function pgTimestampToIso(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:\+00(?::?00)?|Z)?$/.exec(
    text,
  );
  if (!match) return new Date(text).toISOString();
  const [, date, time, fraction = ''] = match;
  return `${date}T${time}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
}

export const pgTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    switch (oid) {
      case OID.int8:
        return (value: string) => Number(value);
      case OID.numeric:
        return (value: string) => Number(value);
      case OID.date:
        return (value: string) => value;
      case OID.timestamp:
      case OID.timestamptz:
        return pgTimestampToIso;
      default:
        return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};
