/**
 * The "swarm options" of one seed: which kinds of steps its scenario is made of, how many nodes and
 * steps, how large its volumes get. Drawn per seed (swarm testing, Groce et al. 2012): a seed that
 * leaves a whole class of steps out explores paths a uniform mix almost never reaches — all churn and
 * no faults, all faults and no churn, back-to-back commands with no wait between them.
 */
import type { RandomStream } from '../engine/random.js';
import type { Fault } from '../gluster/model-config.js';

/** The classes of generated steps (generator.ts draws one class, then one step of it). */
export const STEP_CLASSES = ['lifecycle', 'topology', 'options', 'heal', 'process', 'client', 'wait'] as const;
export type StepClass = (typeof STEP_CLASSES)[number];

export interface SwarmMix {
  /** The profile the weights came from (recorded in swarm.csv and the reproducer's header). */
  readonly profile: string;
  readonly nodes: number;
  /** Steps of the generated body (before the liveness phase). */
  readonly steps: number;
  /** Most volumes that exist at once. */
  readonly maxVolumes: number;
  /** Replica/disperse sets per volume at most; large volumes make slow graph builds (attach races). */
  readonly maxSets: number;
  readonly weights: Readonly<Record<StepClass, number>>;
  /** Probability that a step is deliberately one GlusterFS refuses (start a started volume, …). */
  readonly wild: number;
  /** GlusterFS 7 faults switched on for this seed (a subset of those the swarm was asked for). */
  readonly faults: readonly Fault[];
  /** `model.detach: drain` instead of GlusterFS's enotconn. */
  readonly drain: boolean;
}

type Weights = Record<StepClass, number>;

const PROFILES: Readonly<Record<string, Weights>> = {
  churn: { lifecycle: 6, topology: 3, options: 1, heal: 0.5, process: 0, client: 1, wait: 0.5 },
  faults: { lifecycle: 1, topology: 0.5, options: 0.5, heal: 1, process: 5, client: 2, wait: 2 },
  topology: { lifecycle: 2, topology: 5, options: 0.5, heal: 1, process: 1, client: 1, wait: 1 },
  options: { lifecycle: 1.5, topology: 0.5, options: 5, heal: 3, process: 0.5, client: 1, wait: 1 },
  clients: { lifecycle: 1, topology: 0.5, options: 0.5, heal: 1, process: 2, client: 5, wait: 2 },
  mixed: { lifecycle: 2, topology: 1, options: 1, heal: 1, process: 1, client: 1, wait: 1 },
};
const PROFILE_NAMES = [...Object.keys(PROFILES), 'random'];

export function drawMix(rng: RandomStream, allowedFaults: readonly Fault[]): SwarmMix {
  const profile = rng.choice(PROFILE_NAMES);
  let weights: Weights;
  if (profile === 'random') {
    // Each class left out with probability 0.3; volumes must still come and go.
    weights = Object.fromEntries(STEP_CLASSES.map((c) => [c, rng.bernoulli(0.3) ? 0 : rng.uniform(0.2, 5)])) as Weights;
    weights.lifecycle = Math.max(weights.lifecycle, 1);
  } else weights = { ...PROFILES[profile]! };
  const nodes = rng.int(1, 5);
  const steps = rng.int(6, 45);
  const maxVolumes = rng.int(1, 5);
  const maxSets = rng.bernoulli(0.2) ? rng.int(3, 8) : rng.int(1, 2);
  const wild = rng.choice([0, 0.03, 0.1]);
  const faults = allowedFaults.filter(() => rng.bernoulli(0.6));
  const drain = rng.bernoulli(0.2);
  return { profile, nodes, steps, maxVolumes, maxSets, weights, wild, faults, drain };
}

/** One class by weight (a class whose weight is 0 is never drawn). */
export function drawClass(rng: RandomStream, weights: Readonly<Record<StepClass, number>>): StepClass {
  const total = STEP_CLASSES.reduce((s, c) => s + weights[c], 0);
  let x = rng.uniform(0, total);
  for (const c of STEP_CLASSES) {
    x -= weights[c];
    if (x < 0) return c;
  }
  return 'wait';
}
