import type { ModelCommand, Step } from '../../sim/scenario/ast.js';
import { loadScenarioText } from '../../sim/scenario/load.js';
import { load } from './helpers.js';

const cmd = (step: Step | undefined): ModelCommand => {
  if (step?.kind !== 'command') throw new Error(`not a command step: ${JSON.stringify(step)}`);
  return step.command;
};
const one = (text: string, before: string[] = []) => {
  const s = load([...before, text]).steps;
  return s[s.length - 1];
};
const gluster = (text: string) => {
  const c = cmd(one(text));
  if (c.kind !== 'gluster') throw new Error('not gluster');
  return c.command;
};

describe('loader: the top level', () => {
  test('name, description, nodes, params and model settings (parsed to the model types)', () => {
    const s = loadScenarioText(
      'demo.yaml',
      [
        'name: shd-demo-2',
        'description: A demo.',
        'cluster:',
        '  nodes: [h1, h2, "h{3..4}"]',
        'params:',
        '  files: 100',
        '  vol: v0',
        'model:',
        '  detach: drain',
        '  drain_timeout: 5s',
        '  faults: [attach-before-graph]',
        '  net_bandwidth: 1GiB/s',
        'steps:',
        '  - wait 1s',
      ].join('\n'),
    );
    expect(s.file).toBe('demo.yaml');
    expect(s.name).toBe('shd-demo-2');
    expect(s.description).toBe('A demo.');
    expect(s.nodes).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect(s.params).toEqual({ files: 100, vol: 'v0' });
    expect(s.model).toEqual({ detach: 'drain', drain_timeout: 5_000_000, faults: ['attach-before-graph'], net_bandwidth: 1024 ** 3 });
    expect(s.steps).toEqual([{ kind: 'wait', duration: 1_000_000, pos: { file: 'demo.yaml', line: 14, col: 5 }, text: 'wait 1s' }]);
  });

  test('description defaults to empty, model to no setting', () => {
    const s = load(['wait 1s']);
    expect(s.description).toBe('');
    expect(s.model).toEqual({});
    expect(s.params).toEqual({});
  });
});

describe('loader: gluster volume steps', () => {
  test('create: replica with a brace-expanded brick list', () => {
    expect(gluster('gluster volume create v0 replica 3 h{1..3}:/bricks/v0')).toEqual({
      op: 'volume-create',
      volume: 'v0',
      replica: 3,
      bricks: [
        { host: 'h1', path: '/bricks/v0' },
        { host: 'h2', path: '/bricks/v0' },
        { host: 'h3', path: '/bricks/v0' },
      ],
      force: false,
    });
  });

  test('create: arbiter, disperse/redundancy, distribute, force, paths normalised', () => {
    expect(gluster('gluster volume create a replica 3 arbiter 1 h1:/b/a h2:/b/a h3:/b/a force')).toMatchObject({ replica: 3, arbiter: 1, force: true });
    expect(gluster('gluster volume create e disperse 3 redundancy 1 h{1..3}:/b/e')).toMatchObject({ disperse: 3, redundancy: 1, force: false });
    const d = gluster('gluster volume create d h1:/b//d/ h1:/b/d2');
    expect(d).toEqual({ op: 'volume-create', volume: 'd', bricks: [{ host: 'h1', path: '/b/d' }, { host: 'h1', path: '/b/d2' }], force: false });
  });

  test('a replica count that does not divide the bricks is not a load error (GlusterFS refuses it at run time)', () => {
    expect(gluster('gluster volume create v0 replica 3 h1:/b/1 h2:/b/1')).toMatchObject({ replica: 3 });
  });

  test('start, stop, delete', () => {
    expect(gluster('gluster volume start v0')).toEqual({ op: 'volume-start', volume: 'v0', force: false });
    expect(gluster('gluster volume start v0 force')).toEqual({ op: 'volume-start', volume: 'v0', force: true });
    expect(gluster('gluster volume stop v0 force')).toEqual({ op: 'volume-stop', volume: 'v0', force: true });
    expect(gluster('gluster volume delete v0')).toEqual({ op: 'volume-delete', volume: 'v0' });
  });

  test('add-brick and remove-brick', () => {
    expect(gluster('gluster volume add-brick v0 replica 3 h3:/b/v0')).toEqual({ op: 'add-brick', volume: 'v0', replica: 3, bricks: [{ host: 'h3', path: '/b/v0' }], force: false });
    expect(gluster('gluster volume add-brick v0 replica 3 arbiter 1 h3:/b/a force')).toMatchObject({ replica: 3, arbiter: 1, force: true });
    expect(gluster('gluster volume remove-brick v0 replica 2 h3:/b/v0 force')).toEqual({ op: 'remove-brick', volume: 'v0', replica: 2, bricks: [{ host: 'h3', path: '/b/v0' }], force: true });
  });

  test('set, reset, heal', () => {
    expect(gluster('gluster volume set v0 cluster.heal-timeout 10')).toEqual({ op: 'volume-set', volume: 'v0', key: 'cluster.heal-timeout', value: '10' });
    expect(gluster('gluster volume reset v0')).toEqual({ op: 'volume-reset', volume: 'v0' });
    expect(gluster('gluster volume reset v0 cluster.eager-lock')).toEqual({ op: 'volume-reset', volume: 'v0', key: 'cluster.eager-lock' });
    expect(gluster('gluster volume heal v0')).toEqual({ op: 'volume-heal', volume: 'v0', action: 'index' });
    for (const a of ['enable', 'disable', 'full'] as const) expect(gluster(`gluster volume heal v0 ${a}`)).toEqual({ op: 'volume-heal', volume: 'v0', action: a });
  });
});

