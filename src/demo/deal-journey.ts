import type { Stage } from '../domain/pipeline/pipeline.js';
import type { Random } from './random.js';

const DAY_MS = 86_400_000;

export interface JourneyStep {
  readonly stage: Stage;
  readonly enteredAtMs: number;
}

/**
 * Simulates one deal through the pipeline from its creation to `nowMs`: in each open stage
 * it dwells for a random time around the stage's expected dwell (scaled by how good the
 * owner is at that stage), then advances with roughly the stage's target conversion; otherwise
 * it is lost, slips back a stage, or simply keeps dwelling. Deals still dwelling at `nowMs` stay open.
 * This gives analytics real shape: funnels narrow, dwell differs by rep, losses have stages.
 */
export function simulateJourney(
  random: Random,
  stages: readonly Stage[],
  createdAtMs: number,
  nowMs: number,
  skill: number,
): JourneyStep[] {
  const open = stages.filter((stage) => stage.kind === 'open');
  const won = stages.find((stage) => stage.kind === 'won');
  const lost = stages.find((stage) => stage.kind === 'lost');
  const first = open[0];
  if (!first || !won || !lost) throw new Error('pipeline needs open, won and lost stages');
  const steps: JourneyStep[] = [{ stage: first, enteredAtMs: createdAtMs }];
  let index = 0;
  let at = createdAtMs;
  for (let hops = 0; hops < 12; hops++) {
    const current = open[index];
    if (!current) break;
    const dwellDays = Math.max(0.2, random.exponential((current.expectedDwellDays ?? 14) / skill));
    at += dwellDays * DAY_MS;
    if (at > nowMs) break;
    const advance = ((current.targetConversion ?? 50) / 100) * Math.min(1.25, skill);
    const roll = random.next();
    if (roll < advance) {
      index += 1;
      const next: Stage = open[index] ?? won;
      steps.push({ stage: next, enteredAtMs: at });
      if (next === won) break;
    } else if (roll < advance + (1 - advance) * 0.45) {
      // Not every deal that fails to advance is lost: many just need more time.
      steps.push({ stage: lost, enteredAtMs: at });
      break;
    } else if (roll < advance + (1 - advance) * 0.55 && index > 0) {
      index -= 1;
      steps.push({ stage: open[index] ?? first, enteredAtMs: at });
    }
  }
  return steps;
}
