/** Counters the reports read (summary.csv), incremented by the model where the events happen. */
import type { Micros } from '../engine/time.js';

export class Counters {
  shdExits = 0;
  shdCrashes = 0;
  graphAttaches = 0;
  graphDetaches = 0;
  graphReconfigures = 0;
  framesSent = 0;
  /** Saved frames unwound with ENOTCONN (a transport disconnect: brick death or graph cleanup). */
  framesUnwound = 0;
  /** Frames in flight when their shd process died: never answered, never unwound. */
  framesLost = 0;
  healsCompleted = 0;
  /** Heal attempts cut off by ENOTCONN or by the death of their process. */
  healsAborted = 0;
  attachRetries = 0;
  attachFailures = 0;
  writesFailed = 0;
  /** Frames unwound with ENOTCONN, by the node of the shd that unwound them. */
  readonly unwoundOn = new Map<string, number>();
  /** Entries healed, by volume. */
  readonly healedIn = new Map<string, number>();
  /** Duration of every finished graph cleanup (detach → graph destroyed). */
  readonly cleanupDurations: Micros[] = [];
}