describe('loader: other commands', () => {
  test('process and node faults', () => {
    expect(cmd(one('kill-brick h{1,3}:/b/v0'))).toEqual({ kind: 'kill-brick', bricks: [{ host: 'h1', path: '/b/v0' }, { host: 'h3', path: '/b/v0' }] });
    expect(cmd(one('kill-glusterd h2'))).toEqual({ kind: 'kill-glusterd', host: 'h2' });
    expect(cmd(one('start-glusterd h2'))).toEqual({ kind: 'start-glusterd', host: 'h2' });
    expect(cmd(one('kill-node h3'))).toEqual({ kind: 'kill-node', host: 'h3' });
    expect(cmd(one('reboot h1'))).toEqual({ kind: 'reboot', host: 'h1', down: 60_000_000 });
    expect(cmd(one('reboot h1 down 1.5m'))).toEqual({ kind: 'reboot', host: 'h1', down: 90_000_000 });
  });

  test('mount and umount', () => {
    expect(cmd(one('mount v0 /mnt/v0'))).toEqual({ kind: 'mount', volume: 'v0', mountpoint: '/mnt/v0' });
    expect(cmd(one('mount v0 /mnt/v0/ on h2'))).toEqual({ kind: 'mount', volume: 'v0', mountpoint: '/mnt/v0', host: 'h2' });
    expect(cmd(one('umount /mnt/v0'))).toEqual({ kind: 'umount', mountpoint: '/mnt/v0' });
  });

  test('touch: paths split at the longest mounted prefix, names relative to the mount root', () => {
    const before = ['mount v0 /mnt', 'mount v1 /mnt/v1'];
    expect(cmd(one('touch /mnt/v1/f{1..3}', before))).toEqual({ kind: 'touch', mountpoint: '/mnt/v1', names: ['f1', 'f2', 'f3'] });
    expect(cmd(one('touch /mnt/x /mnt/y', before))).toEqual({ kind: 'touch', mountpoint: '/mnt', names: ['x', 'y'] });
  });

  test('write with and without rate and duration', () => {
    expect(cmd(one('write /mnt/v0 files=10 size=4KiB..64MiB', ['mount v0 /mnt/v0']))).toEqual({ kind: 'write', mountpoint: '/mnt/v0', files: 10, sizeMin: 4096, sizeMax: 64 * 1024 ** 2 });
    expect(cmd(one('write /mnt/v0 for=2m rate=0.5/s size=1GiB files=3', ['mount v0 /mnt/v0']))).toEqual({
      kind: 'write',
      mountpoint: '/mnt/v0',
      files: 3,
      sizeMin: 1024 ** 3,
      sizeMax: 1024 ** 3,
      rate: 0.5,
      duration: 120_000_000,
    });
  });

  test('wait with every unit', () => {
    const waits = load(['wait 250ms', 'wait 45s', 'wait 1.5m', 'wait 2h', 'wait 1d', 'wait 10']).steps.map((s) => (s.kind === 'wait' ? s.duration : -1));
    expect(waits).toEqual([250_000, 45_000_000, 90_000_000, 7_200_000_000, 86_400_000_000, 10_000_000]);
  });
});

