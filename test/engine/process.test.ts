import { Simulation } from '../../sim/engine/simulation.js';
import { sleep, waitFor, anyOf, allOf, type ProcessBody, ProcessError } from '../../sim/engine/process.js';
import { Signal, Future } from '../../sim/engine/signal.js';

describe('processes', () => {
  test('sleep advances simulated time; a bare number is a sleep', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    sim.spawn('p', (function* (): ProcessBody {
      log.push(`start@${sim.now}`);
      yield sleep(100);
      log.push(`a@${sim.now}`);
      yield 50;
      log.push(`b@${sim.now}`);
    })());
    sim.run();
    expect(log).toEqual(['start@0', 'a@100', 'b@150']);
  });

  test('processes woken at the same instant run in the order they were scheduled', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    for (const name of ['x', 'y', 'z']) {
      sim.spawn(name, (function* (): ProcessBody {
        yield sleep(10);
        log.push(name);
        yield sleep(0);
        log.push(name.toUpperCase());
      })());
    }
    sim.run();
    expect(log).toEqual(['x', 'y', 'z', 'X', 'Y', 'Z']);
  });

  test('waitFor a signal returns the fired value; a signal remembers nothing', () => {
    const sim = new Simulation({ seed: 1 });
    const sig = new Signal<string>('child-up');
    const log: string[] = [];
    sim.spawn('early', (function* (): ProcessBody {
      const v: string = yield waitFor(sig);
      log.push(`early got ${v}@${sim.now}`);
    })());
    sim.schedule(5, () => sig.fire('one'));
    sim.spawn('late', (function* (): ProcessBody {
      yield sleep(6); // starts waiting after the first fire
      const v: string = yield waitFor(sig);
      log.push(`late got ${v}@${sim.now}`);
    })());
    sim.schedule(9, () => sig.fire('two'));
    sim.run();
    expect(log).toEqual(['early got one@5', 'late got two@9']);
    expect(sig.waiting).toBe(0);
  });

  test('a resolved future answers every later wait at once', () => {
    const sim = new Simulation({ seed: 1 });
    const reply = new Future<number>('reply');
    const log: string[] = [];
    sim.schedule(3, () => reply.resolve(0));
    for (const at of [1, 8]) {
      sim.spawn(`w${at}`, (function* (): ProcessBody {
        yield sleep(at);
        const v: number = yield waitFor(reply);
        log.push(`w${at}:${v}@${sim.now}`);
      })());
    }
    sim.run();
    expect(log).toEqual(['w1:0@3', 'w8:0@8']);
    expect(reply.resolve(5)).toBe(false);
    expect(reply.value).toBe(0);
  });

  test('anyOf returns the index of the first, or -1 on timeout (a cond_timedwait)', () => {
    const sim = new Simulation({ seed: 1 });
    const a = new Signal('a'), b = new Signal('b');
    const got: [number, number][] = [];
    sim.spawn('waiter', (function* (): ProcessBody {
      for (;;) {
        const i: number = yield anyOf([a, b], 100);
        got.push([i, sim.now]);
        if (got.length === 3) return;
      }
    })());
    sim.schedule(30, () => b.fire());
    sim.schedule(30, () => a.fire()); // same instant, after b: the wait already ended
    sim.run();
    // b at 30, then a timeout 100 later at 130, then another at 230
    expect(got).toEqual([[1, 30], [-1, 130], [-1, 230]]);
  });

  test('allOf waits for every one, or reports false on timeout', () => {
    const sim = new Simulation({ seed: 1 });
    const a = new Future('a'), b = new Future('b'), c = new Future('c');
    const got: [boolean, number][] = [];
    sim.spawn('all', (function* (): ProcessBody {
      got.push([yield allOf([a, b]), sim.now]);
      got.push([yield allOf([c], 10), sim.now]);
      got.push([yield allOf([]), sim.now]);
    })());
    sim.schedule(4, () => a.resolve());
    sim.schedule(7, () => b.resolve());
    sim.run();
    expect(got).toEqual([[true, 7], [false, 17], [true, 17]]);
  });

  test('join: a process waits for another one to exit and gets its value', () => {
    const sim = new Simulation({ seed: 1 });
    const worker = sim.spawn('worker', (function* (): ProcessBody<number> {
      yield sleep(42);
      return 7;
    })());
    let seen: unknown;
    sim.spawn('boss', (function* (): ProcessBody {
      seen = yield waitFor(worker.exited);
    })());
    sim.run();
    expect(seen).toEqual({ killed: false, value: 7 });
    expect(worker.state).toBe('done');
  });

  test('kill: nothing of the process runs afterwards, its sleeps and waits are gone', () => {
    const sim = new Simulation({ seed: 1 });
    const sig = new Signal('never');
    const log: string[] = [];
    const sleeper = sim.spawn('sleeper', (function* (): ProcessBody {
      try {
        yield sleep(100);
        log.push('sleeper woke');
      } finally {
        log.push('sleeper finally'); // SIGKILL runs no cleanup
      }
    })());
    const waiter = sim.spawn('waiter', (function* (): ProcessBody {
      yield anyOf([sig], 1000);
      log.push('waiter woke');
    })());
    let joined: unknown;
    sim.spawn('joiner', (function* (): ProcessBody {
      joined = yield waitFor(sleeper.exited);
    })());
    sim.schedule(50, () => {
      sleeper.kill();
      waiter.kill();
    });
    sim.schedule(60, () => sig.fire());
    sim.run();
    expect(log).toEqual([]);
    expect(joined).toEqual({ killed: true, value: undefined });
    expect(sleeper.state).toBe('killed');
    // only the spawn steps, the kill timer, the fire and the joiner's wake ran: no stale entry counted
    expect(sim.events).toBe(3 + 1 + 1 + 1);
    expect(sim.now).toBe(60);
  });

  test('killing a scope kills its processes, timers and child scopes, and nothing else', () => {
    const sim = new Simulation({ seed: 1 });
    const shd = sim.root.child('shd');
    const graph = shd.child('graph v0');
    const log: string[] = [];
    for (const [scope, name] of [[shd, 'main'], [graph, 'healer'], [sim.root, 'glusterd']] as const) {
      scope.spawn(name, (function* (): ProcessBody {
        for (;;) {
          yield sleep(10);
          log.push(`${name}@${sim.now}`);
        }
      })());
    }
    graph.schedule(25, () => log.push('reconnect timer'));
    sim.schedule(15, () => shd.kill());
    sim.run({ until: 35 });
    expect(log).toEqual(['main@10', 'healer@10', 'glusterd@10', 'glusterd@20', 'glusterd@30']);
    expect(shd.alive).toBe(false);
    expect(graph.alive).toBe(false);
    expect(shd.processCount).toBe(0);
    expect(() => graph.spawn('late', (function* (): ProcessBody {})())).toThrow(/scope graph v0 was killed/);
  });

  test('a process that kills its own scope stops at once', () => {
    const sim = new Simulation({ seed: 1 });
    const scope = sim.root.child('proc');
    const log: string[] = [];
    scope.spawn('suicide', (function* (): ProcessBody {
      yield sleep(1);
      scope.kill();
      log.push('still here'); // the rest of this step runs (it is one atomic event)...
      yield sleep(1);
      log.push('after'); // ...but nothing after its next yield
    })());
    sim.run();
    expect(log).toEqual(['still here']);
  });

  test('an exception in a process stops the run with the process name and time', () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn('broken', (function* (): ProcessBody {
      yield sleep(5);
      throw new Error('bad state');
    })());
    expect(() => sim.run()).toThrow(ProcessError);
    const sim2 = new Simulation({ seed: 1 });
    sim2.spawn('broken', (function* (): ProcessBody {
      yield sleep(5);
      throw new Error('bad state');
    })());
    expect(() => sim2.run()).toThrow('process broken failed at t=5us: bad state');
  });

  test('negative or fractional sleeps are refused', () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn('neg', (function* (): ProcessBody {
      yield sleep(-1);
    })());
    expect(() => sim.run()).toThrow(/whole number of microseconds/);
  });

  test('stale registrations are swept so a signal that never fires does not grow without bound', () => {
    const sim = new Simulation({ seed: 1 });
    const never = new Signal('never');
    sim.spawn('poller', (function* (): ProcessBody {
      for (let i = 0; i < 10_000; i++) yield anyOf([never], 1);
    })());
    sim.run();
    expect(never.waiting).toBe(0);
    // internal list stays small: at most the compaction threshold
    expect((never as unknown as { waiters: unknown[] }).waiters.length).toBeLessThanOrEqual(32);
  });
});

