import { Simulation, InvariantError, SimulationError } from '../../sim/engine/simulation.js';
import { seconds } from '../../sim/engine/time.js';
import { Activity } from '../../sim/engine/scope.js';

describe('Simulation: scheduling and running', () => {
  test('callbacks run in time order, FIFO on ties, with the clock at their time', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    sim.schedule(20, () => log.push(`b@${sim.now}`));
    sim.schedule(10, () => log.push(`a@${sim.now}`));
    sim.schedule(20, () => log.push(`c@${sim.now}`));
    sim.schedule(0, () => log.push(`z@${sim.now}`));
    expect(sim.run()).toBe('idle');
    expect(log).toEqual(['z@0', 'a@10', 'b@20', 'c@20']);
    expect(sim.events).toBe(4);
    expect(sim.now).toBe(20);
  });

  test('a callback scheduling at the current time runs after what was already queued for it', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    sim.schedule(5, () => {
      log.push('first');
      sim.schedule(0, () => log.push('third'));
    });
    sim.schedule(5, () => log.push('second'));
    sim.run();
    expect(log).toEqual(['first', 'second', 'third']);
  });

  test('cancel: a cancelled timer never runs, is not counted and does not move the clock', () => {
    const sim = new Simulation({ seed: 1 });
    const log: number[] = [];
    sim.schedule(10, () => log.push(10));
    const t = sim.schedule(99, () => log.push(99));
    sim.schedule(20, () => t.cancel());
    expect(t.pending).toBe(true);
    sim.run();
    expect(log).toEqual([10]);
    expect(t.pending).toBe(false);
    expect(sim.events).toBe(2);
    expect(sim.now).toBe(20);
  });

  test('run until a time: events at that time run, later ones wait, the clock stands at the bound', () => {
    const sim = new Simulation({ seed: 1 });
    const log: number[] = [];
    for (const t of [5, 10, 15]) sim.schedule(t, () => log.push(t));
    expect(sim.run({ until: 10 })).toBe('until');
    expect(log).toEqual([5, 10]);
    expect(sim.now).toBe(10);
    expect(sim.run({ until: 12 })).toBe('until');
    expect(sim.now).toBe(12);
    expect(sim.run({ until: 100 })).toBe('until');
    expect(log).toEqual([5, 10, 15]);
    expect(sim.now).toBe(100);
    expect(() => sim.run({ until: 50 })).toThrow(/already at t=100us/);
  });

  test('run until a predicate holds stops right after the event that made it true', () => {
    const sim = new Simulation({ seed: 1 });
    let n = 0;
    for (let i = 1; i <= 10; i++) sim.schedule(i * 100, () => n++);
    expect(sim.run({ stopWhen: () => n >= 3 })).toBe('predicate');
    expect(sim.now).toBe(300);
    expect(n).toBe(3);
    // already true: returns at once without running anything
    expect(sim.run({ stopWhen: () => n >= 3 })).toBe('predicate');
    expect(sim.events).toBe(3);
  });

  test('a runaway model stops at the event bound with a clear error', () => {
    const sim = new Simulation({ seed: 9, maxEvents: 1000 });
    const loop = (): void => void sim.schedule(0, loop, 'loop');
    loop();
    expect(() => sim.run()).toThrow(SimulationError);
    expect(() => new Simulation({ seed: 9, maxEvents: 10 }).run()).not.toThrow();
    const sim2 = new Simulation({ seed: 9, maxEvents: 1000 });
    const loop2 = (): void => void sim2.schedule(0, loop2, 'loop');
    loop2();
    expect(() => sim2.run()).toThrow(/event limit of 1000 reached .*last event: loop.*--seed 9/);
    expect(sim2.events).toBe(1001);
  });

  test('scheduling in the past or with a fractional delay is refused', () => {
    const sim = new Simulation({ seed: 1 });
    sim.run({ until: 10 });
    expect(() => sim.at(5, () => {})).toThrow(/before now/);
    expect(() => sim.schedule(1.5, () => {})).toThrow(/whole number/);
  });
});

describe('Simulation: trace and fingerprint', () => {
  function randomWalk(seed: number): Simulation {
    const sim = new Simulation({ seed });
    const r = sim.rng.stream('walk');
    const step = (i: number): void => {
      sim.emit('step', `walker-${i % 3}`);
      if (i < 50) sim.schedule(Math.round(r.exponential(seconds(1))), () => step(i + 1), 'step');
    };
    step(0);
    sim.run();
    return sim;
  }

  test('equal seeds give equal fingerprints, different seeds different ones', () => {
    const a = randomWalk(7), b = randomWalk(7), c = randomWalk(8);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.now).toBe(b.now);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(a.tracedEvents).toBe(51);
  });

  test('the fingerprint depends on time, kind and entity', () => {
    const fp = (events: [number, string, string][]): string => {
      const sim = new Simulation({ seed: 1 });
      for (const [t, k, e] of events) sim.at(t, () => sim.emit(k, e));
      sim.run();
      return sim.fingerprint;
    };
    const base = fp([[1, 'start', 'shd'], [2, 'stop', 'shd']]);
    expect(fp([[1, 'start', 'shd'], [2, 'stop', 'shd']])).toBe(base);
    expect(fp([[1, 'start', 'shd'], [3, 'stop', 'shd']])).not.toBe(base);
    expect(fp([[1, 'start', 'shd'], [2, 'kill', 'shd']])).not.toBe(base);
    expect(fp([[1, 'start', 'shd'], [2, 'stop', 'brick']])).not.toBe(base);
    expect(fp([[1, 'sta', 'rtshd'], [2, 'stop', 'shd']])).not.toBe(base);
  });

  test('listeners receive typed events; unsubscribing stops them', () => {
    const sim = new Simulation({ seed: 1 });
    const seen: string[] = [];
    const off = sim.onTrace((e) => seen.push(`${e.time} ${e.kind} ${e.entity} ${JSON.stringify(e.detail ?? null)}`));
    sim.at(3, () => sim.emit('attach', 'shd/v0', { pid: 4 }));
    sim.at(4, () => off());
    sim.at(5, () => sim.emit('detach', 'shd/v0'));
    sim.run();
    expect(seen).toEqual(['3 attach shd/v0 {"pid":4}']);
    expect(sim.tracedEvents).toBe(2);
  });
});