describe('loader: let and expect', () => {
  test('let stores an observable; $var is read later', () => {
    const [l, e] = load(['let pid0 = shd_pid(v0, h1)', 'expect shd_pid(v0,h1) == $pid0']).steps;
    expect(l).toMatchObject({ kind: 'let', name: 'pid0', expr: { kind: 'observable', call: { name: 'shd_pid', volume: 'v0', host: 'h1' } } });
    expect(e).toMatchObject({ kind: 'expect', op: '==', right: { kind: 'var', name: 'pid0' } });
    expect(e).not.toHaveProperty('within');
  });

  test('precedence, parentheses, unary minus; within', () => {
    const [e] = load(['expect log_lines(h1) - 2 * (log_bytes(h2) + 1) % 3 >= -4 within 80s']).steps;
    expect(e).toEqual({
      kind: 'expect',
      pos: { file: 's.yaml', line: 5, col: 5 },
      text: 'expect log_lines(h1) - 2 * (log_bytes(h2) + 1) % 3 >= -4 within 80s',
      left: {
        kind: 'binary',
        op: '-',
        left: { kind: 'observable', call: { name: 'log_lines', host: 'h1' } },
        right: {
          kind: 'binary',
          op: '%',
          left: { kind: 'binary', op: '*', left: { kind: 'int', value: 2 }, right: { kind: 'binary', op: '+', left: { kind: 'observable', call: { name: 'log_bytes', host: 'h2' } }, right: { kind: 'int', value: 1 } } },
          right: { kind: 'int', value: 3 },
        },
      },
      op: '>=',
      right: { kind: 'int', value: -4 },
      within: 80_000_000,
    });
  });

  test('every observable with its arguments', () => {
    const exprs = load([
      'expect shd_count(h1) + pidfile(v0, h2) + healer_threads(h3, ec) + cleanup_threads(h1) + pending_heals(v0) + attached(v0, h1) + shd_starts(h2) + brick_up(h1:/b/v0/) + glusterd_up(h3) > 0',
    ]).steps;
    const calls: unknown[] = [];
    const walk = (x: unknown): void => {
      const e = x as { kind: string; call?: unknown; left?: unknown; right?: unknown };
      if (e.kind === 'observable') calls.push(e.call);
      if (e.kind === 'binary') {
        walk(e.left);
        walk(e.right);
      }
    };
    walk((exprs[0] as Extract<Step, { kind: 'expect' }>).left);
    expect(calls).toEqual([
      { name: 'shd_count', host: 'h1' },
      { name: 'pidfile', volume: 'v0', host: 'h2' },
      { name: 'healer_threads', host: 'h3', kind: 'ec' },
      { name: 'cleanup_threads', host: 'h1' },
      { name: 'pending_heals', volume: 'v0' },
      { name: 'attached', volume: 'v0', host: 'h1' },
      { name: 'shd_starts', host: 'h2' },
      { name: 'brick_up', brick: { host: 'h1', path: '/b/v0' } },
      { name: 'glusterd_up', host: 'h3' },
    ]);
  });

  test('every comparison operator', () => {
    const ops = load(['expect 1 == 1', 'expect 1 != 2', 'expect 1 < 2', 'expect 1 <= 2', 'expect 2 > 1', 'expect 2 >= 1']).steps.map((s) => (s.kind === 'expect' ? s.op : ''));
    expect(ops).toEqual(['==', '!=', '<', '<=', '>', '>=']);
  });
});

