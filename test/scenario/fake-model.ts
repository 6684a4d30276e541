/**
 * A small stand-in for the GlusterFS model: every command is answered after a fixed latency (or
 * never, to play a broken model), and observables are plain numbers that tests set at chosen instants.
 */
import { Simulation } from '../../sim/engine/simulation.js';
import { Future } from '../../sim/engine/signal.js';
import type { Micros } from '../../sim/engine/time.js';
import type { Mode, ModelCommand, Observable } from '../../sim/scenario/ast.js';
import type { CommandOutcome, ScenarioModel } from '../../sim/scenario/model-api.js';

/** `shd_count(h1)`-style key of an observable, as tests write it. */
export function keyOf(o: Observable): string {
  const args = Object.entries(o)
    .filter(([k]) => k !== 'name')
    .map(([, v]) => (typeof v === 'object' ? `${(v as { host: string }).host}:${(v as { path: string }).path}` : String(v)));
  return `${o.name}(${args.join(', ')})`;
}

export class FakeModel implements ScenarioModel {
  readonly sim: Simulation;
  readonly executed: { at: Micros; text: string; command: ModelCommand }[] = [];
  readonly values = new Map<string, number>();
  /** How long a command takes; `null`: never answered. */
  latency: Micros | null = 1_000_000;
  /** Answer with ok: false for commands whose text contains this. */
  failing = 'fail-me';

  constructor(
    readonly mode: Mode = 'legacy',
    seed = 1,
  ) {
    this.sim = new Simulation({ seed });
  }

  execute(command: ModelCommand, text: string): Future<CommandOutcome> {
    this.executed.push({ at: this.sim.now, text, command });
    const f = new Future<CommandOutcome>(text);
    if (this.latency !== null) {
      const ok = !text.includes(this.failing);
      this.sim.schedule(this.latency, () => f.resolve({ ok, message: `${text}: ${ok ? 'success' : 'failed'}` }), 'answer');
    }
    return f;
  }

  observe(o: Observable): number {
    return this.values.get(keyOf(o)) ?? 0;
  }

  /** Sets `key` to `value` by an event at time `t`. */
  setAt(t: Micros, key: string, value: number): void {
    this.sim.at(t, () => void this.values.set(key, value), `set ${key}`);
  }
}
