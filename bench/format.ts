/** Number formatting shared by the console table and the Markdown block. */

export const count = (n: number): string => Math.round(n).toLocaleString('en');

/** Throughput: whole operations per second, grouped. */
export const rate = (n: number): string => (Number.isFinite(n) ? count(n) : '–');

/** Milliseconds with about three significant digits. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n < 1) return n.toFixed(3);
  if (n < 10) return n.toFixed(2);
  if (n < 100) return n.toFixed(1);
  return n.toFixed(0);
}

export const ratio = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)}×` : '–');

export function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export const dialectName = (dialect: 'sqlite' | 'postgres'): string =>
  dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';

/** Load averages as `1.23 / 2.34 / 3.45`. */
export const loads = (values: readonly number[]): string =>
  values.map((n) => n.toFixed(2)).join(' / ');