describe('loader: params, modes and repeat', () => {
  test('${} in steps from params, with arithmetic', () => {
    const s = load(['gluster volume create v${n*2} h${n}:/b', 'mount v4 /mnt', 'touch /mnt/f{1..${files}}'], ['params:', '  n: 2', '  files: 3']);
    expect(s.steps[0]!.text).toBe('gluster volume create v4 h2:/b');
    expect(s.steps).toHaveLength(3);
    expect(s.steps[2]).toMatchObject({ text: 'touch /mnt/f{1..3}', command: { kind: 'touch', names: ['f1', 'f2', 'f3'] } });
  });

  test('modes: the step keeps its modes', () => {
    const [a, b] = load(['step: wait 1s\n    modes: [mux]', 'step: wait 2s\n    modes: [mux, legacy]']).steps;
    expect(a).toMatchObject({ kind: 'wait', modes: ['mux'], pos: { line: 5, col: 11 } });
    expect(b!.modes).toEqual(['legacy', 'mux']);
  });

  test('repeat: unrolled with its loop variable, every, and modes', () => {
    const s = load(['repeat: ${n}\n    as: i\n    every: ${n}0s\n    modes: [legacy]\n    steps:\n      - gluster volume create c${i} replica 3 h{1..3}:/b/c${(i-1)%3+1}'], ['params:', '  n: 4']);
    const r = s.steps[0]!;
    if (r.kind !== 'repeat') throw new Error('not a repeat');
    expect(r).toMatchObject({ count: 4, as: 'i', every: 40_000_000, modes: ['legacy'], text: 'repeat 4 as i every 40s', pos: { line: 7, col: 5 } });
    expect(r.iterations).toHaveLength(4);
    expect(r.iterations.map((it) => it[0]!.text)).toEqual([
      'gluster volume create c1 replica 3 h{1..3}:/b/c1',
      'gluster volume create c2 replica 3 h{1..3}:/b/c2',
      'gluster volume create c3 replica 3 h{1..3}:/b/c3',
      'gluster volume create c4 replica 3 h{1..3}:/b/c1',
    ]);
    expect(r.iterations[3]![0]!.pos).toEqual({ file: 's.yaml', line: 12, col: 9 });
  });

  test('nested repeats see the outer loop variable', () => {
    const s = load(['repeat: 2\n    as: i\n    steps:\n      - repeat: ${i+1}\n        as: j\n        steps:\n          - wait ${i*10+j}s']);
    const outer = s.steps[0] as Extract<Step, { kind: 'repeat' }>;
    const texts = outer.iterations.map((it) => (it[0] as Extract<Step, { kind: 'repeat' }>).iterations.map((x) => x[0]!.text));
    expect(texts).toEqual([['wait 11s', 'wait 12s'], ['wait 21s', 'wait 22s', 'wait 23s']]);
  });

  test('repeat 0 has no iterations; a repeat without as has no variable', () => {
    const s = load(['repeat: 0\n    steps: [wait 1s]', 'repeat: 2\n    steps: [wait 1s]']);
    expect((s.steps[0] as Extract<Step, { kind: 'repeat' }>).iterations).toEqual([]);
    expect(s.steps[1]).not.toHaveProperty('as');
    expect((s.steps[1] as Extract<Step, { kind: 'repeat' }>).iterations).toHaveLength(2);
  });

  test('a let inside a mode-restricted step may be read by steps of that mode only', () => {
    const s = load(['step: let x = shd_count(h1)\n    modes: [mux]', 'step: expect $x == 1\n    modes: [mux]']);
    expect(s.steps).toHaveLength(2);
  });
});
