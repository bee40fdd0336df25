import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { sql } from 'kysely';
import { PROJECT_ROOT } from '../src/project-root.js';
import type { Store } from '../src/store/db.js';

/** What the figures were measured on; they mean little without it. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1, 5 and 15-minute load averages when the run started: other work skews figures. */
  readonly loadAtStart: readonly [number, number, number];
  readonly date: string;
}

/** 1, 5 and 15-minute load averages. */
export function loadAverages(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return [one, five, fifteen];
}

export function describeMachine(now: Date): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown',
    cpuCount: list.length,
    memoryGiB: totalmem() / 1024 ** 3,
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAtStart: loadAverages(),
    date: now.toISOString(),
  };
}

/** `sqlite_version()`, or PostgreSQL's `version()` without the build details. */
export async function databaseVersion(store: Store): Promise<string> {
  if (store.dialect === 'sqlite') {
    const { rows } = await sql<{ version: string }>`select sqlite_version() as version`.execute(
      store.db,
    );
    return `SQLite ${rows[0]?.version ?? '?'}`;
  }
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(store.db);
  return (rows[0]?.version ?? 'PostgreSQL ?').replace(/ on \S+, compiled by .*$/, '');
}

/**
 * The commit measured, and whether src/ differed from it: figures are only comparable
 * between runs of the same code. Read-only git calls (no index refresh); 'unknown' outside
 * a git checkout.
 */
export function describeRevision(): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['--no-optional-locks', ...args], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'src') !== '';
    return dirty ? `${commit} with uncommitted changes in src/` : commit;
  } catch {
    return 'unknown';
  }
}

/** The durability (and, on PostgreSQL, statistics) settings the app and the floor run under. */
export async function durabilitySettings(store: Store): Promise<string> {
  if (store.dialect === 'sqlite') {
    const { rows: journal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(
      store.db,
    );
    const { rows: sync } = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
    const level = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][sync[0]?.synchronous ?? -1] ?? '?';
    return `journal_mode=${journal[0]?.journal_mode ?? '?'}, synchronous=${level}`;
  }
  const shown: string[] = [];
  for (const name of ['fsync', 'synchronous_commit', 'shared_buffers', 'autovacuum']) {
    const { rows } = await sql<Record<string, string>>`show ${sql.raw(name)}`.execute(store.db);
    shown.push(`${name}=${rows[0]?.[name] ?? '?'}`);
  }
  return shown.join(', ');
}