describe('Mutex', () => {
  test('waiters get the lock first-come first-served; the holder keeps it across sleeps', async () => {
    const { Mutex } = await import('../../sim/engine/mutex.js');
    const sim = new Simulation({ seed: 1 });
    const big = new Mutex('big_lock');
    const log: string[] = [];
    const worker = (name: string, start: number, hold: number) =>
      sim.spawn(name, (function* (): ProcessBody {
        yield sleep(start);
        yield waitFor(big.acquire());
        log.push(`${name} in@${sim.now}`);
        yield sleep(hold);
        log.push(`${name} out@${sim.now}`);
        big.release();
      })());
    worker('a', 0, 10);
    worker('b', 1, 5);
    worker('c', 2, 1);
    sim.run();
    expect(log).toEqual(['a in@0', 'a out@10', 'b in@10', 'b out@15', 'c in@15', 'c out@16']);
    expect(big.locked).toBe(false);
    expect(() => big.release()).toThrow(/not held/);
  });
});

describe('Mutex and killed waiters', () => {
  test('a waiter killed while queued never gets the lock; the next one does', async () => {
    const { Mutex } = await import('../../sim/engine/mutex.js');
    const sim = new Simulation({ seed: 1 });
    const big = new Mutex('big_lock', sim);
    const log: string[] = [];
    const holder = (name: string, start: number) =>
      sim.spawn(name, (function* (): ProcessBody {
        yield sleep(start);
        yield waitFor(big.acquire());
        log.push(`${name}@${sim.now}`);
        yield sleep(10);
        big.release();
      })());
    holder('first', 0);
    const doomed = holder('doomed', 1);
    holder('third', 2);
    sim.schedule(5, () => doomed.kill());
    sim.run();
    expect(log).toEqual(['first@0', 'third@10']);
    expect(big.locked).toBe(false);
  });
});
