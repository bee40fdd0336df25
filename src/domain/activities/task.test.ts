import { describe, expect, it } from 'vitest';
import type { TaskStatus } from './task.js';
import { completedAtFor } from './task.js';

const NOW = '2026-03-01T08:00:00.000Z';
const EARLIER = '2026-02-01T08:00:00.000Z';

type Previous = { status: TaskStatus; completedAt: string | null } | null;

describe('completedAtFor', () => {
  it.each<[string, TaskStatus, Previous, string | null]>([
    ['a new open task', 'open', null, null],
    ['a new cancelled task', 'cancelled', null, null],
    ['a task created as done', 'done', null, NOW],
    ['open becomes done', 'done', { status: 'open', completedAt: null }, NOW],
    ['cancelled becomes done', 'done', { status: 'cancelled', completedAt: null }, NOW],
    // editing a done task (e.g. its notes) must not move the completion date
    ['done stays done', 'done', { status: 'done', completedAt: EARLIER }, EARLIER],
    ['done is reopened', 'open', { status: 'done', completedAt: EARLIER }, null],
    ['done is cancelled', 'cancelled', { status: 'done', completedAt: EARLIER }, null],
    ['open stays open', 'open', { status: 'open', completedAt: null }, null],
    // a stray completedAt on a non-done row is cleared rather than carried forward
    ['open with a stale completedAt', 'open', { status: 'open', completedAt: EARLIER }, null],
    // done rows from before completedAt existed keep null rather than inventing a date
    ['done without a recorded date', 'done', { status: 'done', completedAt: null }, null],
  ])('%s', (_name, status, previous, expected) => {
    expect(completedAtFor(status, previous, NOW)).toBe(expected);
  });
});
