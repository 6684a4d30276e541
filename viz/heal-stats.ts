/**
 * What heals.csv says about one mode, as the report and the terminal summary read it: every entry
 * that became healable counts, healed or not. A mode that never heals its hardest entries must not
 * look fast: those entries sit at the right edge of the heal-latency CDF (which then flattens below
 * 100 %), they are named in the headline, and a p99 that one of them may be hiding is shown as a
 * lower bound (`≥`), as summary.csv's p99 counts them with their age at the end of the run.
 */
import type { HealRow, ModeResult } from '../reports/types.js';

export interface HealStats {
  /** Entries whose set became whole again (healed or not). */
  readonly healable: number;
  /** Of those, healed. */
  readonly healed: number;
  /** Healable but never healed before the run ended. */
  readonly neverHealed: number;
  /** Entries whose set never became whole again (nothing could heal them). */
  readonly neverHealable: number;
  /** Heal latencies (healed − healable, s) of the healed entries, ascending. */
  readonly latencies: readonly number[];
  /** Ages at the end of the run (end − healable, s) of the never-healed ones, ascending: lower bounds. */
  readonly ages: readonly number[];
  /**
   * True when summary.csv's p99 may understate: some never-healed entry's age is at or below it,
   * and its real latency (not known: it never healed) could be above.
   */
  readonly p99LowerBound: boolean;
}

/** Rounding of the CSV files (6 decimals of seconds): a tie within it is a tie. */
const EPS = 1e-6;

export function healStats(r: ModeResult): HealStats {
  const latencies: number[] = [];
  const ages: number[] = [];
  let healable = 0;
  let healed = 0;
  let neverHealable = 0;
  for (const h of r.heals as readonly HealRow[]) {
    if (h.healable_at_s === null && h.healed_at_s === null) {
      neverHealable++;
      continue;
    }
    healable++; // a healed entry was healable, even without a recorded time (then it has no latency)
    if (h.healed_at_s !== null) {
      healed++;
      if (h.latency_s !== null) latencies.push(h.latency_s);
    } else {
      ages.push(Math.max(0, r.summary.sim_seconds - h.healable_at_s!));
    }
  }
  latencies.sort((a, b) => a - b);
  ages.sort((a, b) => a - b);
  const p99 = r.summary.heal_latency_p99_s;
  const p99LowerBound = p99 !== null && ages.length > 0 && ages[0]! <= p99 + EPS;
  return { healable, healed, neverHealed: ages.length, neverHealable, latencies, ages, p99LowerBound };
}