describe('Simulation: invariants', () => {
  test('a breach names the invariant, the event, the time and the seed to reproduce', () => {
    const sim = new Simulation({ seed: 4242, checkInvariants: true });
    let shds = 0;
    sim.addInvariant('at most one shd', () => (shds <= 1 ? undefined : `${shds} shd processes`));
    sim.schedule(seconds(1), () => shds++, 'spawn shd');
    sim.schedule(seconds(2), () => shds++, 'spawn shd again');
    let err: unknown;
    try {
      sim.run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvariantError);
    expect((err as Error).message).toBe(
      'invariant "at most one shd" violated after event #2 (spawn shd again) at t=2s (2000000us): 2 shd processes; reproduce with --seed 4242',
    );
    expect((err as InvariantError).time).toBe(seconds(2));
  });

  test('invariants are not run when checking is off', () => {
    const sim = new Simulation({ seed: 1 });
    let calls = 0;
    sim.addInvariant('counted', () => {
      calls++;
    });
    sim.schedule(1, () => {});
    sim.run();
    expect(calls).toBe(0);
    sim.checkInvariants = true;
    sim.schedule(1, () => {});
    sim.run();
    expect(calls).toBe(1);
  });

  test('an invariant that throws is reported as a breach', () => {
    const sim = new Simulation({ seed: 3, checkInvariants: true });
    sim.addInvariant('no throw', () => {
      throw new Error('boom');
    });
    sim.schedule(1, () => {});
    expect(() => sim.run()).toThrow(/invariant "no throw" violated .*: boom; reproduce with --seed 3/);
  });
});

describe('Activity and Timer: re-armable events', () => {
  test('re-arming moves an activity; only the latest arming fires', () => {
    const sim = new Simulation({ seed: 1 });
    const fired: number[] = [];
    const t = sim.root.timer(() => fired.push(sim.now), 'reconnect');
    t.arm(10);
    sim.schedule(5, () => t.arm(20)); // moved to t=25 before it fired
    sim.run();
    expect(fired).toEqual([25]);
    expect(sim.events).toBe(2);
    t.arm(3); // re-armed after it fired
    sim.run();
    expect(fired).toEqual([25, 28]);
  });

  test('a subclass that re-arms itself is a periodic event; cancel stops it', () => {
    const sim = new Simulation({ seed: 1 });
    const ticks: number[] = [];
    class Reconnect extends Activity {
      protected onFire(): void {
        ticks.push(sim.now);
        this.arm(3);
      }
    }
    const r = new Reconnect(sim.root, 'reconnect');
    r.arm(3);
    sim.schedule(10, () => r.cancel());
    sim.run();
    expect(ticks).toEqual([3, 6, 9]);
    expect(r.pending).toBe(false);
  });

  test('killing the scope disarms its activities', () => {
    const sim = new Simulation({ seed: 1 });
    const scope = sim.root.child('shd');
    let ran = false;
    const t = scope.schedule(10, () => (ran = true));
    sim.schedule(5, () => scope.kill());
    sim.run();
    expect(ran).toBe(false);
    expect(t.pending).toBe(false);
    expect(() => t.arm(1)).toThrow(/scope shd was killed/);
  });
});

describe('the trace-only channel', () => {
  test('sim.trace reaches listeners like sim.emit but leaves the fingerprint alone', () => {
    const run = (withTrace: boolean) => {
      const sim = new Simulation({ seed: 5 });
      const seen: string[] = [];
      sim.onTrace((e) => void seen.push(`${e.time} ${e.kind} ${e.entity}`));
      sim.schedule(10, () => {
        sim.emit('start', 'a');
        if (withTrace) sim.trace('rpc-call', 'a', { proc: 'attach' });
        sim.emit('stop', 'a');
      });
      sim.run();
      return { seen, fingerprint: sim.fingerprint, traced: sim.tracedEvents };
    };
    const plain = run(false);
    const traced = run(true);
    expect(traced.seen).toEqual(['10 start a', '10 rpc-call a', '10 stop a']);
    expect(plain.seen).toEqual(['10 start a', '10 stop a']);
    expect(traced.fingerprint).toBe(plain.fingerprint);
    expect(traced.traced).toBe(2);
  });

  test('tracing is off (and sim.trace free) while nobody listens', () => {
    const sim = new Simulation({ seed: 5 });
    expect(sim.tracing).toBe(false);
    sim.trace('rpc-call', 'a');
    const off = sim.onTrace(() => undefined);
    expect(sim.tracing).toBe(true);
    off();
    expect(sim.tracing).toBe(false);
  });
});
